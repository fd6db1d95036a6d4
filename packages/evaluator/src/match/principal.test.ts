/**
 * Istio prepends `spiffe://` to principal values (generator.go `srcPrincipalGenerator`,
 * `StringMatcherWithPrefix(value, spiffe.URIPrefix)`), so one that already has it never matches.
 */
import { describe, expect, it } from 'vitest';
import { principalNeverMatches } from './principal';

describe('principalNeverMatches', () => {
  it('names a value with the spiffe:// scheme and suggests the value without it', () => {
    expect(principalNeverMatches('spiffe://cluster.local/ns/foo/sa/sleep')).toContain(
      'Write "cluster.local/ns/foo/sa/sleep"',
    );
  });

  it('is null for principals Istio can match', () => {
    expect(principalNeverMatches('cluster.local/ns/foo/sa/sleep')).toBeNull();
    expect(principalNeverMatches('*')).toBeNull();
    expect(principalNeverMatches('*/ns/foo/sa/*')).toBeNull();
  });
});
