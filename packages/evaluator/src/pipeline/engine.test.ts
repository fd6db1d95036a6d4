/**
 * An Engine is complete when compiled: `Engine.compile` verifies the real (signed) tokens the
 * Probes document presents against the JWKS it lists (docs/semantics.md §C2 "Valid token"), so no caller
 * prepares JWT afterwards.
 */
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseWorkspaceText } from '../parse';
import { Engine } from './engine';
import { evaluateProbe } from './probe';
import { TEST_NOW, httpbin, resource, sleep, workspace } from './testing';

const ISS = 'issuer@example.com';
const URI = 'https://keys.example.com/jwks.json';

async function signedWorkspace(): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  const token = await new SignJWT({ iss: ISS, sub: 'alice', exp: 4685989700 })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
    .sign(privateKey);
  return workspace(
    { namespaces: [{ name: 'foo' }], workloads: [sleep('foo'), httpbin('foo')] },
    [
      resource('RequestAuthentication', 'foo', 'jwt', {
        selector: { matchLabels: { app: 'httpbin' } },
        jwtRules: [{ issuer: ISS, jwksUri: URI }],
      }),
    ],
    { jwks: { [URI]: { keys: [jwk] } }, tokens: { real: { jwt: token } } },
  );
}

const probe = { from: 'foo/sleep', to: 'foo/httpbin', port: 8000, request: { token: 'real' } };

describe('Engine.compile', () => {
  it('verifies the real tokens of the Probes document: the signed token is accepted', async () => {
    const engine = await Engine.compile(parseWorkspaceText(await signedWorkspace()));
    expect(evaluateProbe(engine, probe, 0, TEST_NOW).status).toBe('200');
  });

  it('without token verification a real token is not verified, so it is refused (401)', async () => {
    const engine = Engine.compileWithoutTokenVerification(parseWorkspaceText(await signedWorkspace()));
    const r = evaluateProbe(engine, probe, 0, TEST_NOW);
    expect(r.status).toBe('401');
    expect(r.trace.some((s) => s.message.includes('not verified in advance'))).toBe(true);
  });
});
