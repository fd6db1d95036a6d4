/**
 * The import's rules, one at a time, on small manifests: Istio's injection decision (the webhook
 * selectors of manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml and
 * pkg/kube/inject/inject.go injectRequired), owner references, Services and what is skipped.
 */
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { evaluateWorkspace, importKubernetes, type ImportResult, type WorkloadSpec } from '../src';

type Labels = Record<string, string>;

const namespace = (name: string, labels: Labels = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});

interface PodOptions {
  labels?: Labels;
  annotations?: Labels;
  hostNetwork?: boolean;
  containers?: { name: string; ports?: { name?: string; containerPort: number }[] }[];
  initContainers?: { name: string }[];
  owner?: { kind: string; name: string };
}

const podSpec = (o: PodOptions) => ({
  ...(o.hostNetwork ? { hostNetwork: true } : {}),
  containers: o.containers ?? [{ name: 'app', ports: [{ containerPort: 8080 }] }],
  ...(o.initContainers ? { initContainers: o.initContainers } : {}),
});

const pod = (name: string, ns: string, o: PodOptions = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: ns,
    labels: o.labels ?? { app: name },
    ...(o.annotations ? { annotations: o.annotations } : {}),
    ...(o.owner
      ? {
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: o.owner.kind, name: o.owner.name, controller: true, uid: 'x' },
          ],
        }
      : {}),
  },
  spec: podSpec(o),
});

const controller = (kind: string, name: string, ns: string, o: PodOptions = {}) => ({
  apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1',
  kind,
  metadata: {
    name,
    namespace: ns,
    ...(o.owner
      ? {
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: o.owner.kind, name: o.owner.name, controller: true, uid: 'y' },
          ],
        }
      : {}),
  },
  spec: {
    template: {
      metadata: {
        labels: o.labels ?? { app: name },
        ...(o.annotations ? { annotations: o.annotations } : {}),
      },
      spec: podSpec(o),
    },
  },
});

const manifests = (...objects: object[]) => objects.map((o) => stringify(o)).join('---\n');
const run = (...objects: object[]): ImportResult =>
  importKubernetes([{ name: 'in.yaml', text: manifests(...objects) }], { probes: 'none' });
const find = (r: ImportResult, key: string): WorkloadSpec | undefined =>
  r.parts.mesh.workloads?.find((w) => `${w.namespace}/${w.name}` === key);
const sidecar = (nsLabels: Labels | null, o: PodOptions): boolean | undefined => {
  const objects: object[] = nsLabels ? [namespace('ns', nsLabels)] : [];
  return find(run(...objects, controller('Deployment', 'app', 'ns', o)), 'ns/app')?.sidecar;
};

describe('injection', () => {
  const enabled = { 'istio-injection': 'enabled' };
  it('a namespace labelled istio-injection=enabled injects every pod that does not opt out', () => {
    expect(sidecar(enabled, {})).toBe(true);
    expect(sidecar(enabled, { labels: { app: 'a', 'sidecar.istio.io/inject': 'false' } })).toBe(false);
    expect(sidecar(enabled, { annotations: { 'sidecar.istio.io/inject': 'false' } })).toBe(false);
  });
  it('the pod label takes precedence over the annotation', () => {
    expect(
      sidecar(enabled, {
        labels: { app: 'a', 'sidecar.istio.io/inject': 'true' },
        annotations: { 'sidecar.istio.io/inject': 'false' },
      }),
    ).toBe(true);
    expect(
      sidecar(enabled, {
        labels: { app: 'a', 'sidecar.istio.io/inject': 'false' },
        annotations: { 'sidecar.istio.io/inject': 'true' },
      }),
    ).toBe(false);
  });
  it('a value other than true/false falls back to the default policy (inject)', () => {
    expect(sidecar(enabled, { annotations: { 'sidecar.istio.io/inject': 'yes' } })).toBe(true);
  });
  it('istio.io/rev on the namespace injects, unless istio-injection=disabled is there too', () => {
    expect(sidecar({ 'istio.io/rev': 'canary' }, {})).toBe(true);
    expect(sidecar({ 'istio.io/rev': 'canary', 'istio-injection': 'disabled' }, {})).toBe(false);
  });
  it('istio-injection=disabled wins over the pod asking for a sidecar', () => {
    expect(
      sidecar({ 'istio-injection': 'disabled' }, { labels: { app: 'a', 'sidecar.istio.io/inject': 'true' } }),
    ).toBe(false);
  });
  it('without a namespace label only the pod label opts in; the annotation never reaches the injector', () => {
    expect(sidecar({}, {})).toBe(false);
    expect(sidecar({}, { labels: { app: 'a', 'sidecar.istio.io/inject': 'true' } })).toBe(true);
    expect(sidecar({}, { labels: { app: 'a', 'istio.io/rev': 'default' } })).toBe(true);
    const r = run(
      namespace('ns'),
      controller('Deployment', 'app', 'ns', { annotations: { 'sidecar.istio.io/inject': 'true' } }),
    );
    expect(find(r, 'ns/app')?.sidecar).toBe(false);
    expect(r.summary.warnings.join('\n')).toContain('annotation sidecar.istio.io/inject=true');
  });
  it('hostNetwork pods and kube-system are never injected', () => {
    expect(sidecar(enabled, { hostNetwork: true })).toBe(false);
    const r = run(namespace('kube-system', enabled), controller('DaemonSet', 'agent', 'kube-system'));
    expect(find(r, 'kube-system/agent')?.sidecar).toBe(false);
  });
  it('an already injected pod has a sidecar when neither namespace nor pod decides', () => {
    const injected = {
      containers: [{ name: 'app' }, { name: 'istio-proxy' }],
      initContainers: [{ name: 'istio-init' }],
    };
    expect(sidecar({}, injected)).toBe(true);
    expect(sidecar(null, injected)).toBe(true);
    expect(sidecar({}, { initContainers: [{ name: 'istio-init' }] })).toBe(true);
    // The namespace's explicit label decides first.
    expect(sidecar({ 'istio-injection': 'disabled' }, injected)).toBe(false);
  });
  it('a namespace missing from the input is reported', () => {
    const r = run(controller('Deployment', 'app', 'ns'));
    expect(find(r, 'ns/app')?.sidecar).toBe(false);
    expect(r.summary.warnings.join('\n')).toContain('namespace ns is not in the input');
  });
});

describe('owners', () => {
  it('a Pod owned by a ReplicaSet owned by a Deployment is one workload', () => {
    const r = run(
      namespace('ns'),
      controller('Deployment', 'web', 'ns'),
      controller('ReplicaSet', 'web-6d4cf56db6', 'ns', { owner: { kind: 'Deployment', name: 'web' } }),
      pod('web-6d4cf56db6-x7k2p', 'ns', {
        labels: { app: 'web', 'pod-template-hash': '6d4cf56db6' },
        owner: { kind: 'ReplicaSet', name: 'web-6d4cf56db6' },
      }),
    );
    expect(r.parts.mesh.workloads?.map((w) => w.name)).toEqual(['web']);
    expect(r.summary.read).toContainEqual({ kind: 'Deployment', namespace: 'ns', name: 'web' });
  });
  it('pods alone are grouped under their Deployment (the ReplicaSet hash dropped)', () => {
    const labels = { app: 'web', 'pod-template-hash': '6d4cf56db6' };
    const owner = { kind: 'ReplicaSet', name: 'web-6d4cf56db6' };
    const r = run(
      pod('web-6d4cf56db6-a', 'ns', { labels, owner }),
      pod('web-6d4cf56db6-b', 'ns', { labels, owner }),
    );
    expect(r.parts.mesh.workloads?.map((w) => w.name)).toEqual(['web']);
    expect(r.summary.read).toContainEqual({ kind: 'Deployment', namespace: 'ns', name: 'web' });
  });
  it('a Job of a CronJob and a bare Pod', () => {
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'ns' },
      spec: {
        jobTemplate: { spec: { template: { metadata: { labels: { app: 'nightly' } }, spec: podSpec({}) } } },
      },
    };
    const r = run(
      cron,
      controller('Job', 'nightly-29000000', 'ns', { owner: { kind: 'CronJob', name: 'nightly' } }),
      pod('debug', 'ns'),
    );
    expect(r.parts.mesh.workloads?.map((w) => w.name)).toEqual(['debug', 'nightly']);
  });
  it('two controllers with one name: the second is skipped as ambiguous', () => {
    const r = run(controller('Deployment', 'db', 'ns'), controller('StatefulSet', 'db', 'ns'));
    expect(r.parts.mesh.workloads).toHaveLength(1);
    expect(r.summary.skipped).toContainEqual(
      expect.objectContaining({
        kind: 'StatefulSet',
        name: 'db',
        reason: expect.stringContaining('ambiguous') as unknown,
      }),
    );
  });
});

describe('services', () => {
  const svc = (name: string, selector: Labels, ports: object[]) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'ns' },
    spec: { selector, ports },
  });
  const web = controller('Deployment', 'web', 'ns', {
    containers: [
      { name: 'app', ports: [{ name: 'http-web', containerPort: 8080 }, { containerPort: 9090 }] },
    ],
  });

  it('resolves a target port by container-port name; other container ports become listens', () => {
    const r = run(
      namespace('ns'),
      web,
      svc('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http-web', appProtocol: 'http' }]),
    );
    expect(find(r, 'ns/web')).toMatchObject({
      service: 'web',
      ports: [{ name: 'http', port: 80, targetPort: 8080, appProtocol: 'http' }],
      listens: [9090],
    });
  });
  it('a name no container has: the port is left out, with a warning', () => {
    const r = run(
      namespace('ns'),
      web,
      svc('web', { app: 'web' }, [{ name: 'grpc', port: 9000, targetPort: 'grpc' }]),
    );
    expect(find(r, 'ns/web')?.ports).toEqual([]);
    expect(r.summary.warnings.join('\n')).toContain('no container of Deployment web has a port named "grpc"');
  });
  it('a workload selected by two Services keeps one; the other is reported', () => {
    const r = run(
      namespace('ns'),
      web,
      svc('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]),
      svc('web-metrics', { app: 'web' }, [{ port: 9090 }]),
    );
    expect(find(r, 'ns/web')?.service).toBe('web');
    expect(r.summary.skipped).toContainEqual(
      expect.objectContaining({
        kind: 'Service',
        name: 'web-metrics',
        reason: expect.stringContaining('ambiguous') as unknown,
      }),
    );
    expect(r.summary.warnings.join('\n')).toContain('selected by Services web, web-metrics');
  });
  it('a Service without a selector is skipped', () => {
    const r = run(namespace('ns'), web, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ext', namespace: 'ns' },
      spec: { ports: [{ port: 443 }] },
    });
    expect(r.summary.skipped).toContainEqual(expect.objectContaining({ kind: 'Service', name: 'ext' }));
  });
});

describe('what is skipped', () => {
  it('unknown kinds, secrets and documents without a kind', () => {
    const r = importKubernetes([
      {
        name: 'in.yaml',
        text: manifests(
          { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'ns' } },
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'token', namespace: 'ns' },
            stringData: { token: 's3cr3t-value' },
          },
          { just: 'data' },
        ),
      },
    ]);
    expect(r.summary.skipped).toContainEqual({
      kind: 'Widget',
      namespace: 'ns',
      name: 'w',
      reason: 'unknown kind (example.com/v1)',
    });
    expect(r.summary.skipped).toContainEqual(expect.objectContaining({ kind: 'Secret', name: 'token' }));
    expect(r.summary.skipped).toContainEqual(expect.objectContaining({ kind: '(not an object)' }));
    expect(r.text).not.toContain('s3cr3t-value');
  });
  it('a parse error names the file, line and column, and the other files still import', () => {
    const r = importKubernetes([
      { name: 'good.yaml', text: manifests(controller('Deployment', 'web', 'ns')) },
      { name: 'bad.yaml', text: 'kind: Pod\nmetadata:\n  name: [a, b\n' },
    ]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      file: 'bad.yaml',
      line: expect.any(Number) as unknown,
      column: expect.any(Number) as unknown,
    });
    expect(r.parts.mesh.workloads?.map((w) => w.name)).toEqual(['web']);
  });
});

describe('gateways', () => {
  it("a Gateway API gateway's generated deployment is a gateway; external probes reach the HTTPRoute's backend", async () => {
    // The JWT task's Gateway API setup (httpbin-gateway in foo): with no policy, 200 from outside.
    const r = importKubernetes([
      {
        name: 'gw.yaml',
        text: manifests(
          namespace('foo', { 'istio-injection': 'enabled' }),
          controller('Deployment', 'httpbin-gateway-istio', 'foo', {
            labels: { 'gateway.networking.k8s.io/gateway-name': 'httpbin-gateway' },
            containers: [{ name: 'istio-proxy', ports: [{ name: 'http-envoy-prom', containerPort: 15090 }] }],
          }),
          {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'httpbin-gateway-istio', namespace: 'foo' },
            spec: {
              selector: { 'gateway.networking.k8s.io/gateway-name': 'httpbin-gateway' },
              ports: [
                { name: 'status-port', port: 15021, targetPort: 15021, appProtocol: 'tcp' },
                { name: 'http', port: 80, targetPort: 80, appProtocol: 'http' },
              ],
            },
          },
          controller('Deployment', 'httpbin', 'foo', { labels: { app: 'httpbin', version: 'v1' } }),
          {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'httpbin', namespace: 'foo' },
            spec: { selector: { app: 'httpbin' }, ports: [{ name: 'http', port: 8000, targetPort: 8080 }] },
          },
          {
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'Gateway',
            metadata: { name: 'httpbin-gateway', namespace: 'foo' },
            spec: {
              gatewayClassName: 'istio',
              listeners: [
                { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
              ],
            },
          },
          {
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'HTTPRoute',
            metadata: { name: 'httpbin', namespace: 'foo' },
            spec: {
              parentRefs: [{ name: 'httpbin-gateway' }],
              hostnames: ['httpbin.example.com'],
              rules: [{ backendRefs: [{ name: 'httpbin', port: 8000 }] }],
            },
          },
        ),
      },
    ]);
    expect(find(r, 'foo/httpbin-gateway-istio')).toMatchObject({
      gateway: true,
      service: 'httpbin-gateway-istio',
    });
    const external = r.parts.probes.probes?.filter((p) => p.from === 'external');
    expect(external).toEqual([
      {
        name: 'external to httpbin-gateway-istio.foo:80 (httpbin.example.com)',
        from: 'external',
        to: 'foo/httpbin-gateway-istio',
        port: 80,
        request: { host: 'httpbin.example.com' },
      },
    ]);
    const evaluation = await evaluateWorkspace(r.text);
    expect(evaluation.probes.find((p) => p.from === 'external')?.status).toBe('200');
  });
});

describe('hostile input', () => {
  it('never throws on objects of the wrong shape', () => {
    const odd = [
      { kind: 'Deployment', metadata: [], spec: 'x' },
      {
        kind: 'Deployment',
        metadata: { name: 'a', namespace: 'n', ownerReferences: 'x' },
        spec: { template: { spec: { containers: 'x' } } },
      },
      {
        kind: 'Pod',
        metadata: { name: 'p', labels: { __proto__: 'x', constructor: 'y' } },
        spec: { containers: [null, { ports: 'x' }, { ports: [{ containerPort: 'http' }] }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { selector: { app: 'p' }, ports: [null, { port: 'x' }, { port: 80, targetPort: {} }] },
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'istio', namespace: 'istio-system' },
        data: { mesh: '[unclosed' },
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'istio', namespace: 'istio-system' },
        data: { mesh: 'extensionProviders: x\ntrustDomainAliases: 3' },
      },
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [1, 'x', null, { kind: 'List', items: [{ kind: 'Pod', metadata: { name: 'q' }, spec: {} }] }],
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: 'x',
        spec: { selector: 'x', servers: [null, { port: 'x' }] },
      },
    ];
    const r = importKubernetes([{ name: 'odd.yaml', text: manifests(...odd) }]);
    expect(r.diagnostics).toEqual([]);
    expect(r.parts.mesh.workloads?.map((w) => w.name).sort()).toEqual(['a', 'p', 'q']);
  });
});
