/**
 * mesh.ts: protocol derivation (docs/semantics.md §A8; istio/istio pkg/config/kube/conversion.go
 * `ConvertProtocol`), pod IPs, identities, selectors and host resolution.
 */
import { describe, expect, it } from 'vitest';
import { buildMesh, deriveProtocol, isHttpProtocol, resolveServiceHost, selects } from './mesh';
import type { Protocol } from './mesh';
import type { WorkloadSpec } from './types';

describe('deriveProtocol (docs/semantics.md §A8)', () => {
  const table: [
    string,
    { name?: string; port: number; protocol?: string; appProtocol?: string },
    Protocol,
  ][] = [
    // Port name: the prefix before the first '-', or the whole name, case-insensitive.
    ['name http', { name: 'http', port: 8000 }, 'HTTP'],
    ['name http-web', { name: 'http-web', port: 8000 }, 'HTTP'],
    ['name HTTP-Web (case)', { name: 'HTTP-Web', port: 8000 }, 'HTTP'],
    ['name http2', { name: 'http2', port: 80 }, 'HTTP2'],
    ['name grpc', { name: 'grpc', port: 80 }, 'GRPC'],
    ['name grpc-foo', { name: 'grpc-foo', port: 80 }, 'GRPC'],
    ['name grpc-web (before the dash split)', { name: 'grpc-web', port: 80 }, 'GRPC-Web'],
    ['name grpc-web-app', { name: 'grpc-web-app', port: 80 }, 'GRPC-Web'],
    ['name https', { name: 'https', port: 443 }, 'HTTPS'],
    ['name tcp', { name: 'tcp', port: 9000 }, 'TCP'],
    ['name tcp-echo', { name: 'tcp-echo', port: 9000 }, 'TCP'],
    ['name tls-passthrough', { name: 'tls-passthrough', port: 443 }, 'TLS'],
    ['name mongo', { name: 'mongo', port: 27017 }, 'Mongo'],
    ['name redis-cache', { name: 'redis-cache', port: 6379 }, 'Redis'],
    ['name mysql', { name: 'mysql', port: 3306 }, 'MySQL'],
    // Names that name nothing are sniffed.
    ['name web', { name: 'web', port: 8000 }, 'UNKNOWN'],
    ['name httpbin (no dash)', { name: 'httpbin', port: 8000 }, 'UNKNOWN'],
    ['name web-http (prefix only)', { name: 'web-http', port: 8000 }, 'UNKNOWN'],
    ['unnamed', { port: 8000 }, 'UNKNOWN'],
    ['empty name', { name: '', port: 8000 }, 'UNKNOWN'],
    // appProtocol wins over the name.
    ['appProtocol http over name tcp', { name: 'tcp', port: 80, appProtocol: 'http' }, 'HTTP'],
    ['appProtocol HTTP2 over name http', { name: 'http', port: 80, appProtocol: 'HTTP2' }, 'HTTP2'],
    ['appProtocol tcp over name http', { name: 'http', port: 80, appProtocol: 'tcp' }, 'TCP'],
    ['appProtocol grpc-web', { port: 80, appProtocol: 'grpc-web' }, 'GRPC-Web'],
    ['appProtocol kubernetes.io/h2c', { name: 'tcp', port: 80, appProtocol: 'kubernetes.io/h2c' }, 'HTTP2'],
    ['appProtocol kubernetes.io/ws', { port: 80, appProtocol: 'kubernetes.io/ws' }, 'HTTP'],
    ['appProtocol kubernetes.io/wss', { port: 443, appProtocol: 'kubernetes.io/wss' }, 'HTTPS'],
    // An appProtocol Istio does not know replaces the name all the same (ConvertProtocol).
    [
      'unknown appProtocol hides name http',
      { name: 'http', port: 8000, appProtocol: 'example.com/custom' },
      'UNKNOWN',
    ],
    // Kubernetes transport protocols say nothing about the application protocol…
    ['protocol TCP, name http', { name: 'http', port: 80, protocol: 'TCP' }, 'HTTP'],
    ['protocol TCP, unnamed', { port: 8000, protocol: 'TCP' }, 'UNKNOWN'],
    ['protocol SCTP, name grpc', { name: 'grpc', port: 80, protocol: 'SCTP' }, 'GRPC'],
    // …except UDP, which Istio takes before anything else.
    ['protocol UDP, unnamed', { port: 5353, protocol: 'UDP' }, 'UDP'],
    ['protocol UDP, name http', { name: 'http', port: 80, protocol: 'UDP' }, 'UDP'],
    // The playground's `protocol: HTTP` (docs/workspace-format.md) names the Istio protocol.
    ['protocol HTTP (playground)', { name: 'web', port: 8000, protocol: 'HTTP' }, 'HTTP'],
    ['protocol grpc (playground)', { port: 8000, protocol: 'grpc' }, 'GRPC'],
    // Server-first ports default to TCP when the name says nothing.
    ['port 25 unnamed', { port: 25 }, 'TCP'],
    ['port 53 unnamed', { port: 53 }, 'TCP'],
    ['port 3306 named db', { name: 'db', port: 3306 }, 'TCP'],
    ['port 27017 unnamed', { port: 27017 }, 'TCP'],
    ['port 3306 named http', { name: 'http', port: 3306 }, 'HTTP'],
    ['port 26 unnamed', { port: 26 }, 'UNKNOWN'],
    ['port 8080 named mongodb (no dash, not mongo)', { name: 'mongodb', port: 8080 }, 'UNKNOWN'],
  ];

  it.each(table)('%s → %s', (_, port, protocol) => {
    expect(deriveProtocol(port).protocol).toBe(protocol);
  });

  it('says where the protocol came from', () => {
    expect(deriveProtocol({ name: 'http-web', port: 80 }).source).toContain('http-web');
    expect(deriveProtocol({ port: 80, appProtocol: 'kubernetes.io/h2c' }).source).toContain('appProtocol');
    expect(deriveProtocol({ port: 80 }).source).toBe('unnamed port');
    expect(deriveProtocol({ port: 3306 }).source).toContain('3306');
  });

  it('HTTP chain for HTTP, HTTP2, GRPC, GRPC-Web only', () => {
    const http: Protocol[] = ['HTTP', 'HTTP2', 'GRPC', 'GRPC-Web'];
    const tcp: Protocol[] = ['HTTPS', 'TCP', 'TLS', 'Mongo', 'Redis', 'MySQL', 'UDP', 'UNKNOWN'];
    for (const p of http) expect(isHttpProtocol(p), p).toBe(true);
    for (const p of tcp) expect(isHttpProtocol(p), p).toBe(false);
  });
});

describe('buildMesh', () => {
  it('applies the defaults of docs/workspace-format.md and docs/semantics.md (mesh.go DefaultMeshConfig)', () => {
    const mesh = buildMesh({
      workloads: [{ name: 'httpbin', namespace: 'foo', ports: [{ name: 'http', port: 8000 }] }],
    });
    expect(mesh.rootNamespace).toBe('istio-system');
    expect(mesh.trustDomain).toBe('cluster.local');
    expect(mesh.trustDomainAliases).toEqual([]);
    expect(mesh.enableAutoMtls).toBe(true);
    expect(mesh.numTrustedProxies).toBe(0);
    expect(mesh.extensionProviders).toEqual([]);
    const w = mesh.byKey.get('foo/httpbin');
    expect(w).toMatchObject({
      key: 'foo/httpbin',
      serviceAccount: 'default',
      sidecar: true,
      gateway: false,
      service: 'httpbin',
      labels: {},
      listens: [],
      principal: 'cluster.local/ns/foo/sa/default',
      uri: 'spiffe://cluster.local/ns/foo/sa/default',
      trustDomain: 'cluster.local',
    });
    expect(w?.ports).toEqual([
      {
        name: 'http',
        port: 8000,
        targetPort: 8000,
        protocol: 'HTTP',
        protocolSource: expect.any(String) as string,
      },
    ]);
  });

  it('builds principals from the trust domain, namespace and service account', () => {
    const mesh = buildMesh({
      trustDomain: 'example.org',
      workloads: [{ name: 'sleep', namespace: 'legacy', serviceAccount: 'sleep-sa' }],
    });
    const w = mesh.byKey.get('legacy/sleep');
    expect(w?.principal).toBe('example.org/ns/legacy/sa/sleep-sa');
    expect(w?.uri).toBe('spiffe://example.org/ns/legacy/sa/sleep-sa');
    expect(w?.trustDomain).toBe('example.org');
  });

  it('keeps targetPort, service name, labels and namespaces', () => {
    const mesh = buildMesh({
      namespaces: [{ name: 'foo', labels: { 'istio-injection': 'enabled' } }],
      workloads: [
        {
          name: 'v1',
          namespace: 'foo',
          service: 'httpbin',
          labels: { app: 'httpbin' },
          ports: [{ port: 8000, targetPort: 8080 }],
        },
        { name: 'v2', namespace: 'foo', service: 'httpbin' },
        { name: 'db', namespace: 'bar', listens: [9002] },
      ],
    });
    expect(mesh.byKey.get('foo/v1')?.ports[0]?.targetPort).toBe(8080);
    expect(mesh.services.get('httpbin.foo')?.map((w) => w.name)).toEqual(['v1', 'v2']);
    expect(mesh.services.get('db.bar')?.map((w) => w.key)).toEqual(['bar/db']);
    expect([...mesh.namespaces.keys()]).toEqual(['foo', 'bar']);
    expect(mesh.namespaces.get('foo')).toEqual({ 'istio-injection': 'enabled' });
    expect(mesh.byKey.get('bar/db')?.listens).toEqual([9002]);
  });

  it('does not share label objects with the spec', () => {
    const labels = { app: 'a' };
    const mesh = buildMesh({ workloads: [{ name: 'a', namespace: 'foo', labels }] });
    const w = mesh.byKey.get('foo/a');
    if (!w) throw new Error('no workload');
    w.labels.app = 'changed';
    expect(labels.app).toBe('a');
  });

  describe('pod IPs', () => {
    const names = (n: number, ns = 'foo'): WorkloadSpec[] =>
      Array.from({ length: n }, (_, i) => ({ name: `w${i}`, namespace: ns }));
    const ips = (workloads: WorkloadSpec[]) =>
      new Map(buildMesh({ workloads }).workloads.map((w) => [w.key, w.ip]));

    it('are deterministic and inside 10.0.0.0/8 with a usable host part', () => {
      const a = ips(names(50));
      expect(ips(names(50))).toEqual(a);
      for (const ip of a.values()) {
        expect(ip).toMatch(/^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$/);
        const octets = ip.split('.').map(Number);
        expect(octets.every((o) => o >= 0 && o <= 255)).toBe(true);
        expect(octets[3]).toBeGreaterThanOrEqual(2);
        expect(octets[3]).toBeLessThanOrEqual(254);
      }
    });

    it('do not move when a workload is added or removed elsewhere', () => {
      const before = ips(names(20));
      const added = ips([...names(20), { name: 'newcomer', namespace: 'bar' }]);
      const prepended = ips([{ name: 'first', namespace: 'zzz' }, ...names(20)]);
      const removed = ips(names(20).filter((w) => w.name !== 'w7'));
      for (const [key, ip] of before) {
        expect(added.get(key), key).toBe(ip);
        expect(prepended.get(key), key).toBe(ip);
        if (key !== 'foo/w7') expect(removed.get(key), key).toBe(ip);
      }
    });

    it('do not depend on workload order', () => {
      const forward = ips(names(30));
      const backward = ips(names(30).reverse());
      expect(backward).toEqual(forward);
    });

    it('are unique, even for thousands of workloads', () => {
      const all = ips([...names(1500, 'foo'), ...names(1500, 'bar')]);
      expect(all.size).toBe(3000);
      expect(new Set(all.values()).size).toBe(3000);
    });

    it('keep an explicit ip and never give it to another workload', () => {
      const auto = ips(names(10));
      const taken = auto.get('foo/w3');
      if (!taken) throw new Error('no ip');
      const mesh = buildMesh({
        workloads: [
          ...names(10).filter((w) => w.name !== 'w3'),
          { name: 'pinned', namespace: 'bar', ip: taken },
          { name: 'w3', namespace: 'foo' },
        ],
      });
      expect(mesh.byKey.get('bar/pinned')?.ip).toBe(taken);
      expect(mesh.byKey.get('foo/w3')?.ip).not.toBe(taken);
      const all = mesh.workloads.map((w) => w.ip);
      expect(new Set(all).size).toBe(all.length);
    });
  });
});

describe('selects (labels Instance.SubsetOf)', () => {
  it('an empty selector selects every workload', () => {
    expect(selects({}, {})).toBe(true);
    expect(selects({}, { app: 'a' })).toBe(true);
  });

  it('every selector label must be on the workload with the same value', () => {
    expect(selects({ app: 'a' }, { app: 'a', version: 'v1' })).toBe(true);
    expect(selects({ app: 'a', version: 'v1' }, { app: 'a', version: 'v1' })).toBe(true);
    expect(selects({ app: 'a', version: 'v2' }, { app: 'a', version: 'v1' })).toBe(false);
    expect(selects({ app: 'a' }, { version: 'v1' })).toBe(false);
    expect(selects({ app: 'a' }, {})).toBe(false);
    expect(selects({ app: '' }, {})).toBe(false);
    expect(selects({ app: 'A' }, { app: 'a' })).toBe(false);
  });

  it('does not see Object members as labels', () => {
    expect(selects({ toString: 'x' }, {})).toBe(false);
    expect(selects({ hasOwnProperty: 'x' }, { app: 'a' })).toBe(false);
  });
});

describe('resolveServiceHost', () => {
  const mesh = buildMesh({ workloads: [{ name: 'httpbin', namespace: 'foo' }] });
  const other = buildMesh({ trustDomain: 'example.org', workloads: [{ name: 'httpbin', namespace: 'foo' }] });

  it.each([
    ['httpbin', { service: 'httpbin', namespace: 'bar' }],
    ['httpbin:8000', { service: 'httpbin', namespace: 'bar' }],
    ['httpbin.foo', { service: 'httpbin', namespace: 'foo' }],
    ['httpbin.foo:8000', { service: 'httpbin', namespace: 'foo' }],
    ['httpbin.foo.svc', { service: 'httpbin', namespace: 'foo' }],
    ['httpbin.foo.svc.cluster.local', { service: 'httpbin', namespace: 'foo' }],
    ['HTTPBIN.Foo.SVC.Cluster.Local:80', { service: 'httpbin', namespace: 'foo' }],
  ])('%s from namespace bar', (host, expected) => {
    expect(resolveServiceHost(mesh, host, 'bar')).toEqual(expected);
  });

  it.each(['', 'a.b.c', 'www.example.com', 'httpbin.foo.svc.other.local', '.foo', 'httpbin.'])(
    '%j names no Service',
    (host) => {
      expect(resolveServiceHost(mesh, host, 'bar')).toBeNull();
    },
  );

  it('resolves *.svc.cluster.local whatever the trust domain', () => {
    expect(resolveServiceHost(other, 'httpbin.foo.svc.cluster.local', 'bar')).toEqual({
      service: 'httpbin',
      namespace: 'foo',
    });
    expect(resolveServiceHost(other, 'httpbin.foo.svc.example.org', 'bar')).toEqual({
      service: 'httpbin',
      namespace: 'foo',
    });
  });
});
