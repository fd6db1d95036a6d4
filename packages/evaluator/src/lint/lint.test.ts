/** Lints: accepted by a cluster, but not what the author meant (docs/semantics.md §A5, §A4, §A9 analyze). */
import { describe, expect, it } from 'vitest';
import { evaluateWorkspace } from '../evaluate';

const mesh = `apiVersion: playground/v1
kind: Mesh
spec:
  workloads:
    - {name: httpbin, namespace: foo, labels: {app: httpbin}, ports: [{name: http, port: 8000, targetPort: 8080}]}
    - {name: sleep, namespace: legacy, sidecar: false, ports: [{name: http, port: 80}]}
`;

async function codes(policies: string): Promise<string[]> {
  const { diagnostics } = await evaluateWorkspace(`${mesh}---\n${policies}`);
  return diagnostics.filter((d) => d.code.startsWith('lint.')).map((d) => d.code);
}

describe('lints', () => {
  it('Z42: a DENY by principals on a PERMISSIVE workload lets plaintext through', async () => {
    expect(
      await codes(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-legacy, namespace: foo}
spec:
  action: DENY
  rules: [{from: [{source: {principals: [cluster.local/ns/legacy/sa/sleep]}}]}]
`),
    ).toContain('lint.deny-identity-plaintext');
  });

  it('is quiet when STRICT mTLS leaves no plaintext caller', async () => {
    const found = await codes(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: STRICT}}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-legacy, namespace: foo}
spec:
  action: DENY
  rules: [{from: [{source: {principals: [cluster.local/ns/legacy/sa/sleep]}}]}]
`);
    expect(found).not.toContain('lint.deny-identity-plaintext');
  });

  it('Z40: hosts without the port of a non-default Service port', async () => {
    expect(
      await codes(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: hosts, namespace: foo}
spec:
  rules: [{to: [{operation: {hosts: [httpbin.foo]}}]}]
`),
    ).toContain('lint.hosts-without-port');
  });

  it('istioctl analyze: namespace not found, and no matching workloads', async () => {
    expect(
      await codes(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ghost, namespace: nowhere}
spec: {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: nobody, namespace: foo}
spec:
  selector: {matchLabels: {app: reviews}}
`),
    ).toEqual(expect.arrayContaining(['lint.namespace-not-found', 'lint.no-matching-workloads']));
  });
});
