import { describe, expect, it } from 'vitest';
import { createEvaluator } from '../evaluate';
import { clientAttributesRead } from './client-attributes';

const mesh = `apiVersion: playground/v1
kind: Mesh
spec:
  extensionProviders:
    - {name: ext, envoyExtAuthzHttp: {service: ext.foo.svc.cluster.local, port: 8000}}
  workloads:
    - {name: ext, namespace: foo, ports: [{name: http, port: 8000}]}
    - {name: w, namespace: foo, labels: {app: w}, ports: [{name: http, port: 8000}]}
`;
const policy = (spec: string) => `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: p, namespace: foo}
spec: {selector: {matchLabels: {app: w}}, ${spec}}
`;

async function readsOf(spec: string) {
  const engine = await createEvaluator().compile(mesh + policy(spec));
  const w = engine.mesh.byKey.get('foo/w');
  if (!w) throw new Error('no workload');
  return clientAttributesRead(engine.policySet(w));
}

describe('clientAttributesRead', () => {
  it('names what of the client each kind of field and condition reads', async () => {
    const none = { namespace: false, identity: false, address: false, anything: false };
    expect(await readsOf('rules: [{to: [{operation: {paths: ["/a"]}}]}]')).toEqual(none);
    expect(await readsOf('rules: [{from: [{source: {namespaces: [bar]}}]}]')).toEqual({
      ...none,
      namespace: true,
    });
    expect(await readsOf('rules: [{when: [{key: source.namespace, values: [bar]}]}]')).toEqual({
      ...none,
      namespace: true,
    });
    expect(await readsOf('rules: [{from: [{source: {principals: ["*/sa/x"]}}]}]')).toEqual({
      ...none,
      identity: true,
    });
    expect(await readsOf('rules: [{from: [{source: {notServiceAccounts: ["bar/x"]}}]}]')).toEqual({
      ...none,
      identity: true,
    });
    expect(await readsOf('action: DENY, rules: [{from: [{source: {ipBlocks: ["10.0.0.0/8"]}}]}]')).toEqual({
      ...none,
      address: true,
    });
    expect(await readsOf('rules: [{when: [{key: remote.ip, values: ["10.0.0.1"]}]}]')).toEqual({
      ...none,
      address: true,
    });
    expect(
      await readsOf('action: CUSTOM, provider: {name: ext}, rules: [{to: [{operation: {paths: ["/a"]}}]}]'),
    ).toEqual({
      ...none,
      anything: true,
    });
  });
});
