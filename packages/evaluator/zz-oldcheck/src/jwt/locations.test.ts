/** placeTokens (probe → request) and extractTokens (request → tokens, Envoy's extractor). */
import { describe, expect, it } from 'vitest';
import { extractTokens, locationsOf, placeTokens, queryParams } from './locations';
import { rule } from './test-fixtures';

describe('placeTokens', () => {
  const base = { headers: { 'x-a': '1' }, path: '/ip' };

  it('defaults to Authorization with the Bearer prefix', () => {
    expect(placeTokens(base, [{ value: 'T' }]).headers).toEqual({ 'x-a': '1', authorization: 'Bearer T' });
  });

  it('puts other headers without a prefix unless one is given; names are lower-cased', () => {
    const out = placeTokens(base, [
      { value: 'T', in: 'header:X-Jwt' },
      { value: 'U', in: 'header:auth-token', prefix: 'Token ' },
    ]);
    expect(out.headers).toMatchObject({ 'x-jwt': 'T', 'auth-token': 'Token U' });
  });

  it('appends URL-encoded query parameters, keeping an existing query and a fragment', () => {
    expect(
      placeTokens({ headers: {}, path: '/p?x=1#frag' }, [{ value: 'a b&c', in: 'query:token' }]).path,
    ).toBe('/p?x=1&token=a%20b%26c#frag');
    expect(placeTokens({ headers: {}, path: '/' }, [{ value: 'T', in: 'query:access_token' }]).path).toBe(
      '/?access_token=T',
    );
  });

  it('appends cookies to the cookie header', () => {
    const out = placeTokens({ headers: { cookie: 'a=1' }, path: '/' }, [
      { value: 'T', in: 'cookie:session' },
    ]);
    expect(out.headers['cookie']).toBe('a=1; session=T');
  });
});

describe('extractTokens (C1 token locations)', () => {
  const headers = (h: Record<string, string>): Map<string, string> => new Map(Object.entries(h));

  it('defaults: Authorization Bearer and the access_token query parameter', () => {
    const loc = locationsOf(rule({ issuer: 'i' }));
    const got = extractTokens(loc, headers({ authorization: 'Bearer a.b.c' }), '/?access_token=d.e.f');
    expect(got.map((t) => [t.token, t.in])).toEqual([
      ['a.b.c', 'header:authorization'],
      ['d.e.f', 'query:access_token'],
    ]);
  });

  it('once any location is configured only those are read', () => {
    const loc = locationsOf(rule({ issuer: 'i', fromCookies: ['session'] }));
    const got = extractTokens(
      loc,
      headers({ authorization: 'Bearer a.b.c', cookie: 'x=1; session="t.o.k"' }),
      '/?access_token=d',
    );
    expect(got.map((t) => t.token)).toEqual(['t.o.k']);
  });

  it('a header without its prefix yields no token; with it, the JWT characters after the prefix', () => {
    const loc = locationsOf(rule({ issuer: 'i', fromHeaders: [{ name: 'X-Token', prefix: 'Value ' }] }));
    expect(extractTokens(loc, headers({ 'x-token': 'Bearer a.b.c' }), '/')).toEqual([]);
    expect(extractTokens(loc, headers({ 'x-token': 'Value a.b.c trailing' }), '/')[0]?.token).toBe('a.b.c');
  });

  it('query values are percent-decoded; the first occurrence wins', () => {
    expect(queryParams('/?t=a%2Eb&t=second#x').get('t')).toBe('a.b');
  });
});
