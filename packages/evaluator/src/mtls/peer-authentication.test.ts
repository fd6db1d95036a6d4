/**
 * Server-side mode resolution (docs/semantics.md §B1; vectors M5–M9, M26–M28). Expected modes come from
 * the spec, not from running the code.
 */
import { describe, expect, it } from 'vitest';
import { engineOf, httpbin, resource, sleep, workloadOf, workspace, type Doc } from '../pipeline/testing';
import type { MeshSpec } from '../types';

const mesh: MeshSpec = {
  namespaces: [{ name: 'istio-system' }, { name: 'foo' }, { name: 'bar' }],
  workloads: [httpbin('foo', { labels: { app: 'httpbin', version: 'v1' } }), sleep('foo'), httpbin('bar')],
};

const pa = (namespace: string, name: string, spec: unknown, metadata: Record<string, unknown> = {}): Doc =>
  resource('PeerAuthentication', namespace, name, spec, metadata);

function resolve(docs: Doc[], key = 'foo/httpbin', port = 80) {
  const engine = engineOf(workspace(mesh, docs));
  const w = workloadOf(engine, key);
  return {
    port: engine.peerAuthentications.forPort(w, port),
    all: engine.peerAuthentications.forWorkload(w),
  };
}

describe('levels (§B1 steps 2 and 4)', () => {
  it('§B1.4: no PeerAuthentication at all → PERMISSIVE from the default', () => {
    const { port } = resolve([]);
    expect(port.mode).toBe('PERMISSIVE');
    expect(port.origin).toBe('default');
    expect(port.policy).toBeNull();
  });

  it('§B1.2 mesh level (M1): root-namespace PA without selector applies to every namespace', () => {
    const docs = [pa('istio-system', 'default', { mtls: { mode: 'STRICT' } })];
    expect(resolve(docs).port).toMatchObject({ mode: 'STRICT', origin: 'mesh' });
    expect(resolve(docs, 'bar/httpbin').port).toMatchObject({ mode: 'STRICT', origin: 'mesh' });
  });

  it('§B1.2: a root-namespace PA with empty matchLabels is mesh-level', () => {
    const docs = [pa('istio-system', 'default', { selector: { matchLabels: {} }, mtls: { mode: 'STRICT' } })];
    expect(resolve(docs).port).toMatchObject({ mode: 'STRICT', origin: 'mesh' });
  });

  it('§B1 M5: a namespace-level PA applies only to its namespace', () => {
    const docs = [pa('foo', 'default', { mtls: { mode: 'STRICT' } })];
    expect(resolve(docs).port).toMatchObject({ mode: 'STRICT', origin: 'namespace' });
    expect(resolve(docs, 'bar/httpbin').port).toMatchObject({ mode: 'PERMISSIVE', origin: 'default' });
  });

  it('§B1.2: a namespace PA with empty matchLabels is namespace-level', () => {
    const docs = [pa('foo', 'default', { selector: { matchLabels: {} }, mtls: { mode: 'DISABLE' } })];
    expect(resolve(docs).port).toMatchObject({ mode: 'DISABLE', origin: 'namespace' });
  });

  it('§B1.4: the namespace level overrides the mesh level', () => {
    const docs = [
      pa('istio-system', 'default', { mtls: { mode: 'STRICT' } }),
      pa('foo', 'default', { mtls: { mode: 'PERMISSIVE' } }),
    ];
    expect(resolve(docs).port).toMatchObject({ mode: 'PERMISSIVE', origin: 'namespace' });
  });

  it('§B1.4: a namespace level with mode UNSET, or with mtls absent, inherits the mesh level', () => {
    const mesh = pa('istio-system', 'default', { mtls: { mode: 'STRICT' } });
    expect(resolve([mesh, pa('foo', 'default', { mtls: { mode: 'UNSET' } })]).port).toMatchObject({
      mode: 'STRICT',
      origin: 'mesh',
    });
    expect(resolve([mesh, pa('foo', 'default', {})]).port).toMatchObject({ mode: 'STRICT', origin: 'mesh' });
  });

  it('§B1 M6: a workload-level PA applies only to workloads whose labels include its selector', () => {
    const docs = [
      pa('bar', 'httpbin', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' } }),
    ];
    expect(resolve(docs, 'bar/httpbin').port).toMatchObject({ mode: 'STRICT', origin: 'workload' });
    const other = [
      pa('foo', 'v2', {
        selector: { matchLabels: { app: 'httpbin', version: 'v2' } },
        mtls: { mode: 'STRICT' },
      }),
    ];
    expect(resolve(other).port).toMatchObject({ mode: 'PERMISSIVE', origin: 'default' });
  });

  it('§B1.1: a PA in another (non-root) namespace never applies', () => {
    const docs = [
      pa('bar', 'default', { mtls: { mode: 'STRICT' } }),
      pa('bar', 'sel', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' } }),
    ];
    expect(resolve(docs).port).toMatchObject({ mode: 'PERMISSIVE', origin: 'default' });
  });

  it('§B1 M9: the workload level overrides the namespace level', () => {
    const docs = [
      pa('foo', 'default', { mtls: { mode: 'STRICT' } }),
      pa('foo', 'overwrite-example', {
        selector: { matchLabels: { app: 'httpbin' } },
        mtls: { mode: 'DISABLE' },
      }),
    ];
    const { port, all } = resolve(docs);
    expect(port).toMatchObject({ mode: 'DISABLE', origin: 'workload' });
    // The cluster stage of auto-mTLS reads only mesh + namespace (§B2).
    expect(all.namespace).toMatchObject({ mode: 'STRICT', origin: 'namespace' });
  });

  it('§B1.4: a workload level with mode UNSET inherits the namespace level', () => {
    const docs = [
      pa('foo', 'default', { mtls: { mode: 'STRICT' } }),
      pa('foo', 'w', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'UNSET' } }),
    ];
    expect(resolve(docs).port).toMatchObject({ mode: 'STRICT', origin: 'namespace' });
  });
});

describe('several policies at one level: the oldest wins (§B1.3)', () => {
  it('M26: two namespace-level PAs, the older STRICT and the newer PERMISSIVE (newer first in the file) → STRICT', () => {
    const docs = [
      pa('foo', 'newer', { mtls: { mode: 'PERMISSIVE' } }, { creationTimestamp: '2025-02-01T00:00:00Z' }),
      pa('foo', 'older', { mtls: { mode: 'STRICT' } }, { creationTimestamp: '2025-01-01T00:00:00Z' }),
    ];
    const { port, all } = resolve(docs);
    expect(port.mode).toBe('STRICT');
    expect(port.policy?.meta.name).toBe('older');
    expect(all.ignored.map((i) => i.policy.meta.name)).toContain('newer');
  });

  it('§B1.3 with no creationTimestamp: document order breaks the tie (docs/workspace-format.md), the first one wins', () => {
    const docs = [
      pa('foo', 'first', { mtls: { mode: 'DISABLE' } }),
      pa('foo', 'second', { mtls: { mode: 'STRICT' } }),
    ];
    expect(resolve(docs).port).toMatchObject({ mode: 'DISABLE', origin: 'namespace' });
  });

  it('§B1.3 at the mesh level: the oldest root-namespace PA wins', () => {
    const docs = [
      pa('istio-system', 'b', { mtls: { mode: 'DISABLE' } }, { creationTimestamp: '2025-03-01T00:00:00Z' }),
      pa('istio-system', 'a', { mtls: { mode: 'STRICT' } }, { creationTimestamp: '2024-03-01T00:00:00Z' }),
    ];
    expect(resolve(docs).port).toMatchObject({ mode: 'STRICT', origin: 'mesh' });
    expect(resolve(docs).port.policy?.meta.name).toBe('a');
  });

  it('§B1.3 at the workload level: of two selecting PAs the oldest wins, with its portLevelMtls', () => {
    const docs = [
      pa(
        'foo',
        'young',
        { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' } },
        { creationTimestamp: '2025-06-01T00:00:00Z' },
      ),
      pa(
        'foo',
        'old',
        {
          selector: { matchLabels: { version: 'v1' } },
          mtls: { mode: 'PERMISSIVE' },
          portLevelMtls: { 9000: { mode: 'DISABLE' } },
        },
        { creationTimestamp: '2025-01-01T00:00:00Z' },
      ),
    ];
    expect(resolve(docs).port).toMatchObject({ mode: 'PERMISSIVE', origin: 'workload' });
    expect(resolve(docs, 'foo/httpbin', 9000).port).toMatchObject({ mode: 'DISABLE', origin: 'port' });
  });
});

describe('root-namespace selectors (§B1.2, M27)', () => {
  it('M27: a root-namespace PA with a selector is ignored for sidecars', () => {
    const docs = [
      pa('istio-system', 'sel', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' } }),
    ];
    const { port, all } = resolve(docs);
    expect(port).toMatchObject({ mode: 'PERMISSIVE', origin: 'default' });
    expect(all.ignored.map((i) => i.policy.meta.name)).toEqual(['sel']);
  });
});

describe('portLevelMtls (§B1.5)', () => {
  const workloadStrict = (portLevelMtls: Record<string, unknown>) => [
    pa('bar', 'httpbin', {
      selector: { matchLabels: { app: 'httpbin' } },
      mtls: { mode: 'STRICT' },
      portLevelMtls,
    }),
  ];

  it('M7: portLevelMtls {80: DISABLE} is keyed by the target port 80', () => {
    const { port } = resolve(workloadStrict({ 80: { mode: 'DISABLE' } }), 'bar/httpbin', 80);
    expect(port).toMatchObject({ mode: 'DISABLE', origin: 'port', port: 80 });
  });

  it('M8: portLevelMtls keyed by the Service port 8000 does not touch target port 80', () => {
    const docs = workloadStrict({ 8000: { mode: 'DISABLE' } });
    expect(resolve(docs, 'bar/httpbin', 80).port).toMatchObject({ mode: 'STRICT', origin: 'workload' });
  });

  it('§B1.5: a port entry with mode UNSET inherits the workload mode', () => {
    expect(resolve(workloadStrict({ 80: { mode: 'UNSET' } }), 'bar/httpbin', 80).port).toMatchObject({
      mode: 'STRICT',
      origin: 'workload',
    });
  });

  it('§B1.5: port entries also work when the workload mode itself is inherited (UNSET) from the namespace', () => {
    const docs = [
      pa('foo', 'default', { mtls: { mode: 'STRICT' } }),
      pa('foo', 'w', {
        selector: { matchLabels: { app: 'httpbin' } },
        portLevelMtls: { 80: { mode: 'PERMISSIVE' } },
      }),
    ];
    expect(resolve(docs, 'foo/httpbin', 80).port).toMatchObject({ mode: 'PERMISSIVE', origin: 'port' });
    expect(resolve(docs, 'foo/httpbin', 81).port).toMatchObject({ mode: 'STRICT', origin: 'namespace' });
  });

  it('M28: a namespace-level PA with portLevelMtls is rejected, so it is not enforced', () => {
    const docs = [
      pa('foo', 'default', { mtls: { mode: 'STRICT' }, portLevelMtls: { 80: { mode: 'DISABLE' } } }),
    ];
    expect(resolve(docs).port).toMatchObject({ mode: 'PERMISSIVE', origin: 'default' });
  });
});
