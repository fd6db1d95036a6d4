/**
 * Test helpers: build a workspace text from typed pieces (JSON is valid YAML), compile it into an
 * Engine, and evaluate probes against it the way `evaluate.ts` does (JWT preparation included).
 */
import { prepareJwt } from '../jwt';
import type { MeshWorkload } from '../mesh';
import type { MeshSpec, ProbeResult, ProbeSpec, ProbesSpec, WorkloadSpec } from '../types';
import { Engine } from './engine';
import { evaluateProbe } from './probe';

/** A fixed evaluation clock, so token expiry never depends on the day the tests run. */
export const TEST_NOW = new Date('2026-01-01T00:00:00Z');

/** An Istio resource as written by a user (apiVersion, kind, metadata, spec). */
export type Doc = Record<string, unknown>;

/** Joins the Mesh document, Istio resources and an optional Probes document into one workspace. */
export function workspace(mesh: MeshSpec, docs: readonly Doc[] = [], probes?: ProbesSpec): string {
  const all: Doc[] = [{ apiVersion: 'playground/v1', kind: 'Mesh', metadata: { name: 'test' }, spec: mesh }, ...docs];
  if (probes) all.push({ apiVersion: 'playground/v1', kind: 'Probes', spec: probes });
  return all.map((d) => JSON.stringify(d)).join('\n---\n');
}

/** An httpbin-like workload: Service port 8000 named `http`, target port 80 (SEMANTICS §F notation). */
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
export function gatewayApi(kind: 'Gateway' | 'HTTPRoute', namespace: string, name: string, spec: unknown): Doc {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name, namespace }, spec };
}

export function engineOf(text: string): Engine {
  return new Engine(text);
}

/** The workload `namespace/name` of an engine's mesh; throws in a test when it does not exist. */
export function workloadOf(engine: Engine, key: string): MeshWorkload {
  const w = engine.mesh.byKey.get(key);
  if (!w) throw new Error(`no workload ${key} in the test mesh`);
  return w;
}

/** Evaluates probes as `Evaluator.evaluate` does: JWT material is prepared once, then each probe. */
export async function runProbes(engine: Engine, probes: readonly ProbeSpec[], now: Date = TEST_NOW): Promise<ProbeResult[]> {
  const tokens = Object.values(engine.probesSpec.tokens ?? {}).flatMap((t) => (t.jwt ? [t.jwt] : t.raw ? [t.raw] : []));
  engine.jwt = await prepareJwt(tokens, engine.allJwtProviders(), engine.probesSpec.jwks ?? {});
  return probes.map((p, i) => evaluateProbe(engine, p, i, now));
}

/** Evaluates one probe against a workspace text. */
export async function runProbe(text: string, probe: ProbeSpec, now: Date = TEST_NOW): Promise<ProbeResult> {
  const [result] = await runProbes(engineOf(text), [probe], now);
  if (!result) throw new Error('no result');
  return result;
}
