/** renderToken and parseJwt: the simulated-token markers and jwt_verify_lib's parse failures. */
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { SIMULATED_INVALID_SIGNATURE, SIMULATED_VALID_SIGNATURE, parseJwt, renderToken } from './token';

describe('renderToken', () => {
  it('returns raw and jwt strings verbatim', () => {
    expect(renderToken({ raw: 'deadbeef' })).toBe('deadbeef');
    expect(renderToken({ jwt: 'a.b.c' })).toBe('a.b.c');
  });

  it('renders simulated claims as header.payload.marker whose payload decodes to the claims', () => {
    const claims = { iss: 'testing@secure.istio.io', sub: 'ü', exp: 4685989700 };
    const parts = renderToken({ claims }).split('.');
    expect(parts).toHaveLength(3);
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(parts[1] ?? '')))).toEqual(claims);
    expect(parts[2]).toBe(SIMULATED_VALID_SIGNATURE);
    expect(renderToken({ claims, signature: 'invalid' }).split('.')[2]).toBe(SIMULATED_INVALID_SIGNATURE);
  });

  it('markers are base64url of lengths no RS/PS/ES/EdDSA/HS signature has', () => {
    const real = new Set([32, 48, 64, 96, 132]);
    for (const marker of [SIMULATED_VALID_SIGNATURE, SIMULATED_INVALID_SIGNATURE]) {
      const bytes = base64url.decode(marker).length;
      expect(real.has(bytes)).toBe(false);
      expect(bytes).toBeLessThan(64); // any RSA modulus is longer
    }
  });
});

describe('parseJwt', () => {
  it('C2 "Malformed token": deadbeef and invalidToken are not JWTs', () => {
    expect(parseJwt('deadbeef').ok).toBe(false);
    expect(parseJwt('invalidToken').ok).toBe(false);
  });

  it('rejects a payload that is not JSON, a non-string iss and an unsupported alg', () => {
    const header = base64url.encode('{"alg":"RS256"}');
    expect(parseJwt(`${header}.${base64url.encode('nope')}.${SIMULATED_VALID_SIGNATURE}`).ok).toBe(false);
    expect(parseJwt(`${header}.${base64url.encode('{"iss":3}')}.${SIMULATED_VALID_SIGNATURE}`).ok).toBe(
      false,
    );
    const none = base64url.encode('{"alg":"none"}');
    expect(parseJwt(`${none}.${base64url.encode('{}')}.`).ok).toBe(false);
  });

  it('reads aud as a string or a list and recognises the markers', () => {
    const one = parseJwt(renderToken({ claims: { aud: 'a' } }));
    const many = parseJwt(renderToken({ claims: { aud: ['a', 'b'] }, signature: 'invalid' }));
    expect(one.ok && one.jwt.audiences).toEqual(['a']);
    expect(one.ok && one.jwt.signature).toBe('simulated-valid');
    expect(many.ok && many.jwt.audiences).toEqual(['a', 'b']);
    expect(many.ok && many.jwt.signature).toBe('simulated-invalid');
  });
});
