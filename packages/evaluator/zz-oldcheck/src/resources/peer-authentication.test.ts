import { describe, expect, it } from 'vitest';
import { lineOf, oneWithCode, readYaml, withCode, yaml } from './testing';

describe('PeerAuthentication', () => {
  it('reads a v1beta1 workload policy with portLevelMtls keyed by int and string ports (seed 002)', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1beta1
      kind: PeerAuthentication
      metadata:
        name: "httpbin"
        namespace: "bar"
      spec:
        selector:
          matchLabels:
            app: httpbin
        mtls:
          mode: STRICT
        portLevelMtls:
          8080:
            mode: DISABLE
          "9090":
            mode: UNSET
    `);
    expect(diagnostics).toEqual([]);
    const pa = resources.peerAuthentications[0];
    expect(pa?.selector).toEqual({ app: 'httpbin' });
    expect(pa?.mode).toBe('STRICT');
    expect(pa?.portLevelMtls).toEqual([
      { port: 8080, mode: 'DISABLE' },
      { port: 9090, mode: 'UNSET' },
    ]);
    expect(pa?.meta.rejected).toBe(false);
  });

  it('reads a v1 mesh-wide policy; mtls absent is null, mtls without mode is UNSET', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: default, namespace: istio-system}
      spec:
        mtls:
          mode: STRICT
      ---
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: none, namespace: foo}
      spec: {}
      ---
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: unset, namespace: foo}
      spec:
        mtls: {}
    `);
    expect(diagnostics).toEqual([]);
    expect(resources.peerAuthentications.map((p) => [p.meta.name, p.selector, p.mode, p.meta.order])).toEqual(
      [
        ['default', null, 'STRICT', 0],
        ['none', null, null, 1],
        ['unset', null, 'UNSET', 2],
      ],
    );
  });

  it('an unknown mode is refused by the CRD enum', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: p, namespace: foo}
      spec:
        mtls:
          mode: strict
    `);
    const d = oneWithCode(diagnostics, 'schema.enum');
    expect(d.message).toContain('"strict"');
    expect(lineOf(d)).toBe(6);
    expect(resources.peerAuthentications[0]?.meta.rejected).toBe(true);
  });

  it('M28: portLevelMtls without a selector is rejected', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: p, namespace: foo}
      spec:
        mtls: {mode: STRICT}
        portLevelMtls:
          8080: {mode: DISABLE}
    `);
    const d = oneWithCode(diagnostics, 'peer.port-level-requires-selector');
    expect(d.severity).toBe('error');
    expect(d.message).toContain('portLevelMtls requires selector');
    expect(lineOf(d)).toBe(6);
    expect(resources.peerAuthentications[0]?.meta.rejected).toBe(true);
  });

  it('portLevelMtls with an empty selector is rejected too', () => {
    const { diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: p, namespace: foo}
      spec:
        selector: {matchLabels: {}}
        portLevelMtls:
          8080: {mode: DISABLE}
    `);
    expect(withCode(diagnostics, 'peer.port-level-requires-selector')).toHaveLength(1);
  });

  it('portLevelMtls: {} without a selector is rejected as well (CRD rule)', () => {
    const { diagnostics } = readYaml(
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: p}\nspec:\n  portLevelMtls: {}\n',
    );
    expect(lineOf(oneWithCode(diagnostics, 'peer.port-level-requires-selector'))).toBe(5);
  });

  it('port keys must be 1-65535', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: p, namespace: foo}
      spec:
        selector: {matchLabels: {app: a}}
        portLevelMtls:
          0: {mode: DISABLE}
          70000: {mode: DISABLE}
          http: {mode: DISABLE}
          80: {mode: PERMISSIVE}
    `);
    expect(withCode(diagnostics, 'peer.port-range').map(lineOf)).toEqual([7, 8, 9]);
    expect(resources.peerAuthentications[0]?.portLevelMtls).toEqual([{ port: 80, mode: 'PERMISSIVE' }]);
  });

  it('a root-namespace policy with a selector is accepted with a warning that sidecars ignore it (M27)', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: p, namespace: istio-system}
      spec:
        selector:
          matchLabels: {app: httpbin}
        mtls: {mode: STRICT}
    `);
    const d = oneWithCode(diagnostics, 'peer.root-namespace-selector');
    expect(d.severity).toBe('warning');
    expect(lineOf(d)).toBe(5);
    expect(resources.peerAuthentications[0]?.meta.rejected).toBe(false);
  });

  it('the root namespace comes from the options', () => {
    const text = yaml`
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: p, namespace: mesh-root}
      spec:
        selector:
          matchLabels: {app: httpbin}
    `;
    expect(withCode(readYaml(text).diagnostics, 'peer.root-namespace-selector')).toEqual([]);
    expect(withCode(readYaml(text, 'mesh-root').diagnostics, 'peer.root-namespace-selector')).toHaveLength(1);
  });

  it('seed 003: mis-indented mtls and matchLabels are unknown fields', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1beta1
      kind: PeerAuthentication
      metadata:
         name: "example-peer-policy"
         namespace: "foo"
      spec:
         selector:
         matchLabels:
          app: reviews
      mtls:
         mode: STRICT
    `);
    const unknown = withCode(diagnostics, 'schema.unknown-field');
    expect(unknown.map((d) => [lineOf(d), d.message.match(/"([^"]+)"/)?.[1]])).toEqual([
      [10, 'mtls'],
      [8, 'spec.matchLabels'],
    ]);
    expect(resources.peerAuthentications[0]?.meta.rejected).toBe(true);
  });
});
