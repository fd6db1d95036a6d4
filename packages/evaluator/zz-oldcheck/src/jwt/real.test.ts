/**
 * Real JWTs, signed in the test with jose keys: §C2 "Valid token" / "Bad signature, or no matching
 * key in JWKS" / "Expired", against a listed jwksUri, an inline jwks, and an unlisted jwksUri.
 */
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from './authenticate';
import type { JwtProvider } from './provider';
import { ISSUER_1, bearer, context, ra, rule, sim } from './test-fixtures';

const NOW = Math.floor(Date.UTC(2026, 0, 1) / 1000);
const URI = 'https://keys.example.com/jwks.json';

interface Signer {
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signer(alg: 'RS256' | 'ES256', kid: string): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg };
  return { privateKey, jwk };
}

function sign(
  s: Signer,
  alg: 'RS256' | 'ES256',
  claims: Record<string, unknown>,
  kid: string,
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(s.privateKey);
}

let rsa: Signer;
let ec: Signer;
let stranger: Signer;
let rsaToken: string;
let ecToken: string;
let wrongKeySameKid: string;
let unknownKid: string;
let expiredRsa: string;
const claims = { iss: ISSUER_1, sub: 'sub-1', exp: NOW + 3600 };

beforeAll(async () => {
  rsa = await signer('RS256', 'rsa-1');
  ec = await signer('ES256', 'ec-1');
  stranger = await signer('RS256', 'rsa-1');
  rsaToken = await sign(rsa, 'RS256', claims, 'rsa-1');
  ecToken = await sign(ec, 'ES256', claims, 'ec-1');
  wrongKeySameKid = await sign(stranger, 'RS256', claims, 'rsa-1');
  unknownKid = await sign(stranger, 'RS256', claims, 'rsa-9');
  expiredRsa = await sign(rsa, 'RS256', { ...claims, exp: NOW - 3600 }, 'rsa-1');
});

function allTokens(): string[] {
  return [rsaToken, ecToken, wrongKeySameKid, unknownKid, expiredRsa];
}

describe('real JWTs against a listed jwksUri', () => {
  const providers: JwtProvider[] = ra('real', [rule({ issuer: ISSUER_1, jwksUri: URI })]);
  const jwks = (): Record<string, { keys: unknown[] }> => ({ [URI]: { keys: [rsa.jwk, ec.jwk] } });

  it('C2 "Valid token": RS256 and ES256 tokens signed by listed keys pass with principal iss/sub', async () => {
    const ctx = await context(allTokens(), providers, jwks());
    for (const token of [rsaToken, ecToken]) {
      const out = authenticate(providers, bearer(token), ctx, NOW);
      expect(out.result).toBe('pass');
      expect(out.requestPrincipal).toBe(`${ISSUER_1}/sub-1`);
    }
  });

  it('C2 "Bad signature": signed by another key under a listed kid → 401 Jwt verification fails', async () => {
    const ctx = await context(allTokens(), providers, jwks());
    const out = authenticate(providers, bearer(wrongKeySameKid), ctx, NOW);
    expect(out.result).toBe('unauthenticated');
    expect(out.message).toContain('Jwt verification fails');
  });

  it('C2 "No matching key in JWKS": a kid the JWKS does not have → 401', async () => {
    const ctx = await context(allTokens(), providers, jwks());
    const out = authenticate(providers, bearer(unknownKid), ctx, NOW);
    expect(out.result).toBe('unauthenticated');
    expect(out.message).toContain("Jwks doesn't have key to match kid or alg");
  });

  it('C2 "Expired": a real token past exp + 60 s → 401 even though its signature verifies', async () => {
    const ctx = await context(allTokens(), providers, jwks());
    const out = authenticate(providers, bearer(expiredRsa), ctx, NOW);
    expect(out.result).toBe('unauthenticated');
    expect(out.message).toContain('Jwt is expired');
  });

  it('C2 "No matching key": a simulated valid token against a jwksUri listed with real keys → 401', async () => {
    const simulated = sim(claims);
    const ctx = await context([simulated], providers, jwks());
    expect(authenticate(providers, bearer(simulated), ctx, NOW).result).toBe('unauthenticated');
  });

  it('C2 "JWKS unfetchable": a real token against a listed {unavailable: true} → 401', async () => {
    const ctx = await context(allTokens(), providers, { [URI]: { unavailable: true } });
    expect(authenticate(providers, bearer(rsaToken), ctx, NOW).result).toBe('unauthenticated');
  });
});

describe('real JWTs against an inline jwks', () => {
  it('C2: the inline key verifies its token (pass); a token of a key not inlined → 401', async () => {
    const providers = ra('inline', [
      rule({ issuer: ISSUER_1, jwksUri: null, jwks: JSON.stringify({ keys: [ec.jwk] }) }),
    ]);
    const ctx = await context(allTokens(), providers);
    expect(authenticate(providers, bearer(ecToken), ctx, NOW).result).toBe('pass');
    expect(authenticate(providers, bearer(rsaToken), ctx, NOW).result).toBe('unauthenticated');
  });
});

describe('real JWTs against an unlisted jwksUri', () => {
  it('documented choice: nothing served there signed a real token → 401; a simulated valid token passes', async () => {
    const providers = ra('unlisted', [
      rule({ issuer: ISSUER_1, jwksUri: 'https://unlisted.example.com/jwks.json' }),
    ]);
    const simulated = sim(claims);
    const ctx = await context([...allTokens(), simulated], providers);
    expect(authenticate(providers, bearer(rsaToken), ctx, NOW).result).toBe('unauthenticated');
    expect(authenticate(providers, bearer(simulated), ctx, NOW).result).toBe('pass');
  });
});

describe('prepareJwt never throws', () => {
  it('on keys jose cannot import and on garbage JWKS', async () => {
    const providers = [
      ...ra('garbage', [rule({ issuer: ISSUER_1, jwksUri: URI })], 0),
      ...ra('inline', [rule({ issuer: ISSUER_1, jwksUri: null, jwks: '{"keys": 3}' })], 1),
    ];
    const jwks = {
      [URI]: { keys: [1, 'x', null, { kty: 'RSA', kid: 'rsa-1' }, { kty: 'EC', crv: 'P-256', x: '!' }] },
    };
    const ctx = await context([...allTokens(), 'a.b.c', '', 'deadbeef'], providers, jwks);
    expect(authenticate(providers, bearer(rsaToken), ctx, NOW).result).toBe('unauthenticated');
  });
});
