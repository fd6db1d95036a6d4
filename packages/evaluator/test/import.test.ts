/**
 * Import from Kubernetes. The fixtures in import/ are Istio's sample manifests (samples/httpbin,
 * samples/sleep, samples/curl, samples/tcp-echo, samples/bookinfo, the gateway chart) in the form
 * `kubectl get -o yaml|json` prints them; the reachability tables come from Istio's authentication
 * task, quoted in packages/cli/test/fixtures/authn-tables.txt, never from this engine's output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  evaluateWorkspace,
  importKubernetes,
  matrixOfWorkspace,
  type ImportFile,
  type WorkloadSpec,
} from '../src';

const dir = join(import.meta.dirname, 'import');
const fixture = (name: string): ImportFile => ({ name, text: readFileSync(join(dir, name), 'utf8') });

/** The task's tables, less the `command terminated` lines kubectl exec adds after a 000. */
function taskTable(name: string): string[] {
  const text = readFileSync(join(import.meta.dirname, '../../cli/test/fixtures/authn-tables.txt'), 'utf8');
  const lines: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('== ')) current = line.slice(3);
    else if (current === name && / to .*: /.test(line)) lines.push(line);
  }
  return lines;
}

async function sleepToHttpbin(text: string): Promise<string[]> {
  const { entries } = await matrixOfWorkspace(text, { all: true, path: '/ip' });
  return entries
    .filter((e) => e.from.endsWith('/sleep') && e.to.endsWith('/httpbin'))
    .map((e) => e.line)
    .sort();
}

function workload(
  result: { parts: { mesh: { workloads?: WorkloadSpec[] } } },
  key: string,
): WorkloadSpec | undefined {
  return result.parts.mesh.workloads?.find((w) => `${w.namespace}/${w.name}` === key);
}

describe('the authentication task, imported from a kubectl dump', () => {
  const setup = importKubernetes([fixture('authn-cluster.yaml')], { probes: 'none' });

  it('reads the task mesh: the golden authn-setup workloads, sidecars from the namespace labels', () => {
    expect(setup.diagnostics).toEqual([]);
    const golden = parse(
      readFileSync(join(import.meta.dirname, 'golden/authn-setup.yaml'), 'utf8').split('\n---\n')[0] ?? '',
    ) as { spec: { workloads: WorkloadSpec[] } };
    const norm = (w: WorkloadSpec) => ({
      key: `${w.namespace}/${w.name}`,
      labels: w.labels,
      serviceAccount: w.serviceAccount,
      sidecar: w.sidecar ?? true,
      ports: w.ports,
    });
    const sort = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect((setup.parts.mesh.workloads ?? []).map(norm).sort(sort)).toEqual(
      golden.spec.workloads.map(norm).sort(sort),
    );
    // Pods and ReplicaSets of the Deployments are the same six workloads, not eighteen.
    expect(setup.parts.mesh.workloads).toHaveLength(6);
  });

  it('prints the task table: all nine sleep.X to httpbin.Y are 200', async () => {
    expect(await sleepToHttpbin(setup.text)).toEqual(taskTable('authn-setup').sort());
    expect(taskTable('authn-setup')).toHaveLength(9);
  });

  it('with the mesh-wide STRICT PeerAuthentication, sleep.legacy to httpbin.foo/bar print 000', async () => {
    const strict = importKubernetes([fixture('authn-cluster.yaml'), fixture('authn-mesh-strict.yaml')], {
      probes: 'none',
    });
    expect(strict.summary.read).toContainEqual({
      kind: 'PeerAuthentication',
      namespace: 'istio-system',
      name: 'default',
    });
    const table = taskTable('authn-mesh-strict');
    expect(table.filter((l) => l.endsWith(': 000'))).toEqual([
      'sleep.legacy to httpbin.foo: 000',
      'sleep.legacy to httpbin.bar: 000',
    ]);
    expect(await sleepToHttpbin(strict.text)).toEqual(table.sort());
  });

  it('drops what the API server set from the resources it keeps', () => {
    const strict = importKubernetes([fixture('authn-cluster.yaml'), fixture('authn-mesh-strict.yaml')]);
    for (const noise of [
      'managedFields',
      'uid:',
      'resourceVersion',
      'generation:',
      'last-applied-configuration',
      'status:',
    ])
      expect(strict.parts.policies).not.toContain(noise);
    expect(parse(strict.parts.policies)).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { creationTimestamp: '2026-11-20T08:14:27Z', name: 'default', namespace: 'istio-system' },
      spec: { mtls: { mode: 'STRICT' } },
    });
  });

  it('adds a probe per (client, Service port) that all evaluate to the task outcomes', async () => {
    const withProbes = importKubernetes([fixture('authn-cluster.yaml')]);
    // 6 clients × the 5 other Services (one port each): nobody is probed calling its own Service.
    expect(withProbes.parts.probes.probes).toHaveLength(30);
    expect(withProbes.parts.probes.probes?.some((p) => p.from === p.to)).toBe(false);
    const evaluation = await evaluateWorkspace(withProbes.text);
    expect(evaluation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(evaluation.probes.every((p) => p.status === '200')).toBe(true);
  });
});

describe('Istio samples with a gateway, a Job, a Secret and JSON', () => {
  const files = [fixture('samples-cluster.yaml'), fixture('bookinfo-gateway.yaml'), fixture('tcp-echo.json')];
  const result = importKubernetes(files);

  it('parses every file and makes one workload per controller', () => {
    expect(result.diagnostics).toEqual([]);
    expect((result.parts.mesh.workloads ?? []).map((w) => `${w.namespace}/${w.name}`).sort()).toEqual([
      'default/db-migrate',
      'default/details-v1',
      'default/httpbin',
      'default/productpage-v1',
      'default/ratings-v1',
      'default/reviews-v1',
      'default/reviews-v2',
      'default/reviews-v3',
      'istio-system/istio-ingressgateway',
      'plain/curl',
      'tcp/tcp-echo',
    ]);
  });

  it('shares the reviews Service between its three versions', () => {
    for (const v of ['v1', 'v2', 'v3'])
      expect(workload(result, `default/reviews-${v}`)).toMatchObject({
        service: 'reviews',
        serviceAccount: 'bookinfo-reviews',
        sidecar: true,
        ports: [{ name: 'http', port: 9080, targetPort: 9080 }],
      });
  });

  it('the Job opts out by label; curl asks by annotation only, which never reaches the injector', () => {
    expect(workload(result, 'default/db-migrate')?.sidecar).toBe(false);
    expect(workload(result, 'plain/curl')?.sidecar).toBe(false);
    expect(result.summary.warnings.some((w) => w.includes('plain/curl') && w.includes('annotation'))).toBe(
      true,
    );
  });

  it('tcp-echo (from -o json) has a sidecar through istio.io/rev and both Service ports', () => {
    expect(workload(result, 'tcp/tcp-echo')).toMatchObject({
      sidecar: true,
      serviceAccount: 'default',
      ports: [
        { name: 'tcp', port: 9000, targetPort: 9000 },
        { name: 'tcp-other', port: 9001, targetPort: 9001 },
      ],
    });
  });

  it('the ingress gateway is a gateway workload with its Service, and external probes go through it', () => {
    const gw = workload(result, 'istio-system/istio-ingressgateway');
    expect(gw).toMatchObject({ gateway: true, service: 'istio-ingressgateway' });
    expect(gw?.sidecar).toBeUndefined();
    // bookinfo-gateway's server port 8080 is the gateway Service's port 80 (targetPort 8080); the
    // bookinfo VirtualService's first route is /productpage.
    expect(result.parts.probes.probes?.filter((p) => p.from === 'external')).toEqual([
      {
        name: 'external to istio-ingressgateway.istio-system:80 (/productpage)',
        from: 'external',
        to: 'istio-system/istio-ingressgateway',
        port: 80,
        request: { path: '/productpage' },
      },
    ]);
  });

  it('reads the mesh settings of the istio ConfigMap and reports what has no place', () => {
    expect(result.parts.mesh).toMatchObject({
      meshConfig: { pathNormalization: { normalization: 'MERGE_SLASHES' } },
      rootNamespace: 'istio-system',
      trustDomain: 'cluster.local',
      numTrustedProxies: 1,
      extensionProviders: [
        {
          name: 'sample-ext-authz-grpc',
          envoyExtAuthzGrpc: { service: 'ext-authz.foo.svc.cluster.local', port: 9000 },
        },
      ],
    });
    expect(result.summary.skipped).toContainEqual(expect.objectContaining({ name: 'otel' }));
  });

  it('never stores a Secret or another ConfigMap, and says so', () => {
    const secret = Buffer.from('hunter2-do-not-leak').toString('base64');
    expect(files[0]?.text).toContain(secret);
    expect(result.text).not.toContain(secret);
    expect(result.text).not.toContain('db-credentials');
    expect(result.text).not.toContain('BEGIN CERTIFICATE');
    expect(result.summary.skipped).toContainEqual({
      kind: 'Secret',
      namespace: 'default',
      name: 'db-credentials',
      reason: expect.stringContaining('secret') as unknown as string,
    });
    expect(result.summary.warnings.some((w) => /Secret was ignored/.test(w))).toBe(true);
  });

  it('skips the ambient namespace and its workloads, and the unknown kind', () => {
    expect(result.summary.skipped).toContainEqual(
      expect.objectContaining({ kind: 'Namespace', name: 'mesh-ambient' }),
    );
    expect(result.summary.skipped).toContainEqual(
      expect.objectContaining({ kind: 'Deployment', namespace: 'mesh-ambient', name: 'httpbin' }),
    );
    expect(result.parts.mesh.namespaces?.map((n) => n.name)).not.toContain('mesh-ambient');
    expect(result.summary.skipped).toContainEqual(
      expect.objectContaining({
        kind: 'Certificate',
        name: 'bookinfo-cert',
        reason: expect.stringContaining('unknown kind') as unknown,
      }),
    );
  });

  it('keeps the Istio resources and the workspace evaluates every probe', async () => {
    expect(result.parts.policies).toContain('kind: Gateway');
    expect(result.parts.policies).toContain('kind: VirtualService');
    expect(result.parts.mesh.layout).toBeUndefined();
    const evaluation = await evaluateWorkspace(result.text);
    expect(evaluation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(evaluation.probes.length).toBe(result.parts.probes.probes?.length);
    expect(evaluation.probes.filter((p) => p.verdict === 'invalid')).toEqual([]);
    // Bookinfo's "Determine the ingress IP and port": curl http://$GATEWAY_URL/productpage answers.
    expect(evaluation.probes.find((p) => p.from === 'external')?.status).toBe('200');
  });

  it('caps the probes with a note, and adds none on request', () => {
    const capped = importKubernetes(files, { maxProbes: 5 });
    expect(capped.parts.probes.probes).toHaveLength(5);
    expect(capped.summary.warnings.some((w) => /probes capped: 5 of \d+/.test(w))).toBe(true);
    expect(importKubernetes(files, { probes: 'none' }).parts.probes.probes).toBeUndefined();
    // A cap that is not a number is the default cap, not zero.
    expect(importKubernetes(files, { maxProbes: Number.NaN }).parts.probes.probes).toEqual(
      result.parts.probes.probes,
    );
  });
});
