/**
 * Test helpers: build a workspace text from typed pieces (JSON is valid YAML), compile it into an
 * Engine, and evaluate probes against it the way `evaluate.ts` does (JWT preparation included).
 */
import type { AuthzRequest, Peer } from '../authz/context';
import type { MeshWorkload } from '../mesh';
import type { AuthorizationAction, AuthorizationPolicy, ResourceMeta, Rule } from '../resources/types';
import type { MeshSpec, ProbeResult, ProbeSpec, ProbesSpec, WorkloadSpec } from '../types';
import { parseWorkspaceText } from '../parse';
import { Engine } from './engine';
import { evaluateProbe } from './probe';

/** A fixed evaluation clock, so token expiry never depends on the day the tests run. */
export const TEST_NOW = new Date('2026-01-01T00:00:00Z');

/** An Istio resource as written by a user (apiVersion, kind, metadata, spec). */
export type Doc = Record<string, unknown>;

/** Joins the Mesh document, Istio resources and an optional Probes document into one workspace. */
export function workspace(mesh: MeshSpec, docs: readonly Doc[] = [], probes?: ProbesSpec): string {
  const all: Doc[] = [
    { apiVersion: 'playground/v1', kind: 'Mesh', metadata: { name: 'test' }, spec: mesh },
    ...docs,
  ];
  if (probes) all.push({ apiVersion: 'playground/v1', kind: 'Probes', spec: probes });
  return all.map((d) => JSON.stringify(d)).join('\n---\n');
}

/** An httpbin-like workload: Service port 8000 named `http`, target port 80 (docs/semantics.md §F notation). */
export function httpbin(namespace: string, extra: Partial<WorkloadSpec> = {}): WorkloadSpec {
  return {
    name: 'httpbin',
    namespace,
    labels: { app: 'httpbin' },
    serviceAccount: 'httpbin',
    ports: [{ name: 'http', port: 8000, targetPort: 80 }],
    ...extra,
  };
}

/** A sleep client (Service port 80). */
export function sleep(namespace: string, extra: Partial<WorkloadSpec> = {}): WorkloadSpec {
  return {
    name: 'sleep',
    namespace,
    labels: { app: 'sleep' },
    serviceAccount: 'sleep',
    ports: [{ name: 'http', port: 80, targetPort: 80 }],
    ...extra,
  };
}

/** An Istio resource document. */
export function resource(
  kind: string,
  namespace: string,
  name: string,
  spec: unknown,
  metadata: Record<string, unknown> = {},
): Doc {
  const apiVersion =
    kind === 'Gateway' || kind === 'VirtualService' || kind === 'DestinationRule'
      ? 'networking.istio.io/v1'
      : 'security.istio.io/v1';
  return { apiVersion, kind, metadata: { name, namespace, ...metadata }, spec };
}

/** A Gateway API resource (gateway.networking.k8s.io/v1 Gateway or HTTPRoute). */
export function gatewayApi(
  kind: 'Gateway' | 'HTTPRoute',
  namespace: string,
  name: string,
  spec: unknown,
): Doc {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name, namespace }, spec };
}

/** A workspace's engine for structural tests (indices, routing, transport): no token is verified. */
export function engineOf(text: string): Engine {
  return Engine.compileWithoutTokenVerification(parseWorkspaceText(text));
}

/** A workspace's engine as evaluation compiles it, JWT included. */
export function compiledOf(text: string): Promise<Engine> {
  return Engine.compile(parseWorkspaceText(text));
}

/** The workload `namespace/name` of an engine's mesh; throws in a test when it does not exist. */
export function workloadOf(engine: Engine, key: string): MeshWorkload {
  const w = engine.mesh.byKey.get(key);
  if (!w) throw new Error(`no workload ${key} in the test mesh`);
  return w;
}

/** Evaluates probes as `Evaluator.evaluate` does, against an engine from `compiledOf`. */
export function runProbes(engine: Engine, probes: readonly ProbeSpec[], now: Date = TEST_NOW): ProbeResult[] {
  return probes.map((p, i) => evaluateProbe(engine, p, i, now));
}

/** Evaluates one probe against a workspace text. */
export async function runProbe(text: string, probe: ProbeSpec, now: Date = TEST_NOW): Promise<ProbeResult> {
  const [result] = runProbes(await compiledOf(text), [probe], now);
  if (!result) throw new Error('no result');
  return result;
}

// --- hand-built authorization requests (authz unit tests) ---

/** The mTLS peer identity of `<td>/ns/<ns>/sa/<sa>`. */
export function peerOf(ns: string, sa: string, td = 'cluster.local'): Peer {
  const principal = `${td}/ns/${ns}/sa/${sa}`;
  return { principal, trustDomain: td, namespace: ns, serviceAccount: sa, uri: `spiffe://${principal}` };
}

const SNI = 'outbound_.8000_._.httpbin.foo.svc.cluster.local';

/** An HTTP request over mTLS from foo/sleep to httpbin (target port 80), unless overridden. */
export function authzRequest(
  over: Partial<AuthzRequest> = {},
  http: Partial<NonNullable<AuthzRequest['http']>> = {},
): AuthzRequest {
  return {
    chain: 'http',
    peer: peerOf('foo', 'sleep'),
    sourceIp: '10.0.0.1',
    remoteIp: '10.0.0.1',
    destinationIp: '10.0.1.5',
    destinationPort: 80,
    sni: SNI,
    http: { method: 'GET', path: '/', host: 'httpbin.foo:8000', headers: {}, ...http },
    jwtPayload: null,
    ...over,
  };
}

/** Metadata of a hand-built resource. */
export function testMeta(kind: string, namespace: string, name: string, order = 0): ResourceMeta {
  return {
    kind,
    name,
    namespace,
    document: order + 1,
    apiVersion: 'security.istio.io/v1',
    creationTimestamp: null,
    order,
    labels: {},
    annotations: {},
    basePath: [],
    rejected: false,
  };
}

export type TestRule = Partial<Pick<Rule, 'from' | 'to' | 'when'>> | null;

/** A hand-built AuthorizationPolicy; `rules` entries become Rule objects (null = a null entry). */
export function authorizationPolicy(p: {
  namespace?: string;
  name?: string;
  action?: AuthorizationAction;
  provider?: string;
  rules?: TestRule[] | null;
  dryRun?: boolean;
  order?: number;
}): AuthorizationPolicy {
  const rules =
    p.rules === undefined || p.rules === null
      ? null
      : p.rules.map((r, index): Rule => ({
          index,
          from: r?.from ?? null,
          to: r?.to ?? null,
          when: r?.when ?? null,
          isNull: r === null,
        }));
  return {
    meta: testMeta('AuthorizationPolicy', p.namespace ?? 'foo', p.name ?? 'policy', p.order ?? 0),
    selector: null,
    targetRefs: [],
    action: p.action ?? 'ALLOW',
    provider: p.provider ?? null,
    rules,
    dryRun: p.dryRun ?? false,
  };
}
