/**
 * What the app receives (`ProbeResult.upstream`) in the upstream golden workspaces. Every expected
 * path and header below is copied from the Istio test or document each workspace's `# Source:` names
 * (never from this engine's output); `golden.test.ts` and the CLI check their statuses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateWorkspace, type ProbeResult } from '../src';

async function results(file: string): Promise<Map<string, ProbeResult>> {
  const text = readFileSync(join(import.meta.dirname, 'golden', `${file}.yaml`), 'utf8');
  const evaluation = await evaluateWorkspace(text);
  expect(evaluation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Map(evaluation.probes.map((p) => [p.name, p]));
}

function upstreamOf(all: Map<string, ProbeResult>, name: string): NonNullable<ProbeResult['upstream']> {
  const probe = all.get(name);
  expect(probe, name).toBeDefined();
  expect(probe?.upstream, `${name} reaches the app`).toBeDefined();
  return probe?.upstream as NonNullable<ProbeResult['upstream']>;
}

// istio/istio tests/integration/security/normalization_test.go, TestNormalization: {in, out}.
const TEST_NORMALIZATION: Record<string, [string, string][]> = {
  none: [
    ['/', '/'],
    ['/app#foo', '/app'],
    ['/app/', '/app/'],
    ['/app/../admin', '/app/../admin'],
    ['/app', '/app'],
    ['/app//', '/app//'],
    ['/app/%2f', '/app/%2f'],
    ['/app%2f/', '/app%2f/'],
    ['/xyz%30..//abc', '/xyz%30..//abc'],
    ['/app/%2E./admin', '/app/%2E./admin'],
    ['/app\\admin', '/app\\admin'],
    ['/app/\\/\\/\\admin', '/app/\\/\\/\\admin'],
    ['/%2Fapp%5cadmin%5Cabc', '/%2Fapp%5cadmin%5Cabc'],
    ['/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc', '/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc'],
    ['/app//../admin', '/app//../admin'],
    ['/app//../../admin', '/app//../../admin'],
  ],
  base: [
    ['/', '/'],
    ['/app#foo', '/app'],
    ['/app/', '/app/'],
    ['/app/../admin', '/admin'],
    ['/app', '/app'],
    ['/app//', '/app//'],
    ['/app/%2f', '/app/%2f'],
    ['/app%2f/', '/app%2f/'],
    ['/xyz%30..//abc', '/xyz0..//abc'],
    ['/app/%2E./admin', '/admin'],
    ['/app\\admin', '/app/admin'],
    ['/app/\\/\\/\\admin', '/app//////admin'],
    ['/%2Fapp%5cadmin%5Cabc', '/%2Fapp%5cadmin%5Cabc'],
    ['/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc', '/%5Capp%2f%5c%2F..%2fadmin%5c/abc'],
    ['/app//../admin', '/app/admin'],
    ['/app//../../admin', '/admin'],
  ],
  'merge-slashes': [
    ['/', '/'],
    ['/app#foo', '/app'],
    ['/app/', '/app/'],
    ['/app/../admin', '/admin'],
    ['/app', '/app'],
    ['/app//', '/app/'],
    ['/app/%2f', '/app/%2f'],
    ['/app%2f/', '/app%2f/'],
    ['/xyz%30..//abc', '/xyz0../abc'],
    ['/app/%2E./admin', '/admin'],
    ['/app\\admin', '/app/admin'],
    ['/app/\\/\\/\\admin', '/app/admin'],
    ['/%2Fapp%5cadmin%5Cabc', '/%2Fapp%5cadmin%5Cabc'],
    ['/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc', '/%5Capp%2f%5c%2F..%2fadmin%5c/abc'],
    ['/app//../admin', '/app/admin'],
    ['/app//../../admin', '/admin'],
  ],
  'decode-and-merge-slashes': [
    ['/', '/'],
    ['/app#foo', '/app'],
    ['/app/', '/app/'],
    ['/app/../admin', '/admin'],
    ['/app', '/app'],
    ['/app//', '/app/'],
    ['/app/%2f', '/app/'],
    ['/app%2f/', '/app/'],
    ['/xyz%30..//abc', '/xyz0../abc'],
    ['/app/%2E./admin', '/admin'],
    ['/app\\admin', '/app/admin'],
    ['/app/\\/\\/\\admin', '/app/admin'],
    ['/%2Fapp%5cadmin%5Cabc', '/app/admin/abc'],
    ['/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc', '/app/admin/abc'],
    ['/app//../admin', '/app/admin'],
    ['/app//../../admin', '/admin'],
    ['/%c0%2e%c0%2e/admin', '/%c0.%c0./admin'],
    ['/%c0%2fadmin', '/%c0/admin'],
  ],
};

describe('upstream path per meshConfig.pathNormalization (TestNormalization)', () => {
  for (const [setting, cases] of Object.entries(TEST_NORMALIZATION)) {
    it(`upstream-path-normalization-${setting}`, async () => {
      const all = await results(`upstream-path-normalization-${setting}`);
      for (const [sent, received] of cases) expect(upstreamOf(all, `b ${sent}`).path, sent).toBe(received);
    });
  }

  it('a denied or rejected request reaches no app', async () => {
    const all = await results('upstream-path-normalization-decode-and-merge-slashes');
    expect(all.get('c /admin')?.upstream).toBeUndefined();
    expect(all.get('b /admin%00')?.upstream).toBeUndefined();
  });
});

// tests/common/jwt/jwt_token.go: the payload segments (strings.Split(token, ".")[1]) the test expects.
const PAYLOAD_1 =
  'eyJleHAiOjQ3MTU3ODI3MjIsImdyb3VwcyI6WyJncm91cC0xIl0sImlhdCI6MTU2MjE4MjcyMiwiaXNzIjoidGVzdC1pc3N1ZXItMUBpc3Rpby5pbyIsInN1YiI6InN1Yi0xIn0';
const PAYLOAD_2 =
  'eyJleHAiOjQ3MTU3ODI3ODMsImdyb3VwcyI6WyJncm91cC0yIl0sImlhdCI6MTU2MjE4Mjc4MywiaXNzIjoidGVzdC1pc3N1ZXItMkBpc3Rpby5pbyIsInN1YiI6InN1Yi0yIn0';
const PAYLOAD_3 =
  'eyJleHAiOjQ3NTc2MDgwMTgsImlhdCI6MTYwNDAwODAxOCwiaXNzIjoidGVzdC1pc3N1ZXItMUBpc3Rpby5pbyIsIm5lc3RlZCI6eyJrZXkyIjoidmFsdWVDIiwibmVzdGVkLTIiOnsia2V5MiI6InZhbHVlQyJ9fSwic3ViIjoic3ViLTEifQ';

describe('JWT headers the app receives (jwt_test.go TestRequestAuthentication)', () => {
  it('authn-only: Authorization removed, payload and claims written', async () => {
    const all = await results('upstream-jwt-output-headers');
    // check.RequestHeaders: Authorization "" (absent), X-Test-Payload, X-Jwt-Iss, X-Jwt-Iat.
    const one = upstreamOf(all, 'valid-token-noauthz').headers;
    expect(one.authorization).toBeUndefined();
    expect(one).toMatchObject({
      'x-test-payload': PAYLOAD_1,
      'x-jwt-iss': 'test-issuer-1@istio.io',
      'x-jwt-iat': '1562182722',
    });
    const two = upstreamOf(all, 'valid-token-2-noauthz').headers;
    expect(two.authorization).toBeUndefined();
    expect(two['x-test-payload']).toBe(PAYLOAD_2);
    const nested = upstreamOf(all, 'valid-nested-claim-token').headers;
    expect(nested.authorization).toBeUndefined();
    expect(nested).toMatchObject({
      'x-test-payload': PAYLOAD_3,
      'x-jwt-iss': 'test-issuer-1@istio.io',
      'x-jwt-iat': '1604008018',
      'x-jwt-nested-claim': 'valueC',
    });
    expect(all.get('expired-token-noauthz')?.upstream).toBeUndefined();
    expect(upstreamOf(all, 'no-token-noauthz').headers['x-test-payload']).toBeUndefined();
  });

  it('forward: forwardOriginalToken keeps Authorization', async () => {
    const all = await results('upstream-forward-original-token');
    const token = readFileSync(
      join(import.meta.dirname, 'golden', 'upstream-forward-original-token.yaml'),
      'utf8',
    ).match(/token1: \{jwt: "([^"]+)"\}/)?.[1];
    expect(token?.split('.')[1]).toBe(PAYLOAD_1);
    expect(upstreamOf(all, 'valid-token-forward').headers).toMatchObject({
      authorization: `Bearer ${token ?? ''}`,
      'x-test-payload': PAYLOAD_1,
    });
  });
});

describe('X-Forwarded-Client-Cert (authn-policy snips auto_mutual_tls_1/2)', () => {
  it('By= the server, URI= the client over mTLS; none over plain text', async () => {
    const all = await results('upstream-xfcc');
    // Printed with Hash=<redacted>; Hash= is not simulated.
    expect(upstreamOf(all, 'sleep.foo to httpbin.foo').headers['x-forwarded-client-cert']).toBe(
      'By=spiffe://cluster.local/ns/foo/sa/httpbin;Subject="";URI=spiffe://cluster.local/ns/foo/sa/sleep',
    );
    expect(upstreamOf(all, 'sleep.foo to httpbin.legacy').headers['x-forwarded-client-cert']).toBeUndefined();
    expect(upstreamOf(all, 'sleep.legacy to httpbin.foo').headers['x-forwarded-client-cert']).toBeUndefined();
  });
});
