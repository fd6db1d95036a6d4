/** A JWT provider: one `jwtRules` entry of a RequestAuthentication (Envoy provider `origins-<i>`). */
import type { JwtRule, RequestAuthentication } from '../resources/types';

export interface JwtProvider {
  ra: RequestAuthentication;
  rule: JwtRule;
}

/**
 * Istio's merge (`NewPolicyApplier`): the rules of every applicable RequestAuthentication,
 * concatenated and sorted by issuer. Duplicates stay separate providers. Istio's sort is not
 * stable; we keep document order among equal issuers so results are reproducible.
 */
export function sortProviders(providers: readonly JwtProvider[]): JwtProvider[] {
  return providers
    .map((p, i) => ({ p, i }))
    .sort((a, b) => {
      const x = a.p.rule.issuer;
      const y = b.p.rule.issuer;
      return x < y ? -1 : x > y ? 1 : a.i - b.i;
    })
    .map(({ p }) => p);
}
