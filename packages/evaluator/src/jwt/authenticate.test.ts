/**
 * docs/semantics.md §C2 rows and §F3 vectors, with simulated tokens. Each expectation is read from the
 * row or vector named in the test title, not from running the code.
 */
import { describe, expect, it } from 'vitest';
import { authenticate } from './authenticate';
import { ISSUER_1, ISSUER_2, bearer, context, ra, request, rule, sim } from './test-fixtures';

/** 2026-01-01T00:00:00Z, the Probes `now` used throughout. */
const NOW = 1767225600;
const HOUR = 3600;

const token1 = sim({ iss: ISSUER_1, sub: 'sub-1', exp: NOW + HOUR });
const token2 = sim({ iss: ISSUER_2, sub: 'sub-2', exp: NOW + HOUR });
const expired1 = sim({ iss: ISSUER_1, sub: 'sub-1', exp: NOW - 2 * HOUR });

const issuer1Only = ra('jwt-1', [rule({ issuer: ISSUER_1 })]);

describe('§C2 outcomes (single provider)', () => {
  it('C2 "No token": passes with no request principal', async () => {
    const ctx = await context([], issuer1Only);
    const out = authenticate(issuer1Only, request(), ctx, NOW);
    expect(out.result).toBe('pass');
    expect(out.requestPrincipal).toBeNull();
    expect(out.payload).toBeNull();
  });

  it('C2 "No token": an Authorization header without the Bearer prefix carries no token', async () => {
    const ctx = await context([], issuer1Only);
    const out = authenticate(
      issuer1Only,
      request({ headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
      ctx,
      NOW,
    );
    expect(out.result).toBe('pass');
    expect(out.requestPrincipal).toBeNull();
  });

  it('C2 "Malformed token": Bearer deadbeef → 401', async () => {
    const ctx = await context(['deadbeef'], issuer1Only);
    const out = authenticate(issuer1Only, bearer('deadbeef'), ctx, NOW);
    expect(out.result).toBe('unauthenticated');
    expect(out.message).toContain('Header.Payload.Signature');
  });

  it('C2 "Malformed token": access_token=invalidToken → 401', async () => {
    const ctx = await context([], issuer1Only);
    const out = authenticate(issuer1Only, request({ path: '/?access_token=invalidToken' }), ctx, NOW);
    expect(out.result).toBe('unauthenticated');
  });

  it('C2 "Expired": exp more than 60 s before now → 401 Jwt is expired', async () => {
    const t = sim({ iss: ISSUER_1, sub: 'sub-1', exp: NOW - 61 });
    const out = authenticate(issuer1Only, bearer(t), await context([t], issuer1Only), NOW);
    expect(out.result).toBe('unauthenticated');
    expect(out.message).toMatch(/^Jwt is expired \(exp 2025-12-31T23:58:59Z is more than 60 s before now/);
  });

  it('C2 "Expired": exp within the 60 s clock skew still passes', async () => {
    const t = sim({ iss: ISSUER_1, sub: 'sub-1', exp: NOW - 60 });
    const out = authenticate(issuer1Only, bearer(t), await context([t], issuer1Only), NOW);
    expect(out.result).toBe('pass');
  });

  it('C2 "nbf in the future beyond 60 s" → 401; within 60 s → pass', async () => {
    const late = sim({ iss: ISSUER_1, sub: 'sub-1', nbf: NOW + 61 });
    const soon = sim({ iss: ISSUER_1, sub: 'sub-1', nbf: NOW + 60 });
    const ctx = await context([late, soon], issuer1Only);
    expect(authenticate(issuer1Only, bearer(late), ctx, NOW).result).toBe('unauthenticated');
    expect(authenticate(issuer1Only, bearer(soon), ctx, NOW).result).toBe('pass');
  });

  it('C2 "Bad signature": a token whose signature does not verify → 401', async () => {
    const forged = sim({ iss: ISSUER_1, sub: 'sub-1', exp: NOW + HOUR }, 'invalid');
    const out = authenticate(issuer1Only, bearer(forged), await context([forged], issuer1Only), NOW);
    expect(out.result).toBe('unauthenticated');
    expect(out.message).toContain('Jwt verification fails');
  });

  it('C2 "No matching key in JWKS": a simulated token against a jwksUri that serves only real keys → 401', async () => {
    const jwks = {
      'https://example.com/jwks.json': { keys: [{ kty: 'RSA', kid: 'k1', n: 'AQAB', e: 'AQAB' }] },
    };
    const out = authenticate(issuer1Only, bearer(token1), await context([token1], issuer1Only, jwks), NOW);
    expect(out.result).toBe('unauthenticated');
    expect(out.message).toContain("Jwks doesn't have key to match kid or alg");
  });

  it('C2 "JWKS unfetchable": a token → 401, no token → 200', async () => {
    const jwks = { 'https://example.com/jwks.json': { unavailable: true } };
    const ctx = await context([token1], issuer1Only, jwks);
    expect(authenticate(issuer1Only, bearer(token1), ctx, NOW).result).toBe('unauthenticated');
    expect(authenticate(issuer1Only, request(), ctx, NOW).result).toBe('pass');
  });

  it('C2 "invalid JWKS": an inline jwks that is not JSON fails a token (401) but not a tokenless request', async () => {
    const providers = ra('inline', [rule({ issuer: ISSUER_1, jwksUri: null, jwks: '{not json' })]);
    const ctx = await context([token1], providers);
    expect(authenticate(providers, bearer(token1), ctx, NOW).result).toBe('unauthenticated');
    expect(authenticate(providers, request(), ctx, NOW).result).toBe('pass');
  });

  it('C2 "Unknown issuer" → 401 Jwt issuer is not configured', async () => {
    const other = sim({ iss: 'other', sub: 'x', exp: NOW + HOUR });
    const out = authenticate(issuer1Only, bearer(other), await context([other], issuer1Only), NOW);
    expect(out.result).toBe('unauthenticated');
    expect(out.message).toMatch(/^Jwt issuer is not configured/);
    expect(out.provider).toBeNull();
  });

  it('C2 "aud not allowed" → 403 audience-rejected; a listed aud (string or list) passes', async () => {
    const providers = ra('aud', [rule({ issuer: ISSUER_1, audiences: ['foo', 'bar'] })]);
    const none = sim({ iss: ISSUER_1, sub: 'sub-1' });
    const wrong = sim({ iss: ISSUER_1, sub: 'sub-1', aud: 'baz' });
    const asString = sim({ iss: ISSUER_1, sub: 'sub-1', aud: 'bar' });
    const asList = sim({ iss: ISSUER_1, sub: 'sub-1', aud: ['baz', 'foo'] });
    const ctx = await context([], providers);
    const none403 = authenticate(providers, bearer(none), ctx, NOW);
    expect(none403.result).toBe('audience-rejected');
    expect(none403.message).toMatch(/^Audiences in Jwt are not allowed/);
    expect(authenticate(providers, bearer(wrong), ctx, NOW).result).toBe('audience-rejected');
    expect(authenticate(providers, bearer(asString), ctx, NOW).result).toBe('pass');
    expect(authenticate(providers, bearer(asList), ctx, NOW).result).toBe('pass');
  });

  it('C1 "audiences": an empty list makes no audience check', async () => {
    const t = sim({ iss: ISSUER_1, sub: 'sub-1', aud: 'anything' });
    expect(authenticate(issuer1Only, bearer(t), await context([t], issuer1Only), NOW).result).toBe('pass');
  });

  it('C2 "Valid token": passes; principal is iss/sub; payload is request.auth.claims', async () => {
    const out = authenticate(issuer1Only, bearer(token1), await context([token1], issuer1Only), NOW);
    expect(out.result).toBe('pass');
    expect(out.requestPrincipal).toBe(`${ISSUER_1}/sub-1`);
    expect(out.payload).toMatchObject({ iss: ISSUER_1, sub: 'sub-1' });
    expect(out.provider?.rule.issuer).toBe(ISSUER_1);
  });

  it('C2 "Several tokens": two query params, one bad → 401; both good → pass', async () => {
    const providers = ra('params', [rule({ issuer: ISSUER_1, fromParams: ['a', 'b'] })]);
    const ctx = await context([], providers);
    const bad = request({
      tokens: [
        { value: token1, in: 'query:a' },
        { value: 'deadbeef', in: 'query:b' },
      ],
    });
    const good = request({
      tokens: [
        { value: token1, in: 'query:a' },
        { value: token1, in: 'query:b' },
      ],
    });
    expect(authenticate(providers, bad, ctx, NOW).result).toBe('unauthenticated');
    expect(authenticate(providers, good, ctx, NOW).result).toBe('pass');
  });

  it('C2 "CORS preflight": OPTIONS with Origin and ACRM and a bad token → pass; without Origin → 401', async () => {
    const ctx = await context([], issuer1Only);
    const headers = { origin: 'https://app.example', 'access-control-request-method': 'GET' };
    const preflight = request({ method: 'OPTIONS', headers, tokens: [{ value: 'deadbeef' }] });
    expect(authenticate(issuer1Only, preflight, ctx, NOW).result).toBe('pass');
    const noOrigin = request({
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'GET' },
      tokens: [{ value: 'deadbeef' }],
    });
    expect(authenticate(issuer1Only, noOrigin, ctx, NOW).result).toBe('unauthenticated');
  });

  it('C1 "forwardOriginalToken" false strips the Authorization header; true keeps it', async () => {
    const forward = ra('fwd', [rule({ issuer: ISSUER_1, forwardOriginalToken: true })]);
    const ctx = await context([token1], issuer1Only);
    expect(authenticate(issuer1Only, bearer(token1), ctx, NOW).stripped).toEqual([
      { in: 'header:authorization' },
    ]);
    expect(authenticate(forward, bearer(token1), ctx, NOW).stripped).toEqual([]);
  });

  it('C1 "spaceDelimitedClaims": scope and permission always split; other claims only when listed', async () => {
    const providers = ra('split', [rule({ issuer: ISSUER_2, spaceDelimitedClaims: ['custom_scope'] })]);
    const t = sim({
      iss: ISSUER_2,
      sub: 's',
      scope: 'append write',
      permission: 'read',
      custom_scope: 'admin user',
      teams: 'a b',
    });
    const out = authenticate(providers, bearer(t), await context([t], providers), NOW);
    expect(out.payload).toMatchObject({
      scope: ['append', 'write'],
      permission: ['read'],
      custom_scope: ['admin', 'user'],
      teams: 'a b',
    });
  });
});

describe('§F3 vectors (JWT part)', () => {
  it('J4: valid token1 → pass (Authorization stripped), expired → 401, no token → pass without principal', async () => {
    const ctx = await context([token1, expired1], issuer1Only);
    const valid = authenticate(issuer1Only, bearer(token1), ctx, NOW);
    expect(valid.result).toBe('pass');
    expect(valid.requestPrincipal).toBe(`${ISSUER_1}/sub-1`);
    expect(valid.stripped).toEqual([{ in: 'header:authorization' }]);
    expect(authenticate(issuer1Only, bearer(expired1), ctx, NOW).result).toBe('unauthenticated');
    const none = authenticate(issuer1Only, request(), ctx, NOW);
    expect(none.result).toBe('pass');
    expect(none.requestPrincipal).toBeNull();
  });

  it('J6: issuer1 [foo] + issuer2 [bar] + issuer2 []: token1 without foo → 403(aud); with foo → pass; token2 without bar → pass', async () => {
    const providers = [
      ...ra(
        'ra-1',
        [rule({ issuer: ISSUER_1, audiences: ['foo'] }), rule({ issuer: ISSUER_2, audiences: ['bar'] })],
        0,
      ),
      ...ra('ra-2', [rule({ issuer: ISSUER_2 })], 1),
    ];
    const ctx = await context([], providers);
    const t1NoFoo = sim({ iss: ISSUER_1, sub: 'sub-1', aud: 'other' });
    const t1Foo = sim({ iss: ISSUER_1, sub: 'sub-1', aud: 'foo' });
    const t2NoBar = sim({ iss: ISSUER_2, sub: 'sub-2' });
    expect(authenticate(providers, bearer(t1NoFoo), ctx, NOW).result).toBe('audience-rejected');
    expect(authenticate(providers, bearer(t1Foo), ctx, NOW).result).toBe('pass');
    const t2 = authenticate(providers, bearer(t2NoBar), ctx, NOW);
    expect(t2.result).toBe('pass');
    expect(t2.requestPrincipal).toBe(`${ISSUER_2}/sub-2`);
  });

  describe('J7: fromParams [token, secondary_token]', () => {
    const providers = ra('params', [rule({ issuer: ISSUER_1, fromParams: ['token', 'secondary_token'] })]);
    const cases: [string, string, 'pass' | 'unauthenticated', string | null][] = [
      ['?token=T1 → 200', `/?token=${token1}`, 'pass', `${ISSUER_1}/sub-1`],
      ['?secondary_token=T1 → 200', `/?secondary_token=${token1}`, 'pass', `${ISSUER_1}/sub-1`],
      [
        '?token_value=T1 → absent, so no principal (403 by the ALLOW)',
        `/?token_value=${token1}`,
        'pass',
        null,
      ],
      [
        '?token=T1&secondary_token=T1 → 200',
        `/?token=${token1}&secondary_token=${token1}`,
        'pass',
        `${ISSUER_1}/sub-1`,
      ],
      [
        '?token=T1&secondary_token=EXPIRED → 401',
        `/?token=${token1}&secondary_token=${expired1}`,
        'unauthenticated',
        null,
      ],
    ];
    for (const [name, path, result, principal] of cases) {
      it(name, async () => {
        const out = authenticate(providers, request({ path }), await context([], providers), NOW);
        expect(out.result).toBe(result);
        expect(out.requestPrincipal).toBe(principal);
      });
    }
    it('the default Authorization location is not read once fromParams is set', async () => {
      const out = authenticate(providers, bearer('deadbeef'), await context([], providers), NOW);
      expect(out.result).toBe('pass');
    });
  });

  describe('J8: fromHeaders [{x-jwt-token, "Value "}, {auth-token, "Token "}]', () => {
    const providers = ra('headers', [
      rule({
        issuer: ISSUER_1,
        fromHeaders: [
          { name: 'x-jwt-token', prefix: 'Value ' },
          { name: 'auth-token', prefix: 'Token ' },
        ],
      }),
    ]);
    const cases: [string, string, string, string | null][] = [
      ['X-Jwt-Token: Value T1 → 200', 'header:X-Jwt-Token', 'Value ', `${ISSUER_1}/sub-1`],
      ['Auth-Token: Token T1 → 200', 'header:Auth-Token', 'Token ', `${ISSUER_1}/sub-1`],
      [
        'Auth-Header-Param: Bearer T1 → absent, no principal (403 by the ALLOW)',
        'header:Auth-Header-Param',
        'Bearer ',
        null,
      ],
    ];
    for (const [name, where, prefix, principal] of cases) {
      it(name, async () => {
        const req = request({ tokens: [{ value: token1, in: where, prefix }] });
        const out = authenticate(providers, req, await context([], providers), NOW);
        expect(out.result).toBe('pass');
        expect(out.requestPrincipal).toBe(principal);
      });
    }
  });

  it('J9: OPTIONS + expired + Origin + ACRM → 200; without Origin → 401; expired GET → 401', async () => {
    const ctx = await context([expired1], issuer1Only);
    const cors = { origin: 'http://example.com', 'access-control-request-method': 'GET' };
    const tokens = [{ value: expired1 }];
    expect(
      authenticate(issuer1Only, request({ method: 'OPTIONS', headers: cors, tokens }), ctx, NOW).result,
    ).toBe('pass');
    const acrmOnly = { 'access-control-request-method': 'GET' };
    expect(
      authenticate(issuer1Only, request({ method: 'OPTIONS', headers: acrmOnly, tokens }), ctx, NOW).result,
    ).toBe('unauthenticated');
    expect(authenticate(issuer1Only, request({ tokens }), ctx, NOW).result).toBe('unauthenticated');
  });

  it('J10: unreachable jwksUri: token1 → 401; expired → 401; no token → 200', async () => {
    const providers = ra('bad-jwks', [
      rule({ issuer: ISSUER_1, jwksUri: 'https://down.example.com/jwks.json' }),
    ]);
    const ctx = await context([token1, expired1], providers, {
      'https://down.example.com/jwks.json': { unavailable: true },
    });
    expect(authenticate(providers, bearer(token1), ctx, NOW).result).toBe('unauthenticated');
    expect(authenticate(providers, bearer(expired1), ctx, NOW).result).toBe('unauthenticated');
    expect(authenticate(providers, request(), ctx, NOW).result).toBe('pass');
  });

  const demoIssuer = 'testing@secure.istio.io';
  const gateway = ra('jwt-example', [
    rule({
      issuer: demoIssuer,
      jwksUri: 'https://raw.githubusercontent.com/istio/istio/master/security/tools/jwt/samples/jwks.json',
    }),
  ]);

  it('J11: ingress: no token → 200; Bearer deadbeef → 401; valid demo token → 200', async () => {
    const demo = sim({ iss: demoIssuer, sub: demoIssuer, exp: 4685989700 });
    const ctx = await context([demo, 'deadbeef'], gateway);
    expect(authenticate(gateway, request(), ctx, NOW).result).toBe('pass');
    expect(authenticate(gateway, bearer('deadbeef'), ctx, NOW).result).toBe('unauthenticated');
    const ok = authenticate(gateway, bearer(demo), ctx, NOW);
    expect(ok.result).toBe('pass');
    expect(ok.requestPrincipal).toBe(`${demoIssuer}/${demoIssuer}`);
  });

  it('J12: a 5 s token checked every 10 s from 0 to 90 s → 7 × 200 then 3 × 401 (60 s skew)', async () => {
    const fiveSeconds = sim({ iss: demoIssuer, sub: demoIssuer, iat: NOW, exp: NOW + 5 });
    const ctx = await context([fiveSeconds], gateway);
    const results = Array.from(
      { length: 10 },
      (_, i) => authenticate(gateway, bearer(fiveSeconds), ctx, NOW + 10 * i).result,
    );
    expect(results).toEqual([...Array<string>(7).fill('pass'), ...Array<string>(3).fill('unauthenticated')]);
  });

  it('J16: issuer1 and issuer2: token1 and token2 each give a principal (matches "*"); none gives no principal', async () => {
    const providers = [
      ...ra('ra-1', [rule({ issuer: ISSUER_1 })], 0),
      ...ra('ra-2', [rule({ issuer: ISSUER_2 })], 1),
    ];
    const ctx = await context([], providers);
    expect(authenticate(providers, bearer(token1), ctx, NOW).requestPrincipal).toBe(`${ISSUER_1}/sub-1`);
    expect(authenticate(providers, bearer(token2), ctx, NOW).requestPrincipal).toBe(`${ISSUER_2}/sub-2`);
    const none = authenticate(providers, request(), ctx, NOW);
    expect(none.result).toBe('pass');
    expect(none.requestPrincipal).toBeNull();
  });

  it('J21: RA issuer1 only, token with iss "other" → 401 Jwt issuer is not configured', async () => {
    const other = sim({ iss: 'other', sub: 'sub-1', exp: NOW + HOUR });
    const out = authenticate(issuer1Only, bearer(other), await context([], issuer1Only), NOW);
    expect(out.result).toBe('unauthenticated');
    expect(out.message).toContain('Jwt issuer is not configured');
  });

  it('J21 with two providers: an issuer neither has → 401 Jwt issuer is not configured', async () => {
    const providers = [
      ...ra('ra-1', [rule({ issuer: ISSUER_1 })], 0),
      ...ra('ra-2', [rule({ issuer: ISSUER_2 })], 1),
    ];
    const other = sim({ iss: 'other', sub: 'sub-1' });
    const out = authenticate(providers, bearer(other), await context([], providers), NOW);
    expect(out.result).toBe('unauthenticated');
    expect(out.message).toContain('Jwt issuer is not configured');
  });

  it('J22 (JWT part): expired token → 401 before any authorization', async () => {
    const out = authenticate(issuer1Only, bearer(expired1), await context([], issuer1Only), NOW);
    expect(out.result).toBe('unauthenticated');
    expect(out.message).toContain('Jwt is expired');
  });

  it('J24: valid token1 without sub → pass with a null principal (so "*" cannot match)', async () => {
    const noSub = sim({ iss: ISSUER_1, exp: NOW + HOUR });
    const out = authenticate(issuer1Only, bearer(noSub), await context([], issuer1Only), NOW);
    expect(out.result).toBe('pass');
    expect(out.requestPrincipal).toBeNull();
    expect(out.payload).toMatchObject({ iss: ISSUER_1 });
  });
});
