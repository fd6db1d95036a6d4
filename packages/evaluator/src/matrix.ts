/**
 * The reachability matrix: every client workload × every Service port, with the default request
 * (GET / with the default Host), printed as the seeds print it: `sleep.foo to httpbin.bar: 200`.
 */
import { createEvaluator } from './evaluate';
import { prepareJwt } from './jwt';
import type { Engine } from './pipeline/engine';
import { evaluateProbe } from './pipeline/probe';
import type { Diagnostic, MatrixEntry, ProbeSpec } from './types';

export interface MatrixOptions {
  now?: Date;
  /** Path of the default request; the seeds use `/ip`. Default `/`. */
  path?: string;
  /** Every workload, even when the workspace's probes name a subset. */
  all?: boolean;
}

export function formatMatrixLine(entry: Omit<MatrixEntry, 'line'>): string {
  const name = (key: string) => {
    const [ns, w] = key.split('/');
    return w === undefined ? key : `${w}.${ns}`;
  };
  const [ns] = entry.to.split('/');
  return `${name(entry.from)} to ${entry.service}.${ns ?? ''}: ${entry.status}`;
}

/**
 * The matrix's clients and servers. When the workspace has probes, the workloads they name (in
 * order of first appearance) — the seeds' tables are exactly that: every `sleep` × every `httpbin`.
 * Otherwise (or with `all`) every non-gateway workload × every workload with a Service port.
 */
export function matrixProbes(engine: Engine, options: MatrixOptions = {}): { spec: ProbeSpec; service: string }[] {
  const probes = engine.probesSpec.probes ?? [];
  const named = (keys: string[]) => [...new Set(keys)].flatMap((k) => engine.mesh.byKey.get(k) ?? []);
  const useProbes = !options.all && probes.length > 0;
  const clients = useProbes ? named(probes.map((p) => p.from)) : engine.mesh.workloads.filter((w) => !w.gateway);
  const servers = useProbes ? named(probes.map((p) => p.to)) : engine.mesh.workloads;
  const out: { spec: ProbeSpec; service: string }[] = [];
  for (const client of clients) {
    for (const server of servers) {
      for (const port of server.ports) {
        out.push({ spec: { from: client.key, to: server.key, port: port.port, request: { path: options.path ?? '/' } }, service: server.service });
      }
    }
  }
  return out;
}

export function evaluateMatrix(engine: Engine, options: MatrixOptions = {}): MatrixEntry[] {
  const now = options.now ?? new Date();
  return matrixProbes(engine, options).map(({ spec, service }, i) => {
    const r = evaluateProbe(engine, spec, i, now);
    const entry = { from: r.from, to: r.to, port: r.port, service, status: r.status, verdict: r.verdict, mtls: r.mtls };
    return { ...entry, line: formatMatrixLine(entry) };
  });
}

export async function matrixOfWorkspace(
  text: string,
  options: MatrixOptions = {},
): Promise<{ entries: MatrixEntry[]; diagnostics: Diagnostic[] }> {
  const engine = createEvaluator().compile(text);
  engine.jwt = await prepareJwt([], engine.allJwtProviders(), engine.probesSpec.jwks ?? {});
  return { entries: evaluateMatrix(engine, options), diagnostics: engine.diagnostics };
}

/** Evaluates the whole matrix and returns how many decisions it made (for benchmarks). */
export function countMatrix(engine: Engine, options: MatrixOptions = {}): number {
  const now = options.now ?? new Date();
  let n = 0;
  for (const { spec } of matrixProbes(engine, options)) {
    evaluateProbe(engine, spec, n, now);
    n++;
  }
  return n;
}
