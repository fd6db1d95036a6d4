/**
 * The lints from istio.io's Security Best Practices (content/en/docs/ops/best-practices/security)
 * and istioctl analyze: each fires on the pitfall and stays quiet on its safe form.
 */
import { describe, expect, it } from 'vitest';
import type { MeshSpec } from '../types';
import { MESH, codes, lintOf } from './testing';

const ap = (name: string, namespace: string, spec: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}`;

const withNormalization = (
  normalization: 'BASE' | 'DECODE_AND_MERGE_SLASHES' | 'MERGE_SLASHES',
): MeshSpec => ({
  ...MESH,
  meshConfig: { pathNormalization: { normalization } },
});

describe('ALLOW with negative matching, DENY with positive paths', () => {
  const allowNot = ap('allow', 'foo', '  rules: [{to: [{operation: {notPaths: [/admin]}}]}]\n');
  const denyPaths = ap('deny', 'foo', '  action: DENY\n  rules: [{to: [{operation: {paths: [/admin]}}]}]\n');

  it('fire under the default normalization (BASE) and MERGE_SLASHES', async () => {
    expect(await codes(allowNot)).toContain('lint.allow-negative-match');
    expect(await codes(denyPaths)).toContain('lint.deny-positive-paths');
    expect(await codes(denyPaths, withNormalization('MERGE_SLASHES'))).toContain('lint.deny-positive-paths');
  });

  it('every not-field of an ALLOW operation, pointing at the field and the best-practices page', async () => {
    const d = await lintOf(
      ap('allow', 'foo', '  rules: [{to: [{operation: {notMethods: [DELETE]}}]}]\n'),
      'lint.allow-negative-match',
    );
    expect(d.message).toContain('notMethods');
    expect(d.docs).toMatch(
      /^https:\/\/istio\.io\/.*best-practices\/security\/#use-allow-with-positive-matching/,
    );
    expect(d.severity).toBe('warning');
  });

  it('are quiet under DECODE_AND_MERGE_SLASHES, and on the safe patterns', async () => {
    const strict = withNormalization('DECODE_AND_MERGE_SLASHES');
    expect(await codes(allowNot, strict)).not.toContain('lint.allow-negative-match');
    expect(await codes(denyPaths, strict)).not.toContain('lint.deny-positive-paths');
    const safe = await codes(
      `${ap('allow', 'foo', '  rules: [{to: [{operation: {paths: [/public]}}]}]\n')}---\n${ap('deny', 'foo', '  action: DENY\n  rules: [{to: [{operation: {notPaths: [/public]}}]}]\n')}`,
    );
    expect(safe).not.toContain('lint.allow-negative-match');
    expect(safe).not.toContain('lint.deny-positive-paths');
  });
});

describe('hosts in authorization', () => {
  it('fires on hosts and notHosts, in any action', async () => {
    expect(
      await codes(ap('h', 'foo', '  rules: [{to: [{operation: {hosts: ["httpbin.foo:*"]}}]}]\n')),
    ).toContain('lint.authorization-hosts');
    expect(
      await codes(
        ap('h', 'foo', '  action: DENY\n  rules: [{to: [{operation: {notHosts: [a.example.com]}}]}]\n'),
      ),
    ).toContain('lint.authorization-hosts');
  });

  it('is quiet without them', async () => {
    expect(await codes(ap('h', 'foo', '  rules: [{to: [{operation: {paths: [/a]}}]}]\n'))).not.toContain(
      'lint.authorization-hosts',
    );
  });
});

describe('policies in the root namespace', () => {
  it('without a selector: the whole mesh', async () => {
    const d = await lintOf(ap('all', 'istio-system', '  {}\n'), 'lint.root-namespace-policy');
    expect(d.message).toContain('every workload of every namespace');
  });

  it('with a selector that matches workloads of other namespaces: says which', async () => {
    const d = await lintOf(
      ap('by-label', 'istio-system', '  selector: {matchLabels: {app: httpbin}}\n'),
      'lint.root-namespace-policy',
    );
    expect(d.message).toContain('foo/httpbin');
    expect(d.message).toContain('selector is matched in every namespace');
  });

  it('follows meshConfig rootNamespace, and is quiet for a selector that stays in it (the ingress gateway)', async () => {
    expect(
      await codes(ap('gw', 'istio-system', '  selector: {matchLabels: {istio: ingressgateway}}\n')),
    ).not.toContain('lint.root-namespace-policy');
    expect(
      await codes(ap('all', 'istio-system', '  {}\n'), { ...MESH, rootNamespace: 'istio-config' }),
    ).not.toContain('lint.root-namespace-policy');
  });

  it('leaves a mesh-wide PeerAuthentication alone (how Istio turns on mesh-wide mTLS)', async () => {
    expect(
      await codes(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: STRICT}}
`),
    ).not.toContain('lint.root-namespace-policy');
  });
});

describe('RequestAuthentication without a policy that requires a token', () => {
  const ra = `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: foo}
spec:
  selector: {matchLabels: {app: httpbin}}
  jwtRules: [{issuer: testing@secure.istio.io}]
`;

  it('fires when nothing asks for a request principal', async () => {
    expect(await codes(ra)).toContain('lint.request-authentication-optional-token');
  });

  it('is quiet with requestPrincipals, notRequestPrincipals or a request.auth condition', async () => {
    for (const rules of [
      '  rules: [{from: [{source: {requestPrincipals: ["*"]}}]}]\n',
      '  action: DENY\n  rules: [{from: [{source: {notRequestPrincipals: ["*"]}}]}]\n',
      '  rules: [{when: [{key: "request.auth.claims[iss]", values: [testing@secure.istio.io]}]}]\n',
    ]) {
      expect(await codes(`${ra}---\n${ap('require', 'foo', rules)}`)).not.toContain(
        'lint.request-authentication-optional-token',
      );
    }
  });
});

describe('AUDIT without an audit provider', () => {
  it('fires on AUDIT (the Mesh document has no audit providers), not on ALLOW', async () => {
    expect(await codes(ap('audit', 'foo', '  action: AUDIT\n  rules: [{}]\n'))).toContain(
      'lint.audit-without-provider',
    );
    expect(await codes(ap('allow', 'foo', '  rules: [{}]\n'))).not.toContain('lint.audit-without-provider');
  });
});

describe('DestinationRule tls DISABLE to a STRICT server', () => {
  const strict = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: foo}
spec: {mtls: {mode: STRICT}}
`;
  const dr = (mode: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: httpbin, namespace: foo}
spec:
  host: httpbin.foo.svc.cluster.local
  trafficPolicy: {tls: {mode: ${mode}}}
`;

  it('fires when the server is STRICT', async () => {
    const d = await lintOf(`${strict}---\n${dr('DISABLE')}`, 'lint.destination-rule-disable-strict');
    expect(d.message).toContain('foo/httpbin:8000');
  });

  it('is quiet under PERMISSIVE, and with ISTIO_MUTUAL', async () => {
    expect(await codes(dr('DISABLE'))).not.toContain('lint.destination-rule-disable-strict');
    expect(await codes(`${strict}---\n${dr('ISTIO_MUTUAL')}`)).not.toContain(
      'lint.destination-rule-disable-strict',
    );
  });

  it('follows the port a port-level setting names', async () => {
    const portLevel = `${strict}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: httpbin, namespace: foo}
spec:
  host: httpbin
  trafficPolicy:
    portLevelSettings: [{port: {number: 9999}, tls: {mode: DISABLE}}]
`;
    expect(await codes(portLevel)).not.toContain('lint.destination-rule-disable-strict');
    expect(await codes(portLevel.replace('9999', '8000'))).toContain('lint.destination-rule-disable-strict');
  });
});
