/**
 * JWKS sources and the asynchronous half of JWT checking: every real token is verified once per
 * evaluation against every JWKS a rule names, with jose, and the verdicts are cached as plain
 * data so `authenticate` can stay synchronous.
 *
 * What a source serves (the playground's model of istiod fetching a jwksUri):
 * - a `jwksUri` NOT listed in the Probes `jwks` map (or a rule with no JWKS at all, which Istio
 *   would discover from the issuer) serves the key that signed every simulated `signature: valid`
 *   token, and nothing else: a real `jwt:` token fails there, because nothing served signed it;
 * - a listed `jwksUri` with `keys`, or an inline `jwks`, serves exactly those keys: only real tokens
 *   signed by one of them verify;
 * - a listed `{unavailable: true}` cannot be fetched, so every token fails;
 * - a listed entry or inline `jwks` without any usable key fails every token too.
 */
import { compactVerify, importJWK, type JWK } from 'jose';
import { isRecord } from '../guards';
import type { JwksSpec } from '../types';
import type { JwtRule } from '../resources/types';
import type { JwtProvider } from './provider';
import { parseJwt } from './token';

export type JwksSource =
  | { kind: 'simulated'; label: string }
  | { kind: 'keys'; label: string; keys: Record<string, unknown>[] }
  | { kind: 'unavailable'; label: string }
  | { kind: 'no-valid-keys'; label: string };

/** Outcome of verifying one real token against one `keys` source (jwt_verify_lib's statuses). */
export type KeyVerdict = 'ok' | 'no-matching-key' | 'verification-fails';

/** Opaque per-evaluation cache: plain data and Maps only, so it can live inside the worker. */
export interface JwtContext {
  /** Workspace `jwks` entries by URI. */
  listed: Map<string, JwksSpec>;
  /** Source key (see `sourceKeyOf`) → token → verdict. */
  verdicts: Map<string, Map<string, KeyVerdict>>;
}

/** Stable key of the JWKS a rule names: inline JSON wins over a URI (as in istiod). */
export function sourceKeyOf(rule: JwtRule): string {
  if (rule.jwks !== null && rule.jwks !== '') return `inline:${rule.jwks}`;
  if (rule.jwksUri !== null && rule.jwksUri !== '') return `uri:${rule.jwksUri}`;
  return `issuer:${rule.issuer}`;
}

function keysOf(set: unknown): Record<string, unknown>[] {
  if (!isRecord(set) || !Array.isArray(set['keys'])) return [];
  return set['keys'].filter(isRecord);
}

/** What the JWKS a rule names serves. Synchronous, so `authenticate` can call it too. */
export function resolveSource(rule: JwtRule, listed: ReadonlyMap<string, JwksSpec>): JwksSource {
  if (rule.jwks !== null && rule.jwks !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rule.jwks);
    } catch {
      return { kind: 'no-valid-keys', label: 'the inline jwks (not valid JSON)' };
    }
    const keys = keysOf(parsed);
    return keys.length === 0
      ? { kind: 'no-valid-keys', label: 'the inline jwks' }
      : { kind: 'keys', label: 'the inline jwks', keys };
  }
  const uri = rule.jwksUri !== null && rule.jwksUri !== '' ? rule.jwksUri : null;
  if (uri === null) return { kind: 'simulated', label: `the OpenID discovery of ${rule.issuer}` };
  const spec = listed.get(uri);
  if (spec === undefined) return { kind: 'simulated', label: uri };
  if (spec.unavailable === true) return { kind: 'unavailable', label: uri };
  const keys = keysOf(spec);
  return keys.length === 0 ? { kind: 'no-valid-keys', label: uri } : { kind: 'keys', label: uri, keys };
}

/** Key type and curve an algorithm needs (jwt_verify_lib only tries keys of the right kind). */
function keyFits(alg: string, jwk: Record<string, unknown>): boolean {
  const kty = jwk['kty'];
  if (alg.startsWith('RS') || alg.startsWith('PS')) return kty === 'RSA';
  if (alg.startsWith('HS')) return kty === 'oct';
  if (alg === 'EdDSA') return kty === 'OKP';
  const curves: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };
  return kty === 'EC' && (jwk['crv'] === undefined || jwk['crv'] === curves[alg]);
}

/**
 * jwt_verify_lib `verifyJwtWithoutTimeChecking`: try every key whose kid (when both have one),
 * alg (when the key names one) and type fit; "no matching key" when none fits, otherwise
 * "verification fails" unless one verifies. Keys jose cannot import are not usable keys.
 */
async function verifyAgainst(token: string, keys: readonly Record<string, unknown>[]): Promise<KeyVerdict> {
  const parsed = parseJwt(token);
  if (!parsed.ok) return 'verification-fails';
  const { alg, kid } = parsed.jwt;
  let matched = false;
  for (const jwk of keys) {
    const keyKid = typeof jwk['kid'] === 'string' ? jwk['kid'] : '';
    if (kid !== '' && keyKid !== '' && keyKid !== kid) continue;
    if (typeof jwk['alg'] === 'string' && jwk['alg'] !== alg) continue;
    if (!keyFits(alg, jwk)) continue;
    let key: Awaited<ReturnType<typeof importJWK>>;
    try {
      key = await importJWK(jwk as JWK, alg);
    } catch {
      continue;
    }
    matched = true;
    try {
      await compactVerify(token, key);
      return 'ok';
    } catch {
      // try the next key
    }
  }
  return matched ? 'verification-fails' : 'no-matching-key';
}

/** The JWKS the Probes document lists, by URI (entries that are not objects are ignored). */
export function listedJwks(jwks: Record<string, JwksSpec>): Map<string, JwksSpec> {
  const listed = new Map<string, JwksSpec>();
  for (const [uri, spec] of Object.entries(jwks ?? {})) {
    if (isRecord(spec)) listed.set(uri, spec);
  }
  return listed;
}

/**
 * Verify every real token against every JWKS source with keys that any provider names. Simulated
 * tokens and strings that are not JWTs need no work here. Never throws.
 */
export async function prepareJwt(
  tokens: readonly string[],
  providers: readonly JwtProvider[],
  jwks: Record<string, JwksSpec>,
): Promise<JwtContext> {
  const listed = listedJwks(jwks);
  const ctx: JwtContext = { listed, verdicts: new Map() };
  const real = [...new Set(tokens)].filter((t) => {
    const parsed = parseJwt(t);
    return parsed.ok && parsed.jwt.signature === 'real';
  });
  if (real.length === 0) return ctx;
  for (const { rule } of providers) {
    try {
      const key = sourceKeyOf(rule);
      if (ctx.verdicts.has(key)) continue;
      const source = resolveSource(rule, listed);
      if (source.kind !== 'keys') continue;
      const verdicts = new Map<string, KeyVerdict>();
      for (const token of real) {
        try {
          verdicts.set(token, await verifyAgainst(token, source.keys));
        } catch {
          verdicts.set(token, 'verification-fails');
        }
      }
      ctx.verdicts.set(key, verdicts);
    } catch {
      // A provider we cannot read leaves no verdicts; `authenticate` then fails its tokens.
    }
  }
  return ctx;
}
