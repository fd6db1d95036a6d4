/**
 * Routing on JWT claims: a VirtualService header match named `@request.auth.claims…` is not a
 * header match. Istio turns it into a dynamic-metadata matcher on the payload the jwt_authn filter
 * stored for the validated token (istio/istio pkg/jwt/routing.go `ToRoutingClaim`,
 * pilot/pkg/networking/core/route/route.go `translateMetadataMatch`,
 * pilot/pkg/security/authz/matcher/metadata.go `MetadataListValueMatcher`):
 *
 * - the name is `@request.auth.claims` (prefix compared case-insensitively) followed by `.a.b`
 *   (nested claims split on `.`) or `[a][b]` (split on `][`, so a claim name may contain `.`);
 * - the value matcher is "a list one of whose items matches, or a string that matches": a string
 *   claim or a list-of-strings claim can match; numbers, booleans and objects never do;
 * - under `withoutHeaders` the matcher is inverted, so a missing claim (or no token) matches there.
 *
 * The payload exists only where jwt_authn ran with a RequestAuthentication and accepted a token.
 * Istio asks jwt_authn to clear the route cache (so routing sees the metadata) only on proxies that
 * are not sidecars (pilot/pkg/networking/plugin/authn/authentication.go), and its validation refuses
 * claim routes on a VirtualService that does not apply to a gateway (pkg/config/validation
 * validation.go): claim routing is a gateway feature.
 */
import { isRecord } from '../guards';
import { regexFullMatch } from '../match/regex';
import type { StringMatch } from '../resources/types';

const CLAIM_PREFIX = '@request.auth.claims';

/** The claim path a header name designates, or null when it is an ordinary header. */
export function routingClaim(headerName: string): string[] | null {
  if (!headerName.toLowerCase().startsWith(CLAIM_PREFIX)) return null;
  const rest = headerName.slice(CLAIM_PREFIX.length);
  if (rest.startsWith('.') && rest.length > 1) return rest.slice(1).split('.');
  if (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2) return rest.slice(1, -1).split('][');
  return null;
}

function stringMatches(m: StringMatch, value: string): boolean {
  if (m.exact !== undefined) return value === m.exact;
  if (m.prefix !== undefined) return value.startsWith(m.prefix);
  if (m.regex !== undefined) return regexFullMatch(m.regex, value);
  return true;
}

/** The value at a claim path of the payload; undefined when a step is missing or not an object. */
export function claimAt(payload: Record<string, unknown> | null, path: readonly string[]): unknown {
  let value: unknown = payload;
  for (const key of path) {
    if (!isRecord(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/**
 * Whether a claim matcher matches (before any inversion). `payload`: the validated token's claims
 * as jwt_authn stores them (space-delimited claims already split), or null without one.
 */
export function claimMatches(
  payload: Record<string, unknown> | null,
  path: readonly string[],
  m: StringMatch,
): boolean {
  const value = claimAt(payload, path);
  if (typeof value === 'string') return stringMatches(m, value);
  if (Array.isArray(value)) return value.some((item) => typeof item === 'string' && stringMatches(m, item));
  return false;
}
