/**
 * The deciding policy of probes of the golden workspaces; each resource named here is the one the
 * Istio documents say decides (golden/README.md), not read from the engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateWorkspace } from '../evaluate';
import type { ProbeResult } from '../types';
import { decidingPolicy } from './deciding';

const decides = async (workspace: string, probe: string) => {
  const file = join(import.meta.dirname, '../../test/golden', `${workspace}.yaml`);
  const evaluation = await evaluateWorkspace(readFileSync(file, 'utf8'));
  const r = evaluation.probes.find((p) => p.name === probe);
  expect(r, probe).toBeDefined();
  return r ? decidingPolicy(r, evaluation.workloads) : undefined;
};

describe('decidingPolicy', () => {
  it('a matching DENY rule', async () => {
    expect(
      await decides('concepts-authz-deny', 'GET from sleep.bar is denied although the ALLOW policy matches'),
    ).toBe('AuthorizationPolicy foo/httpbin-deny (rule 0)');
  });

  it('ALLOW policies that all failed to match', async () => {
    expect(await decides('concepts-authz-deny', 'DELETE from sleep.foo is denied')).toBe(
      'AuthorizationPolicy foo/httpbin',
    );
    expect(await decides('concepts-allow-nothing', 'GET to products is denied')).toBe(
      'AuthorizationPolicy default/allow-nothing',
    );
  });

  it('the ALLOW rule that matched', async () => {
    expect(await decides('concepts-authz-deny', 'GET from sleep.foo is allowed')).toBe(
      'AuthorizationPolicy foo/httpbin (rule 0)',
    );
  });

  it('the PeerAuthentication that made plain text fail', async () => {
    expect(await decides('authn-mesh-strict', 'sleep.legacy to httpbin.foo')).toBe(
      'PeerAuthentication istio-system/default',
    );
  });

  it('the RequestAuthentication that rejected a token', async () => {
    expect(await decides('concepts-exclusion', '/admin with a malformed token is rejected')).toMatch(
      /^RequestAuthentication default\/jwt-example/,
    );
  });

  it('the RequestAuthentications that do not configure a token’s issuer', async () => {
    expect(
      await decides('concepts-authz-httpbin', 'GET with a token from an unconfigured issuer is rejected'),
    ).toBe('RequestAuthentication foo/httpbin-google');
  });

  it('nothing when no policy is in the way', async () => {
    expect(await decides('authn-setup', 'sleep.foo to httpbin.bar')).toBeNull();
  });

  it('nothing for an invalid probe', () => {
    const r: ProbeResult = {
      index: 0,
      name: 'x',
      from: 'a/b',
      to: 'c/d',
      port: 1,
      status: '000',
      verdict: 'invalid',
      mtls: null,
      expect: null,
      pass: null,
      trace: [{ stage: 'endpoint', hop: 0, outcome: 'fail', message: 'unknown' }],
    };
    expect(decidingPolicy(r)).toBeNull();
  });
});
