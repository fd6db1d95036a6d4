/**
 * The synchronous half of JWT checking: Envoy's jwt_authn filter for one request, with the
 * requirement Istio builds (`convertToEnvoyJwtConfig`):
 *   one provider:  ANY(P0; allow_missing)
 *   N providers:   ANY(P0, …, Pn-1, ALL(ANY(P0; allow_missing), …, ANY(Pn-1; allow_missing)))
 * Verifiers follow Envoy's `verifier.cc` (ANY stops at the first Ok; when all fail it reports the
 * last real error, else "unknown issuer", else "missing"; `allow_missing` turns "missing" into Ok;
 * ALL stops at the first failure) and `authenticator.cc` (tokens are checked last-extracted first;
 * parse, issuer, time with 60 s skew, audience, key; every token must pass; a validated header token
 * is removed unless `forwardOriginalToken`).
 */
import type { HttpRequestModel } from '../request';
import { normalizePayload, requestPrincipalOf } from './claims';
import { resolveSource, sourceKeyOf, type JwksSource, type JwtContext } from './jwks';
import { extractTokens, locationsOf, type ExtractedToken, type RuleLocations } from './locations';
import { sortProviders, type JwtProvider } from './provider';
import { parseJwt, type ParsedJwt } from './token';

/** Envoy's default `clock_skew_seconds`; Istio does not override it. */
export const CLOCK_SKEW_SECONDS = 60;

export interface JwtOutcome {
  result: 'pass' | 'unauthenticated' | 'audience-rejected';
  /** Claims of the accepted token (space-delimited claims split into lists), or null. */
  payload: Record<string, unknown> | null;
  /** `iss/sub` of the accepted token, or null (no token, or no sub). */
  requestPrincipal: string | null;
  /** The provider that accepted or rejected the request, when one did. */
  provider: JwtProvider | null;
  /** Plain-words explanation for a trace. */
  message: string;
  /** Locations whose validated token is removed before the request goes upstream. */
  stripped: { in: string }[];
  /**
   * Headers jwt_authn adds for the accepted tokens, in order: `outputPayloadToHeader` (the
   * token's payload segment as sent, base64url) and `outputClaimToHeaders`. Absent when none.
   */
  outputHeaders?: [name: string, value: string][];
}

type Status = 'Ok' | 'JwtMissed' | 'JwtUnknownIssuer' | 'JwtAudienceNotAllowed' | 'Failed';

interface Accepted {
  provider: JwtProvider;
  payload: Record<string, unknown>;
  in: string;
  /** The token's payload segment as sent (what `outputPayloadToHeader` forwards). */
  segment: string;
  /** The payload as decoded, before space-delimited claims are split (what claim headers read). */
  raw: Record<string, unknown>;
}

interface Completion {
  status: Status;
  message: string;
  provider: JwtProvider | null;
  /** Tokens accepted on the way to an Ok. */
  accepted: Accepted[];
}

type Requirement =
  | { kind: 'provider'; provider: JwtProvider }
  | { kind: 'any'; children: Requirement[]; allowMissing: boolean }
  | { kind: 'all'; children: Requirement[] };

/** Mutable per-request state: Envoy's verifiers share (and strip) one header map. */
interface RunState {
  headers: Map<string, string>;
  path: string;
  now: number;
  ctx: JwtContext;
  sources: Map<string, JwksSource>;
  stripped: string[];
}

function buildRequirement(providers: readonly JwtProvider[]): Requirement {
  const single = (p: JwtProvider): Requirement => ({
    kind: 'any',
    children: [{ kind: 'provider', provider: p }],
    allowMissing: true,
  });
  if (providers.length === 1) return single(providers[0] as JwtProvider);
  return {
    kind: 'any',
    allowMissing: false,
    children: [
      ...providers.map((p): Requirement => ({ kind: 'provider', provider: p })),
      { kind: 'all', children: providers.map(single) },
    ],
  };
}

function formatTime(seconds: number): string {
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(seconds);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function describeLocations(l: RuleLocations): string {
  const parts = [
    ...l.headers.map((h) => `header ${h.name}${h.prefix === '' ? '' : ` (prefix "${h.prefix}")`}`),
    ...l.params.map((p) => `query parameter ${p}`),
    ...l.cookies.map((c) => `cookie ${c}`),
  ];
  return parts.join(', ');
}

function providerName(p: JwtProvider): string {
  return `${p.ra.meta.namespace}/${p.ra.meta.name} jwtRules[${p.rule.index}] (issuer ${p.rule.issuer})`;
}

function sourceOf(p: JwtProvider, st: RunState): JwksSource {
  const key = sourceKeyOf(p.rule);
  let source = st.sources.get(key);
  if (source === undefined) {
    source = resolveSource(p.rule, st.ctx.listed);
    st.sources.set(key, source);
  }
  return source;
}

/** Key check; null when the signature verifies, else the failure text. */
function checkKey(jwt: ParsedJwt, token: string, p: JwtProvider, st: RunState): string | null {
  const source = sourceOf(p, st);
  switch (source.kind) {
    case 'unavailable':
      return `Jwks remote fetch is failed (${source.label} is unavailable, so no token can verify)`;
    case 'no-valid-keys':
      return `Jwks doesn't have valid keys (${source.label} has no usable key)`;
    case 'simulated':
      if (jwt.signature === 'simulated-valid') return null;
      if (jwt.signature === 'simulated-invalid') {
        return 'Jwt verification fails (the simulated token is marked signature: invalid)';
      }
      return (
        `Jwks doesn't have key to match kid or alg from Jwt (${source.label} is not listed in the ` +
        'Probes jwks map, so it serves only the key of simulated tokens, not the one that signed this JWT)'
      );
    case 'keys': {
      if (jwt.signature !== 'real') {
        return (
          `Jwks doesn't have key to match kid or alg from Jwt (a simulated token; ${source.label} ` +
          'serves only its listed keys)'
        );
      }
      const verdict = st.ctx.verdicts.get(sourceKeyOf(p.rule))?.get(token);
      if (verdict === 'ok') return null;
      if (verdict === 'no-matching-key') {
        return `Jwks doesn't have key to match kid or alg from Jwt (no key of ${source.label} fits kid "${jwt.kid}" / alg ${jwt.alg})`;
      }
      if (verdict === 'verification-fails') {
        return `Jwt verification fails (the signature does not verify with any key of ${source.label})`;
      }
      return 'Jwt verification fails (this token was not verified in advance by prepareJwt)';
    }
  }
}

/** CheckAudience: scheme prefix and trailing slash are ignored on both sides. */
function sanitizeAudience(aud: string): string {
  let a = aud;
  if (a.startsWith('http://')) a = a.slice(7);
  else if (a.startsWith('https://')) a = a.slice(8);
  if (a.endsWith('/')) a = a.slice(0, -1);
  return a;
}

function audienceAllowed(configured: readonly string[], audiences: readonly string[]): boolean {
  if (configured.length === 0) return true;
  const allowed = new Set(configured.map(sanitizeAudience));
  return audiences.some((a) => allowed.has(sanitizeAudience(a)));
}

/** Envoy's authenticator for one provider. */
function runProvider(p: JwtProvider, st: RunState): Completion {
  const locations = locationsOf(p.rule);
  const tokens: ExtractedToken[] = extractTokens(locations, st.headers, st.path);
  const fail = (status: Status, message: string): Completion => ({
    status,
    message,
    provider: p,
    accepted: [],
  });
  if (tokens.length === 0) {
    return fail('JwtMissed', `Jwt is missing (no token at ${describeLocations(locations)})`);
  }
  const accepted: Accepted[] = [];
  for (let t = tokens.pop(); t !== undefined; t = tokens.pop()) {
    const parsed = parseJwt(t.token);
    if (!parsed.ok) return fail('Failed', `${parsed.reason} (token in ${t.in})`);
    const jwt = parsed.jwt;
    if (p.rule.issuer !== '' && jwt.iss !== p.rule.issuer) {
      return fail(
        'JwtUnknownIssuer',
        `Jwt issuer is not configured (token in ${t.in} has iss "${jwt.iss}"; no provider reading there has that issuer)`,
      );
    }
    if (st.now + CLOCK_SKEW_SECONDS < jwt.nbf) {
      return fail(
        'Failed',
        `Jwt not yet valid (nbf ${formatTime(jwt.nbf)} is more than ${CLOCK_SKEW_SECONDS} s after now ${formatTime(st.now)})`,
      );
    }
    if (jwt.exp !== 0 && st.now > jwt.exp + CLOCK_SKEW_SECONDS) {
      return fail(
        'Failed',
        `Jwt is expired (exp ${formatTime(jwt.exp)} is more than ${CLOCK_SKEW_SECONDS} s before now ${formatTime(st.now)})`,
      );
    }
    if (!audienceAllowed(p.rule.audiences, jwt.audiences)) {
      const got = jwt.audiences.length === 0 ? 'none' : jwt.audiences.join(', ');
      return fail(
        'JwtAudienceNotAllowed',
        `Audiences in Jwt are not allowed (token aud: ${got}; allowed: ${p.rule.audiences.join(', ')})`,
      );
    }
    const keyFailure = checkKey(jwt, t.token, p, st);
    if (keyFailure !== null) return fail('Failed', keyFailure);
    accepted.push({
      provider: p,
      payload: normalizePayload(jwt.payload, p.rule.spaceDelimitedClaims),
      in: t.in,
      segment: t.token.split('.')[1] ?? '',
      raw: jwt.payload,
    });
    if (!p.rule.forwardOriginalToken && t.header !== null) {
      // Envoy removes a validated header token; query and cookie tokens stay (upstream TODO).
      st.headers.delete(t.header);
      if (!st.stripped.includes(t.in)) st.stripped.push(t.in);
    }
  }
  return { status: 'Ok', message: '', provider: p, accepted };
}

function run(req: Requirement, st: RunState): Completion {
  switch (req.kind) {
    case 'provider':
      return runProvider(req.provider, st);
    case 'all': {
      const accepted: Accepted[] = [];
      for (const child of req.children) {
        const c = run(child, st);
        if (c.status !== 'Ok') return c;
        accepted.push(...c.accepted);
      }
      return { status: 'Ok', message: '', provider: accepted[0]?.provider ?? null, accepted };
    }
    case 'any': {
      const done: Completion[] = [];
      for (const child of req.children) {
        const c = run(child, st);
        if (c.status === 'Ok') return c;
        done.push(c);
      }
      let final: Completion | null = null;
      for (const c of done) {
        const weak = c.status === 'JwtMissed' || c.status === 'JwtUnknownIssuer';
        if (final === null || !weak || final.status === 'JwtMissed') final = c;
      }
      if (final === null || (req.allowMissing && final.status === 'JwtMissed')) {
        return { status: 'Ok', message: '', provider: null, accepted: [] };
      }
      return final;
    }
  }
}

function headerMap(headers: Record<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') continue;
    const key = name.toLowerCase();
    const existing = map.get(key);
    map.set(key, existing === undefined ? value : `${existing},${value}`);
  }
  return map;
}

function isCorsPreflight(method: string, headers: ReadonlyMap<string, string>): boolean {
  return (
    method.toUpperCase() === 'OPTIONS' &&
    (headers.get('origin') ?? '') !== '' &&
    (headers.get('access-control-request-method') ?? '') !== ''
  );
}

/**
 * A claim as Envoy's `claim_to_headers` writes it (envoyproxy/envoy
 * `source/extensions/filters/http/jwt_authn/authenticator.cc` `addJWTClaimToHeader`): strings as
 * they are, numbers and booleans as text; a nested claim is named with `.`; anything else
 * (lists, objects, a missing claim) writes no header.
 */
function claimHeaderValue(payload: Record<string, unknown>, claim: string): string | null {
  let value: unknown = payload;
  for (const part of claim.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    if (!Object.prototype.hasOwnProperty.call(value, part)) return null;
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return null;
}

/** `outputPayloadToHeader` and `outputClaimToHeaders` of every accepted token, in order. */
function outputHeadersOf(accepted: readonly Accepted[]): { outputHeaders?: [string, string][] } {
  const out: [string, string][] = [];
  for (const a of accepted) {
    const rule = a.provider.rule;
    if (rule.outputPayloadToHeader) out.push([rule.outputPayloadToHeader.toLowerCase(), a.segment]);
    for (const { header, claim } of rule.outputClaimToHeaders) {
      const value = claimHeaderValue(a.raw, claim);
      if (value !== null) out.push([header.toLowerCase(), value]);
    }
  }
  return out.length ? { outputHeaders: out } : {};
}

const PASS_BASE = { payload: null, requestPrincipal: null, provider: null, stripped: [] } as const;

/** Decide jwt_authn for one request at `nowSeconds` (epoch seconds). Never throws. */
export function authenticate(
  providers: readonly JwtProvider[],
  request: HttpRequestModel,
  ctx: JwtContext,
  nowSeconds: number,
): JwtOutcome {
  try {
    if (providers.length === 0) {
      return { ...PASS_BASE, stripped: [], result: 'pass', message: 'No RequestAuthentication applies' };
    }
    const headers = headerMap(request.headers);
    if (isCorsPreflight(request.method, headers)) {
      return {
        ...PASS_BASE,
        stripped: [],
        result: 'pass',
        message:
          'CORS preflight request (OPTIONS with Origin and Access-Control-Request-Method) bypasses JWT',
      };
    }
    const st: RunState = {
      headers,
      path: request.path,
      now: Math.floor(nowSeconds),
      ctx,
      sources: new Map(),
      stripped: [],
    };
    const c = run(buildRequirement(sortProviders(providers)), st);
    if (c.status === 'Ok') {
      const first = c.accepted[0];
      if (first === undefined) {
        return {
          ...PASS_BASE,
          stripped: [],
          result: 'pass',
          message: 'No token at any configured location: passes JWT without a request principal',
        };
      }
      const principal = requestPrincipalOf(first.payload);
      return {
        result: 'pass',
        payload: first.payload,
        requestPrincipal: principal,
        provider: first.provider,
        message:
          `Jwt in ${first.in} accepted by ${providerName(first.provider)}` +
          (principal === null
            ? '; it has no sub, so there is no request principal'
            : `; request principal ${principal}`),
        stripped: st.stripped.map((s) => ({ in: s })),
        ...outputHeadersOf(c.accepted),
      };
    }
    const provider = c.status === 'JwtUnknownIssuer' ? null : c.provider;
    return {
      result: c.status === 'JwtAudienceNotAllowed' ? 'audience-rejected' : 'unauthenticated',
      payload: null,
      requestPrincipal: null,
      provider,
      message: provider === null ? c.message : `${c.message}: ${providerName(provider)}`,
      stripped: [],
    };
  } catch (error) {
    return {
      ...PASS_BASE,
      stripped: [],
      result: 'unauthenticated',
      message: `Internal error while checking the JWT: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
