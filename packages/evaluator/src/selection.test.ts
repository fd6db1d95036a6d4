/** Which AuthorizationPolicies / RequestAuthentications attach to a workload (docs/semantics.md §A1, §C1; Z37, Z57). */
import { describe, expect, it } from 'vitest';
import { engineOf, httpbin, resource, sleep, workloadOf, workspace, type Doc } from './pipeline/testing';
import type { MeshSpec } from './types';

const mesh: MeshSpec = {
  namespaces: [{ name: 'istio-system' }, { name: 'ns1' }, { name: 'ns2' }],
  workloads: [
    httpbin('ns1', { name: 'x', labels: { app: 'x' } }),
    httpbin('ns2', { name: 'x', labels: { app: 'x' } }),
    sleep('ns1'),
    {
      name: 'istio-ingressgateway',
      namespace: 'istio-system',
      gateway: true,
      labels: { istio: 'ingressgateway' },
      ports: [{ name: 'http2', port: 80, targetPort: 8080 }],
    },
    {
      name: 'web-gw-istio',
      namespace: 'ns1',
      gateway: true,
      labels: { 'gateway.networking.k8s.io/gateway-name': 'web-gw' },
      ports: [{ name: 'http', port: 80, targetPort: 80 }],
    },
  ],
};

const ap = (namespace: string, name: string, spec: Record<string, unknown>): Doc =>
  resource('AuthorizationPolicy', namespace, name, { rules: [{}], ...spec });

function attached(docs: Doc[], key: string): string[] {
  const engine = engineOf(workspace(mesh, docs));
  return engine.authorization
    .forWorkload(workloadOf(engine, key))
    .map((a) => `${a.policy.meta.namespace}/${a.policy.meta.name}:${a.reason}`);
}

describe('AuthorizationPolicy attachment (§A1)', () => {
  it('§A1: a root-namespace policy without selector applies mesh-wide, gateways included (pitfall)', () => {
    const docs = [ap('istio-system', 'global', {})];
    expect(attached(docs, 'ns1/x')).toEqual(['istio-system/global:mesh-wide']);
    expect(attached(docs, 'ns2/x')).toEqual(['istio-system/global:mesh-wide']);
    expect(attached(docs, 'istio-system/istio-ingressgateway')).toEqual(['istio-system/global:mesh-wide']);
  });

  it('§A1 (Z37): a namespace policy without selector applies to its namespace only', () => {
    const docs = [ap('ns1', 'policy-ns1-all', {})];
    expect(attached(docs, 'ns1/x')).toEqual(['ns1/policy-ns1-all:namespace-wide']);
    expect(attached(docs, 'ns1/sleep')).toEqual(['ns1/policy-ns1-all:namespace-wide']);
    expect(attached(docs, 'ns2/x')).toEqual([]);
  });

  it('§A1 (Z37): a selector applies when every matchLabels pair is on the workload', () => {
    const docs = [
      ap('ns1', 'both', { selector: { matchLabels: { app: 'x', foo: 'bla' } } }),
      ap('ns1', 'app', { selector: { matchLabels: { app: 'x' } } }),
    ];
    expect(attached(docs, 'ns1/x')).toEqual(['ns1/app:selector']);
    expect(attached(docs, 'ns1/sleep')).toEqual([]);
  });

  it('§A1: an empty matchLabels selects everything in scope', () => {
    expect(attached([ap('ns1', 'empty', { selector: { matchLabels: {} } })], 'ns1/sleep')).toEqual([
      'ns1/empty:selector',
    ]);
  });

  it('§A1 (Z37): a root-namespace selector matches workloads in every namespace', () => {
    const docs = [ap('istio-system', 'policy-system-x', { selector: { matchLabels: { app: 'x' } } })];
    expect(attached(docs, 'ns1/x')).toEqual(['istio-system/policy-system-x:selector']);
    expect(attached(docs, 'ns2/x')).toEqual(['istio-system/policy-system-x:selector']);
    expect(attached(docs, 'ns1/sleep')).toEqual([]);
  });

  it('§A1: a policy in another non-root namespace never applies, even with a matching selector', () => {
    expect(attached([ap('ns2', 'p', { selector: { matchLabels: { app: 'x' } } })], 'ns1/x')).toEqual([]);
  });

  it('Z57: targetRefs policies are ignored entirely by ordinary workloads', () => {
    const docs = [ap('ns1', 'svc', { targetRefs: [{ kind: 'Service', group: '', name: 'x' }] })];
    expect(attached(docs, 'ns1/x')).toEqual([]);
  });

  it('§A1: a classic ingress gateway is an ordinary workload: targetRefs do not attach, selectors do', () => {
    const docs = [
      ap('istio-system', 'by-ref', {
        targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'istio-ingressgateway' }],
      }),
      ap('istio-system', 'by-selector', { selector: { matchLabels: { istio: 'ingressgateway' } } }),
    ];
    expect(attached(docs, 'istio-system/istio-ingressgateway')).toEqual([
      'istio-system/by-selector:selector',
    ]);
  });

  it('§A1: a Gateway API gateway takes targetRefs of kind Gateway with its gateway-name in its namespace', () => {
    const docs = [
      ap('ns1', 'ref', {
        targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'web-gw' }],
      }),
      ap('ns1', 'other-name', {
        targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'other' }],
      }),
      ap('ns1', 'service-kind', { targetRefs: [{ kind: 'Service', group: '', name: 'web-gw' }] }),
      ap('istio-system', 'root-ref', {
        targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'web-gw' }],
      }),
    ];
    expect(attached(docs, 'ns1/web-gw-istio')).toEqual(['ns1/ref:targetRef']);
    // The same targetRef policy does not attach to the ordinary workloads of ns1.
    expect(attached(docs, 'ns1/x')).toEqual([]);
  });

  it('§A1: selector and namespace-wide policies still apply to Gateway API gateways (ENABLE_SELECTOR_BASED_K8S_GATEWAY_POLICY default true)', () => {
    const docs = [
      ap('ns1', 'ns-wide', {}),
      ap('ns1', 'sel', { selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'web-gw' } } }),
    ];
    expect(attached(docs, 'ns1/web-gw-istio')).toEqual(['ns1/ns-wide:namespace-wide', 'ns1/sel:selector']);
  });

  it('§A1: candidates are listed in document order, root and own namespace together', () => {
    const docs = [
      ap('ns1', 'b', {}),
      ap('istio-system', 'a', {}),
      ap('ns1', 'c', { selector: { matchLabels: { app: 'x' } } }),
    ];
    expect(attached(docs, 'ns1/x')).toEqual([
      'ns1/b:namespace-wide',
      'istio-system/a:mesh-wide',
      'ns1/c:selector',
    ]);
  });
});

describe('RequestAuthentication attachment (§C1 "Selection works like AuthorizationPolicy")', () => {
  it('§C1: root namespace is mesh-wide, own namespace namespace-wide, other namespaces never', () => {
    const ra = (ns: string, name: string, spec: Record<string, unknown> = {}) =>
      resource('RequestAuthentication', ns, name, { jwtRules: [{ issuer: `iss-${name}` }], ...spec });
    const engine = engineOf(
      workspace(mesh, [
        ra('istio-system', 'mesh'),
        ra('ns1', 'ns1'),
        ra('ns2', 'ns2'),
        ra('ns1', 'sel', { selector: { matchLabels: { app: 'x' } } }),
      ]),
    );
    const names = (key: string) =>
      engine.requestAuthentication.forWorkload(workloadOf(engine, key)).map((a) => a.policy.meta.name);
    expect(names('ns1/x')).toEqual(['mesh', 'ns1', 'sel']);
    expect(names('ns1/sleep')).toEqual(['mesh', 'ns1']);
    expect(names('ns2/x')).toEqual(['mesh', 'ns2']);
  });
});
