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
import { clientAttributesRead } from './authz/client-attributes';
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

/** A cell's outcome, shared by the clients that cannot be told apart (see `decideMatrix`). */
interface Decided {
  status: string;
  verdict: Verdict;
  mtls: boolean | null;
}

/** A prepared server port, and the outcomes decided for it per class of client. */
interface PreparedPort {
  input: HopInput;
  /** What of a client this port's decision may depend on (`Reads` bits, see `clientKey`). */
  reads: number;
  decided: Map<string, Decided>;
}

/**
 * What of a client a server port's decision may depend on, as bits. The transport depends on the
 * client's proxy always; on its namespace when a DestinationRule covers the server's Service (the
 * client's namespace chooses which, mtls/client-tls.ts), or on its labels when some
 * DestinationRule selects clients by label. The policies may read its namespace, the rest of its
 * identity, its addresses (authz/fields.ts `clientAttributeOf`), or anything (CUSTOM).
 */
const Reads = {
  transportNamespace: 1,
  transportLabels: 2,
  namespace: 4,
  identity: 8,
  address: 16,
  everything: 32,
} as const;

/** The key of the class of clients that agree on everything `reads` names. */
function clientKey(client: MeshWorkload, reads: number): string {
  if (reads & Reads.everything) return `${client.key} @${client.ip}`;
  let key = `${client.sidecar ? 's' : '-'}${client.gateway ? 'g' : '-'}`;
  if (reads & Reads.transportLabels) key += ` ${client.key}`;
  else if (reads & (Reads.transportNamespace | Reads.namespace)) key += ` ${client.namespace}`;
  if (reads & Reads.identity) key += ` ${client.principal}`;
  if (reads & Reads.address) key += ` @${client.ip}`;
  return key;
}

/**
 * Decides every cell, client-major (the seeds' order), without traces. What does not depend on
 * the client (port, request, JWT outcome) is prepared once per server port and the hop input is
 * reused; gateways take the full two-hop path.
 *
 * Clients a server port cannot tell apart share one decision: those with the same proxy and —
 * only where a DestinationRule or the port's policies make it matter (`Reads`) — the same
 * namespace (or labels), principal and addresses; any client when a CUSTOM provider is consulted
 * is its own class. matrix.test.ts checks every cell against the traced probe path on meshes
 * whose DestinationRules and policies read each of these.
 */
function decideMatrix(engine: Engine, options: MatrixOptions, visit: (cell: Cell) => void): void {
  const now = options.now ?? new Date();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const path = options.path ?? '/';
  const { clients, servers } = participants(engine, options);
  const drs = engine.destinationRules;
  const transport = drs.bySelector ? Reads.transportLabels : Reads.transportNamespace;
  const prepared = new Map<MeshWorkload, (PreparedPort | string)[]>();
  const portsOf = (server: MeshWorkload, placeholder: MeshWorkload) => {
    let ports = prepared.get(server);
    if (!ports) {
      ports = server.ports.map((p) => {
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
        const read = clientAttributesRead(side.policySet ?? engine.policySet(server));
        const reads = read.anything
          ? Reads.everything
          : (drs.covers(server) ? transport : 0) |
            (read.namespace ? Reads.namespace : 0) |
            (read.identity ? Reads.identity : 0) |
            (read.address ? Reads.address : 0);
        return { input, reads, decided: new Map() };
      });
      prepared.set(server, ports);
    }
    return ports;
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
    // This client's key per `Reads` combination, made when a port first asks for it.
    const keys: (string | undefined)[] = [];
    for (const server of servers) {
      cell.server = server;
      const ports = server.gateway ? null : portsOf(server, client);
      for (let i = 0; i < server.ports.length; i++) {
        const p = server.ports[i] as MeshWorkload['ports'][number];
        cell.port = p.port;
        cell.portIndex = i;
        const port = ports?.[i];
        if (port === undefined) {
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
        } else if (typeof port === 'string') {
          cell.status = 'invalid';
          cell.verdict = 'invalid';
          cell.mtls = null;
        } else {
          const key = (keys[port.reads] ??= clientKey(client, port.reads));
          let decided = port.decided.get(key);
          if (!decided) {
            port.input.client = client;
            port.input.clientIp = client.ip;
            const hop = evaluateHop(engine, port.input);
            decided = { status: hop.status, verdict: hop.verdict, mtls: hop.mtls };
            port.decided.set(key, decided);
          }
          cell.status = decided.status;
          cell.verdict = decided.verdict;
          cell.mtls = decided.mtls;
        }
        index++;
        visit(cell);
      }
    }
  }
}

/**
 * Each cell's printed line and status, in order, built from two parts: one made once per client
 * (`sleep.foo to `), one once per Service port and status (`httpbin.bar: 200`). `escape` is
 * applied to each workload and Service name once (the CLI makes them printable; the fixed parts
 * of a line are).
 */
function decideLines(
  engine: Engine,
  options: MatrixOptions,
  each: (cell: Cell, line: string) => void,
  escape: (name: string) => string = (name) => name,
): void {
  const clientNames = new Map<MeshWorkload, string>();
  // Per server, per port: `httpbin.bar: ` and, per status seen, `httpbin.bar: 200`.
  const serverEnds = new Map<MeshWorkload, { name: string; ends: Map<string, string> }[]>();
  decideMatrix(engine, options, (c) => {
    let from = clientNames.get(c.client);
    if (from === undefined) {
      from = `${escape(dottedName(c.client.key))} to `;
      clientNames.set(c.client, from);
    }
    let ports = serverEnds.get(c.server);
    if (ports === undefined) {
      const server = c.server;
      ports = server.ports.map((p) => ({
        name: `${escape(serviceName({ to: server.key, service: server.service, port: p.port }, server.ports.length > 1))}: `,
        ends: new Map(),
      }));
      serverEnds.set(server, ports);
    }
    const port = ports[c.portIndex];
    let end = port?.ends.get(c.status);
    if (end === undefined) {
      end = `${port?.name ?? ''}${c.status}`;
      port?.ends.set(c.status, end);
    }
    each(c, `${from}${end}`);
  });
}

/**
 * Every matrix entry in order, handed to `visit` one at a time as it is decided: a caller that
 * prints them keeps none (the CLI streams hundreds of thousands of lines this way).
 */
export function visitMatrix(
  engine: Engine,
  options: MatrixOptions,
  visit: (entry: MatrixEntry) => void,
): void {
  decideLines(engine, options, (c, line) =>
    visit({
      from: c.client.key,
      to: c.server.key,
      port: c.port,
      service: c.server.service,
      status: c.status,
      verdict: c.verdict,
      mtls: c.mtls,
      line,
    }),
  );
}

/**
 * Only each entry's `line` and `status`, without building the entry (the CLI's text output), with
 * every workload and Service name in the lines passed through `escape`.
 */
export function visitMatrixLines(
  engine: Engine,
  options: MatrixOptions,
  each: (line: string, status: string) => void,
  escape?: (name: string) => string,
): void {
  decideLines(engine, options, (c, line) => each(line, c.status), escape);
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
 * A compiled workspace's matrix, decided only when `visit` is called: the diagnostics (parse and
 * validation; lints are left out) can be checked, and the input refused, before any entry is built.
 */
export async function openMatrix(
  text: string,
  options: MatrixOptions = {},
): Promise<{
  diagnostics: Diagnostic[];
  documents: DocumentSummary[];
  visit: (each: (entry: MatrixEntry) => void) => void;
  visitLines: (each: (line: string, status: string) => void, escape?: (name: string) => string) => void;
}> {
  const engine = await createEvaluator().compile(text);
  return {
    // No lints: the matrix prints none, and working them out costs a quarter of a big run.
    diagnostics: [...engine.validationDiagnostics],
    documents: documentSummaries(engine),
    visit: (each) => visitMatrix(engine, options, each),
    visitLines: (each, escape) => visitMatrixLines(engine, options, each, escape),
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
