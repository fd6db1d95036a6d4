/**
 * JWT claim routing names and matchers. Expectations follow istio/istio pkg/jwt/routing.go
 * (`@request.auth.claims.a.b` and `@request.auth.claims[a][b]`, the examples in route.go's
 * `translateMetadataMatch` comment) and the value matcher Istio builds in
 * pilot/pkg/security/authz/matcher/metadata.go (a matching string, or a list with a matching item).
 */
import { describe, expect, it } from 'vitest';
import { claimMatches, routingClaim } from './claims';

describe('routingClaim', () => {
  it('splits nested claims on dots', () => {
    expect(routingClaim('@request.auth.claims.admin')).toEqual(['admin']);
    expect(routingClaim('@request.auth.claims.group.id')).toEqual(['group', 'id']);
    expect(routingClaim('@request.auth.claims.name.givenName')).toEqual(['name', 'givenName']);
  });

  it('splits bracketed claims on ][ so names may contain dots', () => {
    expect(routingClaim('@request.auth.claims[admin]')).toEqual(['admin']);
    expect(routingClaim('@request.auth.claims[group][id]')).toEqual(['group', 'id']);
    expect(routingClaim('@request.auth.claims[key.with.dots]')).toEqual(['key.with.dots']);
  });

  it('compares the prefix case-insensitively and keeps the claim name as written', () => {
    expect(routingClaim('@Request.Auth.Claims.Groups')).toEqual(['Groups']);
  });

  it('is null for ordinary headers and incomplete forms', () => {
    expect(routingClaim('x-user')).toBeNull();
    expect(routingClaim('@request.auth.claims')).toBeNull();
    expect(routingClaim('@request.auth.claims.')).toBeNull();
    expect(routingClaim('@request.auth.claims[]')).toBeNull();
    expect(routingClaim('@request.auth.claims[open')).toBeNull();
    expect(routingClaim('@request.auth.claimsx')).toBeNull();
  });
});

describe('claimMatches', () => {
  const payload = {
    iss: 'testing@secure.istio.io',
    groups: ['group1', 'group2'],
    name: { givenName: 'Ada', n: 3 },
    'key.with.dots': 'v',
    admin: true,
    level: 3,
  };

  it('matches a string claim with exact, prefix and RE2 regex', () => {
    expect(claimMatches(payload, ['iss'], { exact: 'testing@secure.istio.io' })).toBe(true);
    expect(claimMatches(payload, ['iss'], { exact: 'testing' })).toBe(false);
    expect(claimMatches(payload, ['iss'], { prefix: 'testing@' })).toBe(true);
    expect(claimMatches(payload, ['iss'], { regex: '.*@secure\\.istio\\.io' })).toBe(true);
    expect(claimMatches(payload, ['iss'], { regex: 'secure' })).toBe(false);
  });

  it('matches a list claim when one of its items matches', () => {
    expect(claimMatches(payload, ['groups'], { exact: 'group1' })).toBe(true);
    expect(claimMatches(payload, ['groups'], { exact: 'group2' })).toBe(true);
    expect(claimMatches(payload, ['groups'], { exact: 'group3' })).toBe(false);
  });

  it('follows nested claims and bracketed names with dots', () => {
    expect(claimMatches(payload, ['name', 'givenName'], { exact: 'Ada' })).toBe(true);
    expect(claimMatches(payload, ['key.with.dots'], { exact: 'v' })).toBe(true);
    expect(claimMatches(payload, ['key', 'with', 'dots'], { exact: 'v' })).toBe(false);
  });

  it('never matches a missing claim, a non-string claim, an object, or no token', () => {
    expect(claimMatches(payload, ['missing'], { exact: 'x' })).toBe(false);
    expect(claimMatches(payload, ['admin'], { exact: 'true' })).toBe(false);
    expect(claimMatches(payload, ['level'], { exact: '3' })).toBe(false);
    expect(claimMatches(payload, ['name', 'n'], { exact: '3' })).toBe(false);
    expect(claimMatches(payload, ['name'], { prefix: '' })).toBe(false);
    expect(claimMatches(null, ['groups'], { exact: 'group1' })).toBe(false);
  });
});
