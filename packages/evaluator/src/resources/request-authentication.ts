/**
 * RequestAuthentication (security.istio.io), validated as Istio's webhook does
 * (`validation.go` ValidateRequestAuthentication / validateJwtRule), with the JWTRule defaults
 * of docs/semantics.md §C1 (empty locations, forwardOriginalToken false).
 */
import type { NodePath } from '../document';
import type { JwtHeader, JwtRule, RequestAuthentication, ResourceMeta } from './types';
import type { Reader } from '../read';
import { type Dict } from '../read';
import { isRecord } from '../guards';
import { readTargetRefs, readWorkloadSelector } from './policy-target';

const SPEC_FIELDS = ['selector', 'targetRef', 'targetRefs', 'jwtRules'] as const;
const JWT_RULE_FIELDS = [
  'issuer',
  'audiences',
  'jwksUri',
  'jwks',
  'fromHeaders',
  'fromParams',
  'fromCookies',
  'outputPayloadToHeader',
  'forwardOriginalToken',
  'outputClaimToHeaders',
  'timeout',
  'spaceDelimitedClaims',
] as const;

/**
 * A Go duration (`5s`, `1.5s`, `100ms`, `1m30s`) as the CRD's duration() accepts it. `\u00b5s`
 * is `µs`, written as an escape: the CLI's bundle must be ASCII (packages/cli/build.mjs).
 */
const DURATION = /^(\d+(\.\d+)?(ns|us|\u00b5s|ms|s|m|h))+$/;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60000,
  h: 3600000,
};

function durationMs(value: string): number | null {
  if (!DURATION.test(value)) return null;
  let total = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|\u00b5s|ms|s|m|h)/g)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 0);
  }
  return total;
}

/** jwksUri must parse as an http(s) URL (Istio's security.ParseJwksURI). */
function checkJwksUri(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `jwksUri "${value}" is not a valid URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `jwksUri "${value}": URI scheme "${url.protocol.replace(/:$/, '')}" is not supported; use http or https`;
  }
  return null;
}

/** Inline JWKS must parse as a JSON object (a key, or a set with `keys`). */
function isJwksJson(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed);
  } catch {
    return false;
  }
}

function nonEmptyStrings(r: Reader, obj: Dict, field: string, at: NodePath, what: string): string[] {
  const values = r.stringList(obj, field, at) ?? [];
  values.forEach((v, i) => {
    if (v === '') r.error('jwt.empty-value', [...at, field, i], `${what} must be non-empty string`);
  });
  return values;
}

function readJwtRule(r: Reader, raw: Dict, at: NodePath, index: number): JwtRule {
  r.fields(raw, at, JWT_RULE_FIELDS);
  const issuer = r.requiredString(raw, 'issuer', at, 'jwt.issuer-required');
  const jwksUri = r.string(raw, 'jwksUri', at) ?? null;
  const jwks = r.string(raw, 'jwks', at) ?? null;
  if (jwksUri !== null && jwksUri !== '' && jwks !== null && jwks !== '') {
    r.error('jwt.jwks-both', [...at, 'jwks'], 'jwksUri and jwks cannot both be set; use one of them', {
      key: true,
    });
  }
  if (jwks !== null && jwks !== '' && !isJwksJson(jwks)) {
    r.error(
      'jwt.jwks-parse',
      [...at, 'jwks'],
      'jwks parse error: inline jwks must be a JSON Web Key or Key Set (a JSON object)',
    );
  }
  if (jwksUri !== null && jwksUri !== '') {
    const problem = checkJwksUri(jwksUri);
    if (problem !== null) r.error('jwt.jwks-uri', [...at, 'jwksUri'], problem);
  }

  const fromHeaders: JwtHeader[] = [];
  const headers = r.list(raw, 'fromHeaders', at);
  if (headers !== undefined) {
    for (const [h, i] of r.dictItems(headers, [...at, 'fromHeaders'])) {
      const hPath = [...at, 'fromHeaders', i];
      r.fields(h, hPath, ['name', 'prefix']);
      const name = r.string(h, 'name', hPath) ?? '';
      if (name === '')
        r.error('jwt.header-name-required', hPath, 'location header name must be non-empty string');
      const prefix = r.string(h, 'prefix', hPath);
      fromHeaders.push(prefix === undefined ? { name } : { name, prefix });
    }
  }

  const outputClaimToHeaders: { header: string; claim: string }[] = [];
  const claims = r.list(raw, 'outputClaimToHeaders', at);
  if (claims !== undefined) {
    for (const [c, i] of r.dictItems(claims, [...at, 'outputClaimToHeaders'])) {
      const cPath = [...at, 'outputClaimToHeaders', i];
      r.fields(c, cPath, ['header', 'claim']);
      const header = r.string(c, 'header', cPath) ?? '';
      const claim = r.string(c, 'claim', cPath) ?? '';
      if (header === '')
        r.error('jwt.claim-header-required', cPath, 'outputClaimToHeaders header must be non-empty string');
      if (claim === '')
        r.error('jwt.claim-header-required', cPath, 'outputClaimToHeaders claim must be non-empty string');
      outputClaimToHeaders.push({ header, claim });
    }
  }

  const timeout = r.string(raw, 'timeout', at);
  if (timeout !== undefined) {
    const ms = durationMs(timeout);
    if (ms === null || ms < 1) {
      r.error(
        'jwt.timeout',
        [...at, 'timeout'],
        `timeout "${timeout}" must be a valid duration of at least 1ms (for example 5s)`,
      );
    }
  }

  return {
    index,
    issuer,
    audiences: nonEmptyStrings(r, raw, 'audiences', at, 'audience'),
    jwksUri: jwksUri === '' ? null : jwksUri,
    jwks: jwks === '' ? null : jwks,
    fromHeaders,
    fromParams: nonEmptyStrings(r, raw, 'fromParams', at, 'location query'),
    fromCookies: nonEmptyStrings(r, raw, 'fromCookies', at, 'cookie name'),
    forwardOriginalToken: r.boolean(raw, 'forwardOriginalToken', at) ?? false,
    outputPayloadToHeader: r.string(raw, 'outputPayloadToHeader', at) || null,
    outputClaimToHeaders,
    spaceDelimitedClaims: r.stringList(raw, 'spaceDelimitedClaims', at) ?? [],
  };
}

export function readRequestAuthentication(r: Reader, root: Dict, meta: ResourceMeta): RequestAuthentication {
  const spec = r.object(root, 'spec', []) ?? {};
  const at: NodePath = ['spec'];
  r.fields(spec, at, SPEC_FIELDS);
  const selector = readWorkloadSelector(r, spec, at);
  const targetRefs = readTargetRefs(r, spec, at, selector !== null);
  const jwtRules: JwtRule[] = [];
  const rules = r.list(spec, 'jwtRules', at);
  rules?.forEach((raw, i) => {
    const rulePath = [...at, 'jwtRules', i];
    if (raw === null) r.error('jwt.rule-nil', rulePath, `jwtRules[${i}] must not be null`);
    else {
      const rule = r.dict(raw, rulePath);
      if (rule !== undefined) jwtRules.push(readJwtRule(r, rule, rulePath, i));
    }
  });
  return { meta, selector, targetRefs, jwtRules };
}
