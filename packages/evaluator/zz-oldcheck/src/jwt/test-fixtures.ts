/** Builders shared by this folder's tests (not exported from the package). */
import type { HttpRequestModel } from '../request';
import type { JwtRule, RequestAuthentication } from '../resources/types';
import type { JwksSpec, TokenSpec } from '../types';
import { prepareJwt, type JwtContext } from './jwks';
import { placeTokens, type TokenPlacement } from './locations';
import type { JwtProvider } from './provider';
import { renderToken } from './token';

export const ISSUER_1 = 'test-issuer-1@istio.io';
export const ISSUER_2 = 'test-issuer-2@istio.io';

export function rule(partial: Partial<JwtRule> & { issuer: string }, index = 0): JwtRule {
  return {
    index,
    audiences: [],
    jwksUri: 'https://example.com/jwks.json',
    jwks: null,
    fromHeaders: [],
    fromParams: [],
    fromCookies: [],
    forwardOriginalToken: false,
    outputPayloadToHeader: null,
    outputClaimToHeaders: [],
    spaceDelimitedClaims: [],
    ...partial,
  };
}

/** One RequestAuthentication holding the given rules, as providers in document order. */
export function ra(name: string, rules: JwtRule[], document = 0): JwtProvider[] {
  const resource: RequestAuthentication = {
    meta: {
      kind: 'RequestAuthentication',
      name,
      namespace: 'foo',
      document,
      apiVersion: 'security.istio.io/v1',
      creationTimestamp: null,
      order: document,
      labels: {},
      annotations: {},
      basePath: [],
      rejected: false,
    },
    selector: null,
    targetRefs: [],
    jwtRules: rules.map((r, i) => ({ ...r, index: i })),
  };
  return resource.jwtRules.map((r) => ({ ra: resource, rule: r }));
}

/** A simulated token (valid signature unless said otherwise). */
export function sim(claims: Record<string, unknown>, signature: TokenSpec['signature'] = 'valid'): string {
  return renderToken({ claims, signature });
}

export function request(
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    tokens?: TokenPlacement[];
  } = {},
): HttpRequestModel {
  const placed = placeTokens(
    { headers: options.headers ?? {}, path: options.path ?? '/' },
    options.tokens ?? [],
  );
  return {
    method: options.method ?? 'GET',
    host: 'httpbin.foo:8000',
    path: placed.path,
    headers: placed.headers,
  };
}

/** Bearer token in the Authorization header (the probe's `token:` form). */
export function bearer(token: string, extra: Partial<HttpRequestModel> = {}): HttpRequestModel {
  return { ...request({ tokens: [{ value: token }] }), ...extra };
}

export function context(
  tokens: readonly string[],
  providers: readonly JwtProvider[],
  jwks: Record<string, JwksSpec> = {},
): Promise<JwtContext> {
  return prepareJwt(tokens, providers, jwks);
}
