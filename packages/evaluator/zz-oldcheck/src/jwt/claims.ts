/** What a validated token contributes to authorization (`request.auth.*`). */

/** Claims Envoy always splits on spaces in the payload Istio reads (`scope`, `permission`). */
const DEFAULT_SPACE_DELIMITED = ['scope', 'permission'];

/**
 * The payload as authorization sees it: string claims named in `spaceDelimitedClaims` (plus the
 * defaults) become lists of their space-separated words; everything else is unchanged.
 */
export function normalizePayload(
  payload: Record<string, unknown>,
  spaceDelimitedClaims: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...payload };
  for (const claim of new Set([...DEFAULT_SPACE_DELIMITED, ...spaceDelimitedClaims])) {
    const value = out[claim];
    if (typeof value === 'string') out[claim] = value.split(' ').filter((w) => w !== '');
  }
  return out;
}

/** `request.auth.principal`: `<iss>/<sub>`, or null when either claim is missing or empty. */
export function requestPrincipalOf(payload: Record<string, unknown> | null): string | null {
  if (payload === null) return null;
  const iss = payload['iss'];
  const sub = payload['sub'];
  if (typeof iss !== 'string' || iss === '' || typeof sub !== 'string' || sub === '') return null;
  return `${iss}/${sub}`;
}
