/**
 * The reachability matrix: every client workload × every Service port, with the default request
 * (GET / with the default Host), printed as the seeds print it: `sleep.foo to httpbin.bar: 200`.
 */
import { createEvaluator } from './evaluate';
import type { Engine } from './pipeline/engine';
import { evaluateHop, type HopInput } from './pipeline/hop';
import { evaluateProbe, prepareServerSide } from './pipeline/probe';
import type { MeshWorkload } from './mesh';
import { documentSummaries } from './facts';
import type { Diagnostic, DocumentSummary, MatrixEntry, Verdict } from './types';

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
function participants(
  engine: Engine,
  options: MatrixOptions,
): { clients: MeshWorkload[]; servers: MeshWorkload[] } {
  const probes = engine.probesSpec.probes ?? [];
  const named = (keys: string[]) => [...new Set(keys)].flatMap((k) => engine.mesh.byKey.get(k) ?? []);
  if (!options.all && probes.length > 0)
    return { clients: named(probes.map((p) => p.from)), servers: named(probes.map((p) => p.to)) };
  return { clients: engine.mesh.workloads.filter((w) => !w.gateway), servers: engine.mesh.workloads };
}

interface Cell {
  client: MeshWorkload;
  server: MeshWorkload;
  port: number;
  status: string;
  verdict: Verdict;
  mtls: boolean | null;
}

/**
 * Decides every cell, client-major (the seeds' order), without traces. What does not depend on
 * the client (port, request, JWT outcome) is prepared once per server port and the hop input is
 * reused; gateways take the full two-hop path.
 */
function decideMatrix(engine: Engine, options: MatrixOptions, visit: (cell: Cell) => void): void {
  const now = options.now ?? new Date();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const path = options.path ?? '/';
  const { clients, servers } = participants(engine, options);
  const prepared = new Map<MeshWorkload, (HopInput | string)[]>();
  const inputsOf = (server: MeshWorkload, placeholder: MeshWorkload) => {
    let inputs = prepared.get(server);
    if (!inputs) {
      inputs = server.ports.map((p) => {
        const side = prepareServerSide(
          engine,
          { from: placeholder.key, to: server.key, port: p.port, request: { path } },
          server,
          nowSeconds,
        );
        if (typeof side === 'string') return side;
        // One literal shape for every input keeps property access monomorphic in the hot loop.
        const input: HopInput = {
          client: placeholder,
          clientIp: placeholder.ip,
          server,
          servicePort: side.servicePort,
          targetPort: side.targetPort,
          chain: side.chain,
          request: side.request,
          subset: null,
          nowSeconds,
          hop: 0,
          trace: false,
          jwt: side.jwt,
          normalized: side.normalized,
          sni: side.sni,
          policySet: side.policySet,
        };
        return input;
      });
      prepared.set(server, inputs);
    }
    return inputs;
  };
  const cell: Cell = {
    client: clients[0] as MeshWorkload,
    server: servers[0] as MeshWorkload,
    port: 0,
    status: '',
    verdict: 'invalid',
    mtls: null,
  };
  let index = 0;
  for (const client of clients) {
    cell.client = client;
    for (const server of servers) {
      cell.server = server;
      const inputs = server.gateway ? null : inputsOf(server, client);
      server.ports.forEach((p, i) => {
        cell.port = p.port;
        const input = inputs?.[i];
        if (input === undefined) {
          const r = evaluateProbe(
            engine,
            { from: client.key, to: server.key, port: p.port, request: { path } },
            index,
            now,
            { trace: false },
          );
          cell.status = r.status;
          cell.verdict = r.verdict;
          cell.mtls = r.mtls;
        } else if (typeof input === 'string') {
          cell.status = 'invalid';
          cell.verdict = 'invalid';
          cell.mtls = null;
        } else {
          input.client = client;
          input.clientIp = client.ip;
          const hop = evaluateHop(engine, input);
          cell.status = hop.status;
          cell.verdict = hop.verdict;
          cell.mtls = hop.mtls;
        }
        index++;
        visit(cell);
      });
    }
  }
}

export function evaluateMatrix(engine: Engine, options: MatrixOptions = {}): MatrixEntry[] {
  const entries: MatrixEntry[] = [];
  decideMatrix(engine, options, (c) => {
    const entry = {
      from: c.client.key,
      to: c.server.key,
      port: c.port,
      service: c.server.service,
      status: c.status,
      verdict: c.verdict,
      mtls: c.mtls,
    };
    entries.push({ ...entry, line: formatMatrixLine(entry) });
  });
  return entries;
}

/** Evaluates the whole matrix and returns how many decisions it made (for benchmarks). */
export function countMatrix(engine: Engine, options: MatrixOptions = {}): number {
  let n = 0;
  decideMatrix(engine, options, () => n++);
  return n;
}

export async function matrixOfWorkspace(
  text: string,
  options: MatrixOptions = {},
): Promise<{ entries: MatrixEntry[]; diagnostics: Diagnostic[]; documents: DocumentSummary[] }> {
  const engine = await createEvaluator().compile(text);
  return {
    entries: evaluateMatrix(engine, options),
    diagnostics: engine.diagnostics,
    documents: documentSummaries(engine),
  };
}
