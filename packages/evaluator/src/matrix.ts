/**
 * The reachability matrix: every client workload × every Service port, with the default request
 * (GET / with the default Host), printed as the seeds print it: `sleep.foo to httpbin.bar: 200`.
 * A Service with more than one port names the port, `sleep.foo to httpbin.bar:8000: 200`, so its
 * lines can be told apart (docs/workspace-format.md "CLI").
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

/** `sleep.foo` for the workload key `foo/sleep`. */
function dottedName(key: string): string {
  const [ns, w] = key.split('/');
  return w === undefined ? key : `${w}.${ns}`;
}

/** `httpbin.bar`, or `httpbin.bar:8000` when the Service has more than one port. */
function serviceName(entry: Pick<MatrixEntry, 'to' | 'service' | 'port'>, multiPort: boolean): string {
  const [ns] = entry.to.split('/');
  return `${entry.service}.${ns ?? ''}${multiPort ? `:${entry.port}` : ''}`;
}

/**
 * One matrix line. `multiPort`: the destination Service has more than one port, so the line names
 * the port (the seeds' tables, all of one-port Services, never do).
 */
export function formatMatrixLine(entry: Omit<MatrixEntry, 'line'>, multiPort = false): string {
  return `${dottedName(entry.from)} to ${serviceName(entry, multiPort)}: ${entry.status}`;
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
  /** Index of `port` in the server's ports. */
  portIndex: number;
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
    portIndex: 0,
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
        cell.portIndex = i;
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

/**
 * Every matrix entry in order, handed to `visit` one at a time as it is decided: a caller that
 * prints them keeps none (the CLI streams hundreds of thousands of lines this way). The line's
 * parts are built once per client and per Service port, not per entry.
 */
export function visitMatrix(
  engine: Engine,
  options: MatrixOptions,
  visit: (entry: MatrixEntry) => void,
): void {
  const clientNames = new Map<MeshWorkload, string>();
  const serverNames = new Map<MeshWorkload, string[]>();
  decideMatrix(engine, options, (c) => {
    let from = clientNames.get(c.client);
    if (from === undefined) {
      from = `${dottedName(c.client.key)} to `;
      clientNames.set(c.client, from);
    }
    let names = serverNames.get(c.server);
    if (names === undefined) {
      const server = c.server;
      names = server.ports.map(
        (p) =>
          `${serviceName({ to: server.key, service: server.service, port: p.port }, server.ports.length > 1)}: `,
      );
      serverNames.set(server, names);
    }
    visit({
      from: c.client.key,
      to: c.server.key,
      port: c.port,
      service: c.server.service,
      status: c.status,
      verdict: c.verdict,
      mtls: c.mtls,
      line: `${from}${names[c.portIndex] ?? ''}${c.status}`,
    });
  });
}

export function evaluateMatrix(engine: Engine, options: MatrixOptions = {}): MatrixEntry[] {
  const entries: MatrixEntry[] = [];
  visitMatrix(engine, options, (entry) => entries.push(entry));
  return entries;
}

/** Evaluates the whole matrix and returns how many decisions it made (for benchmarks). */
export function countMatrix(engine: Engine, options: MatrixOptions = {}): number {
  let n = 0;
  decideMatrix(engine, options, () => n++);
  return n;
}

/**
 * A compiled workspace's matrix, decided only when `visit` is called: the diagnostics can be
 * checked (and the input refused) before any entry is built.
 */
export async function openMatrix(
  text: string,
  options: MatrixOptions = {},
): Promise<{
  diagnostics: Diagnostic[];
  documents: DocumentSummary[];
  visit: (each: (entry: MatrixEntry) => void) => void;
}> {
  const engine = await createEvaluator().compile(text);
  return {
    diagnostics: engine.diagnostics,
    documents: documentSummaries(engine),
    visit: (each) => visitMatrix(engine, options, each),
  };
}

export async function matrixOfWorkspace(
  text: string,
  options: MatrixOptions = {},
): Promise<{ entries: MatrixEntry[]; diagnostics: Diagnostic[]; documents: DocumentSummary[] }> {
  const { diagnostics, documents, visit } = await openMatrix(text, options);
  const entries: MatrixEntry[] = [];
  visit((entry) => entries.push(entry));
  return { entries, diagnostics, documents };
}
