/**
 * Quick fixes: each one, applied to the text it came from, makes its lint go away (and nothing
 * else breaks: no new error).
 */
import { describe, expect, it } from 'vitest';
import { evaluateParts, evaluateWorkspace } from '../evaluate';
import { MESH, applyFix, codes, lintOf } from './testing';

async function fixedText(policies: string, code: string, title?: RegExp): Promise<string> {
  const d = await lintOf(policies, code);
  const fix = title ? d.fixes?.find((f) => title.test(f.title)) : d.fixes?.[0];
  if (!fix) throw new Error(`no fix for ${code}: ${JSON.stringify(d.fixes)}`);
  return applyFix(policies, fix);
}

/** The lint is gone from the fixed text, and the fix brought no error. */
async function expectGone(text: string, code: string): Promise<void> {
  const { diagnostics } = await evaluateParts({ metadata: {}, mesh: MESH, policies: text, probes: {} });
  expect(diagnostics.map((d) => d.code)).not.toContain(code);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
}

const allowByPrincipal = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-sleep
  namespace: foo
spec:
  selector:
    matchLabels:
      app: httpbin
  rules:
    - from:
        - source:
            principals: ["cluster.local/ns/legacy/sa/sleep"]
`;

describe('quick fixes', () => {
  it('identity rule under PERMISSIVE: a STRICT PeerAuthentication for the workload', async () => {
    const d = await lintOf(allowByPrincipal, 'lint.allow-identity-plaintext');
    expect(d.fixes?.map((f) => f.title)).toEqual([
      'Add a STRICT PeerAuthentication for workload foo/httpbin',
      'Add a STRICT PeerAuthentication for namespace foo',
    ]);
    const text = await fixedText(allowByPrincipal, 'lint.allow-identity-plaintext', /foo\/httpbin/);
    expect(text.startsWith(allowByPrincipal)).toBe(true);
    expect(text).toContain('kind: PeerAuthentication');
    await expectGone(text, 'lint.allow-identity-plaintext');
  });

  it('identity rule under PERMISSIVE: a STRICT PeerAuthentication for the namespace (text without a final newline)', async () => {
    const policies = allowByPrincipal.trimEnd();
    const text = await fixedText(policies, 'lint.allow-identity-plaintext', /namespace foo/);
    expect(text).toContain('\n---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication');
    await expectGone(text, 'lint.allow-identity-plaintext');
  });

  it('no STRICT fix where a workload-level PeerAuthentication already decides', async () => {
    const d = await lintOf(
      `${allowByPrincipal}---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: permissive, namespace: foo}
spec: {selector: {matchLabels: {app: httpbin}}, mtls: {mode: PERMISSIVE}}
`,
      'lint.allow-identity-plaintext',
    );
    expect(d.fixes).toBeUndefined();
  });

  it('hosts without the port: adds the :* variant, in a flow list and in a block list', async () => {
    const flow = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: hosts, namespace: foo}
spec:
  rules: [{to: [{operation: {hosts: [httpbin.foo]}}]}]
`;
    const fixed = await fixedText(flow, 'lint.hosts-without-port');
    expect(fixed).toContain('hosts: [httpbin.foo, "httpbin.foo:*"]');
    await expectGone(fixed, 'lint.hosts-without-port');
    const block = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: hosts, namespace: foo}
spec:
  rules:
    - to:
        - operation:
            hosts:
              - "httpbin.foo"
`;
    const fixedBlock = await fixedText(block, 'lint.hosts-without-port');
    expect(fixedBlock).toContain('              - "httpbin.foo"\n              - "httpbin.foo:*"\n');
    await expectGone(fixedBlock, 'lint.hosts-without-port');
  });

  it('a spiffe:// principal: removes the prefix, keeping the quotes', async () => {
    const text = await fixedText(
      allowByPrincipal.replace('"cluster.local', '"spiffe://cluster.local'),
      'lint.principal-spiffe-prefix',
    );
    expect(text).toContain('principals: ["cluster.local/ns/legacy/sa/sleep"]');
    expect(await codes(text)).not.toContain('lint.principal-spiffe-prefix');
  });

  it('a lower-case method: upper-case', async () => {
    const text = await fixedText(
      allowByPrincipal.replace('    - from:', '    - to: [{operation: {methods: [get]}}]\n      from:'),
      'lint.method-case',
    );
    expect(text).toContain('methods: [GET]');
    await expectGone(text, 'lint.method-case');
  });

  it('a path without a leading slash: adds it', async () => {
    const text = await fixedText(
      allowByPrincipal.replace('    - from:', "    - to: [{operation: {paths: ['api/*']}}]\n      from:"),
      'lint.path-no-leading-slash',
    );
    expect(text).toContain("paths: ['/api/*']");
    await expectGone(text, 'lint.path-no-leading-slash');
  });

  it('RequestAuthentication without a token requirement: a DENY of requests without a principal', async () => {
    const ra = `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: foo}
spec:
  selector: {matchLabels: {app: httpbin}}
  jwtRules: [{issuer: testing@secure.istio.io}]
`;
    const text = await fixedText(ra, 'lint.request-authentication-optional-token');
    expect(text).toContain('notRequestPrincipals: ["*"]');
    await expectGone(text, 'lint.request-authentication-optional-token');
  });

  it('DestinationRule DISABLE to a STRICT server: ISTIO_MUTUAL', async () => {
    const policies = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: foo}
spec: {mtls: {mode: STRICT}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: httpbin, namespace: foo}
spec:
  host: httpbin
  trafficPolicy:
    tls:
      mode: "DISABLE"
`;
    const text = await fixedText(policies, 'lint.destination-rule-disable-strict');
    expect(text).toContain('mode: ISTIO_MUTUAL');
    await expectGone(text, 'lint.destination-rule-disable-strict');
  });

  it('a whole workspace text: the new document goes after the last resource, before the Probes document', async () => {
    const whole = `apiVersion: playground/v1
kind: Mesh
spec:
  workloads:
    - {name: httpbin, namespace: foo, labels: {app: httpbin}, ports: [{name: http, port: 8000, targetPort: 8080}]}
    - {name: sleep, namespace: legacy, sidecar: false, ports: [{name: http, port: 80}]}
---
${allowByPrincipal}---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
    - {name: plaintext, from: legacy/sleep, to: foo/httpbin, port: 8000}
`;
    const { diagnostics } = await evaluateWorkspace(whole);
    const fix = diagnostics
      .find((d) => d.code === 'lint.allow-identity-plaintext')
      ?.fixes?.find((f) => f.title.endsWith('namespace foo'));
    expect(fix).toBeDefined();
    const fixed = applyFix(whole, fix!);
    expect(fixed.indexOf('kind: PeerAuthentication')).toBeLessThan(fixed.indexOf('kind: Probes'));
    const after = await evaluateWorkspace(fixed);
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(after.diagnostics.map((d) => d.code)).not.toContain('lint.allow-identity-plaintext');
    // STRICT in foo: the plaintext client is refused by the handshake (docs/semantics.md M-rules).
    expect(after.probes[0]?.verdict).toBe('mtls-failure');
  });

  it('a whole workspace text (the CLI) gets fixes in that text', async () => {
    const mesh = `apiVersion: playground/v1
kind: Mesh
spec:
  workloads:
    - {name: httpbin, namespace: foo, labels: {app: httpbin}, ports: [{name: http, port: 8000, targetPort: 8080}]}
---
`;
    const whole = `${mesh}${allowByPrincipal.replace('"cluster.local', '"spiffe://cluster.local')}`;
    const { diagnostics } = await evaluateWorkspace(whole);
    const d = diagnostics.find((x) => x.code === 'lint.principal-spiffe-prefix');
    const fix = d?.fixes?.[0];
    expect(fix).toBeDefined();
    const after = await evaluateWorkspace(applyFix(whole, fix!));
    expect(after.diagnostics.map((x) => x.code)).not.toContain('lint.principal-spiffe-prefix');
  });
});
