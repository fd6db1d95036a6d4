/**
 * `principals` / `source.principal` values. Istio matches them against the peer's URI SAN with
 * `spiffe://` prepended (istio/istio pilot/pkg/security/authz/model/generator.go `srcPrincipalGenerator`,
 * `spiffe.URIPrefix`), so a value that already carries the scheme can never match. One check for
 * the lint that reports it and the matcher that compiles it.
 */
const SPIFFE_PREFIX = 'spiffe://';

/** Why a principal value can never match, or null when it can. */
export function principalNeverMatches(value: string): string | null {
  if (!value.startsWith(SPIFFE_PREFIX)) return null;
  return `principal "${value}" starts with spiffe://, which Istio adds itself; it never matches. Write "${value.slice(SPIFFE_PREFIX.length)}"`;
}
