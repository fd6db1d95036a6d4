/**
 * Client-side TLS (docs/semantics.md §B2; vectors M1, M2, M10–M22, M29, M30): DestinationRule selection,
 * port-level replacement, the two auto-mTLS stages, and the handshake outcome matrix.
 */
import { describe, expect, it } from 'vitest';
import { engineOf, httpbin, resource, sleep, workloadOf, workspace, type Doc } from '../pipeline/testing';
import type { MeshSpec } from '../types';
import { clientTls, handshake, type ClientSends, type ServerAccepts } from './client-tls';

const mesh: MeshSpec = {
  namespaces: [{ name: 'istio-system' }, { name: 'foo' }, { name: 'bar' }, { name: 'legacy' }],
  workloads: [
    sleep('foo'),
    sleep('bar'),
    sleep('foo', { name: 'canary', labels: { app: 'canary' } }),
    httpbin('foo', {
      ports: [
        { name: 'http', port: 8000, targetPort: 80 },
        { name: 'http-admin', port: 8001, targetPort: 81 },
      ],
    }),
    httpbin('legacy', { sidecar: false }),
  ],
};

const dr = (namespace: string, name: string, spec: Record<string, unknown>): Doc =>
  resource('DestinationRule', namespace, name, spec);
const pa = (namespace: string, name: string, spec: unknown): Doc =>
  resource('PeerAuthentication', namespace, name, spec);
const tls = (mode: string) => ({ trafficPolicy: { tls: { mode } } });

function decide(
  docs: Doc[],
  from = 'foo/sleep',
  to = 'foo/httpbin',
  servicePort = 8000,
  targetPort = 80,
  subset: string | null = null,
  spec: MeshSpec = mesh,
) {
  const engine = engineOf(workspace(spec, docs));
  const client = workloadOf(engine, from);
  const server = workloadOf(engine, to);
  const decision = clientTls(
    engine.mesh,
    engine.destinationRules,
    engine.peerAuthentications,
    client,
    server,
    servicePort,
    targetPort,
    subset,
  );
  const accepts: ServerAccepts = server.sidecar
    ? engine.peerAuthentications.forPort(server, targetPort).mode
    : 'PLAINTEXT_ONLY';
  return { decision, shake: handshake(decision.sends, accepts) };
}

describe('DestinationRule selection (§B2)', () => {
  it('M30: a DR in the client namespace wins over one in the root namespace', () => {
    const docs = [
      dr('istio-system', 'all', { host: '*', ...tls('ISTIO_MUTUAL') }),
      dr('foo', 'plain', { host: 'httpbin.foo.svc.cluster.local', ...tls('DISABLE') }),
      pa('foo', 'default', { mtls: { mode: 'STRICT' } }),
    ];
    const { decision, shake } = decide(docs);
    expect(decision.sends).toBe('PLAINTEXT');
    expect(decision.destinationRule?.meta.name).toBe('plain');
    expect(shake.ok).toBe(false);
  });

  it('§B2: the client namespace comes before the Service namespace', () => {
    const docs = [
      dr('foo', 'svc-ns', { host: 'httpbin.foo.svc.cluster.local', ...tls('ISTIO_MUTUAL') }),
      dr('bar', 'client-ns', { host: 'httpbin.foo.svc.cluster.local', ...tls('DISABLE') }),
    ];
    expect(decide(docs, 'bar/sleep').decision.destinationRule?.meta.name).toBe('client-ns');
  });

  it('§B2: without one in the client namespace, the Service namespace comes before the root namespace', () => {
    const docs = [
      dr('istio-system', 'root', { host: '*', ...tls('DISABLE') }),
      dr('foo', 'svc-ns', { host: 'httpbin', ...tls('SIMPLE') }),
    ];
    const { decision } = decide(docs, 'bar/sleep');
    expect(decision.destinationRule?.meta.name).toBe('svc-ns');
    expect(decision.sends).toBe('SIMPLE');
  });

  it('§B2: the root namespace is the last resort', () => {
    const { decision } = decide(
      [dr('istio-system', 'root', { host: '*.svc.cluster.local', ...tls('DISABLE') })],
      'bar/sleep',
    );
    expect(decision.destinationRule?.meta.name).toBe('root');
    expect(decision.sends).toBe('PLAINTEXT');
  });

  it('§B2: a Service-namespace DR not exported to the client namespace is skipped (exportTo ".")', () => {
    const docs = [
      dr('foo', 'private', { host: 'httpbin', exportTo: ['.'], ...tls('DISABLE') }),
      dr('istio-system', 'root', { host: '*', ...tls('SIMPLE') }),
    ];
    expect(decide(docs, 'bar/sleep').decision.destinationRule?.meta.name).toBe('root');
    // The same DR is visible inside its own namespace.
    expect(decide(docs, 'foo/sleep').decision.destinationRule?.meta.name).toBe('private');
  });

  it('§B2: exportTo naming the client namespace makes the DR visible there', () => {
    const docs = [dr('foo', 'to-bar', { host: 'httpbin', exportTo: ['bar'], ...tls('DISABLE') })];
    expect(decide(docs, 'bar/sleep').decision.destinationRule?.meta.name).toBe('to-bar');
  });

  it('§B2: the first namespace with a match wins and later ones are not merged (client-ns DR without tls → auto-mTLS)', () => {
    const docs = [
      dr('foo', 'no-tls', { host: 'httpbin' }),
      dr('istio-system', 'root', { host: '*', ...tls('DISABLE') }),
    ];
    const { decision } = decide(docs);
    // auto-mTLS to a sidecar endpoint with no PA: mTLS, not the root DR's DISABLE.
    expect(decision.sends).toBe('ISTIO_MUTUAL');
    expect(decision.destinationRule).toBeNull();
  });

  it('§B2: within a namespace the most specific host wins (exact over *.suffix over *)', () => {
    const docs = [
      dr('istio-system', 'star', { host: '*', ...tls('DISABLE') }),
      dr('istio-system', 'exact', { host: 'httpbin.foo.svc.cluster.local', ...tls('ISTIO_MUTUAL') }),
      dr('istio-system', 'suffix', { host: '*.foo.svc.cluster.local', ...tls('SIMPLE') }),
    ];
    expect(decide(docs, 'bar/sleep').decision.destinationRule?.meta.name).toBe('exact');
    const noExact = docs.filter((d) => (d.metadata as { name: string }).name !== 'exact');
    expect(decide(noExact, 'bar/sleep').decision.destinationRule?.meta.name).toBe('suffix');
  });

  it('§B2: a DR for another host does not apply', () => {
    const { decision } = decide([dr('foo', 'other', { host: 'reviews', ...tls('DISABLE') })]);
    expect(decision.destinationRule).toBeNull();
    expect(decision.sends).toBe('ISTIO_MUTUAL');
  });

  it('§B2: a DR with workloadSelector applies only to the client workloads it selects', () => {
    const docs = [
      dr('foo', 'canary-only', {
        host: 'httpbin',
        workloadSelector: { matchLabels: { app: 'canary' } },
        ...tls('DISABLE'),
      }),
    ];
    expect(decide(docs, 'foo/canary').decision.sends).toBe('PLAINTEXT');
    expect(decide(docs, 'foo/sleep').decision.sends).toBe('ISTIO_MUTUAL');
  });
});

describe('port-level and subset settings (§B2 "Effective TLS for a port")', () => {
  it('a portLevelSettings entry for the Service port replaces the top level; without tls that port is auto-mTLS', () => {
    const docs = [
      dr('foo', 'd', {
        host: 'httpbin',
        trafficPolicy: { tls: { mode: 'DISABLE' }, portLevelSettings: [{ port: { number: 8000 } }] },
      }),
    ];
    expect(decide(docs, 'foo/sleep', 'foo/httpbin', 8000, 80).decision.sends).toBe('ISTIO_MUTUAL');
    // Another port keeps the top-level mode.
    expect(decide(docs, 'foo/sleep', 'foo/httpbin', 8001, 81).decision.sends).toBe('PLAINTEXT');
  });

  it('a portLevelSettings entry with tls sets that port only (keyed by Service port, not target port)', () => {
    const docs = [
      dr('foo', 'd', {
        host: 'httpbin',
        trafficPolicy: { portLevelSettings: [{ port: { number: 8001 }, tls: { mode: 'DISABLE' } }] },
      }),
    ];
    expect(decide(docs, 'foo/sleep', 'foo/httpbin', 8001, 81).decision.sends).toBe('PLAINTEXT');
    expect(decide(docs, 'foo/sleep', 'foo/httpbin', 8000, 80).decision.sends).toBe('ISTIO_MUTUAL');
    const byTarget = [
      dr('foo', 'd', {
        host: 'httpbin',
        trafficPolicy: { portLevelSettings: [{ port: { number: 81 }, tls: { mode: 'DISABLE' } }] },
      }),
    ];
    expect(decide(byTarget, 'foo/sleep', 'foo/httpbin', 8001, 81).decision.sends).toBe('ISTIO_MUTUAL');
  });

  it('a tls block without mode is DISABLE (proto default), not auto-mTLS (cluster_tls.go buildAutoMtlsSettings)', () => {
    const docs = [dr('foo', 'd', { host: 'httpbin', trafficPolicy: { tls: { sni: 'x.example.com' } } })];
    expect(decide(docs).decision.sends).toBe('PLAINTEXT');
    const portLevel = [
      dr('foo', 'd', {
        host: 'httpbin',
        trafficPolicy: { portLevelSettings: [{ port: { number: 8000 }, tls: {} }] },
      }),
    ];
    expect(decide(portLevel).decision.sends).toBe('PLAINTEXT');
  });

  it('a subset trafficPolicy overrides the DR-level one', () => {
    const docs = [
      dr('foo', 'd', {
        host: 'httpbin',
        ...tls('ISTIO_MUTUAL'),
        subsets: [{ name: 'v1', labels: { app: 'httpbin' }, ...tls('DISABLE') }],
      }),
    ];
    expect(decide(docs, 'foo/sleep', 'foo/httpbin', 8000, 80, 'v1').decision.sends).toBe('PLAINTEXT');
    expect(decide(docs, 'foo/sleep', 'foo/httpbin', 8000, 80, null).decision.sends).toBe('ISTIO_MUTUAL');
  });
});

describe('DR modes meet the server (§B2 matrix via M10, M16, M19, M20, M29)', () => {
  it('M10/M16: DR ISTIO_MUTUAL to a workload without a sidecar fails', () => {
    const { decision, shake } = decide(
      [dr('istio-system', 'all', { host: '*', ...tls('ISTIO_MUTUAL') })],
      'foo/sleep',
      'legacy/httpbin',
    );
    expect(decision.sends).toBe('ISTIO_MUTUAL');
    expect(shake).toMatchObject({ ok: false });
  });

  it('M11: DR ISTIO_MUTUAL to a PERMISSIVE sidecar is mTLS', () => {
    const { shake } = decide([dr('istio-system', 'all', { host: '*', ...tls('ISTIO_MUTUAL') })]);
    expect(shake).toMatchObject({ ok: true, mtls: true });
  });

  it('M19: DR DISABLE to a STRICT server fails', () => {
    const { shake } = decide([
      pa('foo', 'default', { mtls: { mode: 'STRICT' } }),
      dr('foo', 'd', { host: 'httpbin', ...tls('DISABLE') }),
    ]);
    expect(shake.ok).toBe(false);
  });

  it('M29: DR SIMPLE to a STRICT server fails (no client certificate)', () => {
    const { decision, shake } = decide([
      pa('foo', 'default', { mtls: { mode: 'STRICT' } }),
      dr('foo', 'd', { host: 'httpbin', ...tls('SIMPLE') }),
    ]);
    expect(decision.sends).toBe('SIMPLE');
    expect(shake.ok).toBe(false);
  });
});

describe('auto mTLS (§B2 two stages)', () => {
  it('M1: no DR, a sidecar endpoint → Istio mTLS', () => {
    const { decision, shake } = decide([pa('istio-system', 'default', { mtls: { mode: 'STRICT' } })]);
    expect(decision.sends).toBe('ISTIO_MUTUAL');
    expect(shake).toMatchObject({ ok: true, mtls: true });
  });

  it('M2: no DR, an endpoint without a sidecar → plaintext, which succeeds', () => {
    const { decision, shake } = decide(
      [pa('istio-system', 'default', { mtls: { mode: 'STRICT' } })],
      'foo/sleep',
      'legacy/httpbin',
    );
    expect(decision.sends).toBe('PLAINTEXT');
    expect(shake).toMatchObject({ ok: true, mtls: false });
  });

  it('§B2 cluster stage: enableAutoMtls false → plaintext even to a sidecar', () => {
    const off: MeshSpec = { ...mesh, enableAutoMtls: false };
    expect(decide([], 'foo/sleep', 'foo/httpbin', 8000, 80, null, off).decision.sends).toBe('PLAINTEXT');
  });

  it('M15: mesh DISABLE → plaintext to every endpoint', () => {
    const { decision, shake } = decide([pa('istio-system', 'default', { mtls: { mode: 'DISABLE' } })]);
    expect(decision.sends).toBe('PLAINTEXT');
    expect(shake).toMatchObject({ ok: true, mtls: false });
  });

  it('§B2 cluster stage: namespace-level DISABLE of the Service namespace → plaintext', () => {
    expect(decide([pa('foo', 'default', { mtls: { mode: 'DISABLE' } })]).decision.sends).toBe('PLAINTEXT');
  });

  it('§B2 cluster stage reads the Service namespace, not the client namespace', () => {
    expect(decide([pa('bar', 'default', { mtls: { mode: 'DISABLE' } })], 'bar/sleep').decision.sends).toBe(
      'ISTIO_MUTUAL',
    );
  });

  it('M21 (istio/istio#56084): mesh DISABLE plus workload STRICT → the client sends plaintext and the handshake fails', () => {
    const docs = [
      pa('istio-system', 'default', { mtls: { mode: 'DISABLE' } }),
      pa('foo', 'httpbin', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' } }),
    ];
    const { decision, shake } = decide(docs);
    expect(decision.sends).toBe('PLAINTEXT');
    expect(shake.ok).toBe(false);
  });

  it('M22: endpoint stage, workload-level DISABLE → plaintext, which succeeds', () => {
    const { decision, shake } = decide([
      pa('foo', 'httpbin', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'DISABLE' } }),
    ]);
    expect(decision.sends).toBe('PLAINTEXT');
    expect(shake).toMatchObject({ ok: true, mtls: false });
  });

  it('M17: endpoint stage, port-level DISABLE (keyed by target port) → plaintext to that port only', () => {
    const docs = [
      pa('foo', 'httpbin', {
        selector: { matchLabels: { app: 'httpbin' } },
        mtls: { mode: 'STRICT' },
        portLevelMtls: { 80: { mode: 'DISABLE' } },
      }),
    ];
    const port80 = decide(docs, 'foo/sleep', 'foo/httpbin', 8000, 80);
    expect(port80.decision.sends).toBe('PLAINTEXT');
    expect(port80.shake).toMatchObject({ ok: true, mtls: false });
    const port81 = decide(docs, 'foo/sleep', 'foo/httpbin', 8001, 81);
    expect(port81.decision.sends).toBe('ISTIO_MUTUAL');
    expect(port81.shake).toMatchObject({ ok: true, mtls: true });
  });

  it('§B2: a DR TLS mode decides even where auto-mTLS would differ (DR ISTIO_MUTUAL to a workload-DISABLE endpoint fails)', () => {
    const docs = [
      pa('foo', 'httpbin', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'DISABLE' } }),
      dr('foo', 'd', { host: 'httpbin', ...tls('ISTIO_MUTUAL') }),
    ];
    const { decision, shake } = decide(docs);
    expect(decision.sends).toBe('ISTIO_MUTUAL');
    expect(shake.ok).toBe(false);
  });
});

describe('handshake: every cell of the §B2 outcome matrix', () => {
  // [client sends, server accepts, ok, mtls]
  const cells: [ClientSends, ServerAccepts, boolean, boolean][] = [
    // no sidecar, DR DISABLE, or auto-mTLS plaintext
    ['PLAINTEXT', 'PLAINTEXT_ONLY', true, false],
    ['PLAINTEXT', 'DISABLE', true, false],
    ['PLAINTEXT', 'PERMISSIVE', true, false],
    ['PLAINTEXT', 'STRICT', false, false],
    // auto-mTLS to a sidecar, or DR ISTIO_MUTUAL
    ['ISTIO_MUTUAL', 'PLAINTEXT_ONLY', false, false],
    ['ISTIO_MUTUAL', 'DISABLE', false, false],
    ['ISTIO_MUTUAL', 'PERMISSIVE', true, true],
    ['ISTIO_MUTUAL', 'STRICT', true, true],
    // DR SIMPLE / MUTUAL against a plaintext app (footnote ³: no Istio ALPN)
    ['SIMPLE', 'PLAINTEXT_ONLY', false, false],
    ['SIMPLE', 'DISABLE', false, false],
    ['SIMPLE', 'PERMISSIVE', false, false],
    ['SIMPLE', 'STRICT', false, false],
    ['MUTUAL', 'PLAINTEXT_ONLY', false, false],
    ['MUTUAL', 'DISABLE', false, false],
    ['MUTUAL', 'PERMISSIVE', false, false],
    ['MUTUAL', 'STRICT', false, false],
  ];
  for (const [sends, accepts, ok, mtls] of cells) {
    it(`§B2 matrix: client ${sends} × server ${accepts} → ${ok ? (mtls ? 'mTLS' : 'plaintext') : 'failure'}`, () => {
      const r = handshake(sends, accepts);
      expect(r.ok).toBe(ok);
      expect(r.mtls).toBe(mtls);
      expect(r.reason.length).toBeGreaterThan(0);
    });
  }
});
