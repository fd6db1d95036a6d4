/**
 * Derives React Flow nodes and edges from the workspace and the latest verdicts. Namespaces are
 * container nodes; workloads are their children (positions relative to the container); probes are
 * edges. Positions come from the Mesh's `layout`, or a default grid.
 */
import type { Edge, Node } from '@xyflow/react';
import type { SVGAttributes } from 'react';
import type { MeshSpec, ProbeResult, ProbesSpec, WorkloadFacts, WorkloadSpec } from '@playground/evaluator';
import type { Selection } from '../../state/types';
import { edgeAriaLabel } from './verdictStyle';

export const EXTERNAL_ID = '@external';
export const WORKLOAD_WIDTH = 170;
export const WORKLOAD_HEIGHT = 100;
const NS_HEADER = 40;
const NS_PAD = 20;
/** Horizontal step between workloads inside a namespace: room for edge labels between them. */
const STEP = WORKLOAD_WIDTH + 150;
const NS_HEIGHT = NS_HEADER + WORKLOAD_HEIGHT + NS_PAD;
const NS_GAP = 70;

export interface NamespaceNodeData extends Record<string, unknown> {
  name: string;
  count: number;
}
export interface WorkloadNodeData extends Record<string, unknown> {
  workload: WorkloadSpec;
  facts: WorkloadFacts | undefined;
}
export interface ExternalNodeData extends Record<string, unknown> {
  label: string;
}
export interface ProbeEdgeData extends Record<string, unknown> {
  index: number;
  port: number;
  method: string;
  path: string;
  result: ProbeResult | undefined;
  stale: boolean;
}

export type PlaygroundNode =
  | Node<NamespaceNodeData, 'namespace'>
  | Node<WorkloadNodeData, 'workload'>
  | Node<ExternalNodeData, 'external'>;
export type ProbeEdge = Edge<ProbeEdgeData, 'probe'>;

/** Every namespace, declared or only named by a workload, in declaration order. */
export function namespacesOf(mesh: MeshSpec): string[] {
  const names = [
    ...(mesh.namespaces ?? []).map((n) => n.name),
    ...(mesh.workloads ?? []).map((w) => w.namespace),
  ];
  return [...new Set(names)];
}

/**
 * Default layout: namespaces stacked in rows; inside each, the workloads side by side, clients
 * (never a probe's destination) before servers, so probes mostly run left to right.
 */
export function buildNodes(
  mesh: MeshSpec,
  facts: WorkloadFacts[] | undefined,
  selection: Selection,
  probes?: ProbesSpec,
): PlaygroundNode[] {
  const servers = new Set((probes?.probes ?? []).map((p) => p.to));
  const layout = mesh.layout ?? {};
  const factsByKey = new Map((facts ?? []).map((f) => [f.key, f]));
  const nodes: PlaygroundNode[] = [];
  const workloads = mesh.workloads ?? [];
  nodes.push({
    id: EXTERNAL_ID,
    type: 'external',
    position: layout[EXTERNAL_ID] ?? { x: 0, y: NS_HEADER },
    data: { label: 'outside the mesh' },
    selected: selection?.kind === 'external',
    ariaLabel: 'Client outside the mesh (no proxy)',
    domAttributes: { 'data-testid': 'external-node', 'data-workload': 'external' } as Record<string, string>,
  });
  namespacesOf(mesh).forEach((ns, i) => {
    const inNamespace = workloads.filter((w) => w.namespace === ns);
    const isServer = (w: WorkloadSpec) => servers.has(`${w.namespace}/${w.name}`);
    const members = [...inNamespace.filter((w) => !isServer(w)), ...inNamespace.filter(isServer)];
    nodes.push({
      id: `ns:${ns}`,
      type: 'namespace',
      position: layout[ns] ?? { x: 260, y: i * (NS_HEIGHT + NS_GAP) },
      data: { name: ns, count: members.length },
      style: {
        width: 2 * NS_PAD + WORKLOAD_WIDTH + Math.max(0, members.length - 1) * STEP,
        height: NS_HEIGHT,
      },
      selected: selection?.kind === 'namespace' && selection.name === ns,
      ariaLabel: `Namespace ${ns}`,
      domAttributes: { 'data-testid': 'namespace-node', 'data-namespace': ns } as Record<string, string>,
    });
    members.forEach((w, j) => {
      const key = `${w.namespace}/${w.name}`;
      const f = factsByKey.get(key);
      nodes.push({
        id: key,
        type: 'workload',
        parentId: `ns:${ns}`,
        extent: 'parent',
        position: layout[key] ?? { x: NS_PAD + j * STEP, y: NS_HEADER },
        data: { workload: w, facts: f },
        selected: selection?.kind === 'workload' && selection.key === key,
        ariaLabel: `Workload ${w.name} in namespace ${ns}: ${w.sidecar === false ? 'no sidecar' : w.gateway ? 'gateway' : 'sidecar'}${f && f.peerAuthentication.mode !== 'NONE' ? `, peer authentication ${f.peerAuthentication.mode} from ${f.peerAuthentication.origin}` : ''}`,
        domAttributes: { 'data-testid': 'workload-node', 'data-workload': key } as Record<string, string>,
      });
    });
  });
  return nodes;
}

export function buildEdges(
  mesh: MeshSpec,
  probes: ProbesSpec,
  results: ProbeResult[] | undefined,
  stale: boolean,
  selection: Selection,
): ProbeEdge[] {
  const known = new Set((mesh.workloads ?? []).map((w) => `${w.namespace}/${w.name}`));
  const byIndex = new Map((results ?? []).map((r) => [r.index, r]));
  const edges: ProbeEdge[] = [];
  (probes.probes ?? []).forEach((p, index) => {
    const source = p.from === 'external' ? EXTERNAL_ID : p.from;
    if ((source !== EXTERNAL_ID && !known.has(source)) || !known.has(p.to)) return; // endpoint deleted: reported as a diagnostic
    const result = byIndex.get(index);
    // A result belongs to this probe only if it still names the same endpoints.
    const current =
      result && result.from === p.from && result.to === p.to && result.port === p.port ? result : undefined;
    const attributes: Record<string, string> = {
      'data-testid': 'probe-edge',
      'data-from': p.from,
      'data-to': p.to,
      'data-port': String(p.port),
      'data-status': current?.status ?? '',
      'data-verdict': current?.verdict ?? 'pending',
      'data-mtls': current ? String(current.mtls) : '',
      'data-stale': String(stale),
      'data-probe-index': String(index),
    };
    edges.push({
      id: `probe-${index}`,
      type: 'probe',
      source,
      target: p.to,
      data: {
        index,
        port: p.port,
        method: p.request?.method ?? 'GET',
        path: p.request?.path ?? '/',
        result: current,
        stale,
      },
      selected: selection?.kind === 'probe' && selection.index === index,
      ariaLabel: edgeAriaLabel(p.from, p.to, p.port, current, stale),
      domAttributes: attributes as SVGAttributes<SVGGElement>,
    });
  });
  return edges;
}

/**
 * Keeps the previous object for every item whose signature did not change, so React Flow and the
 * memoised nodes/edges skip them: a keystroke re-renders only the edges whose verdict changed.
 */
export class Reuser<T extends { id: string }> {
  private cache = new Map<string, { signature: string; item: T }>();
  private last: T[] = [];

  constructor(private readonly signature: (item: T) => string) {}

  /** When nothing changed, the previous array itself comes back, so React Flow sees no update at all. */
  reuse(items: T[]): T[] {
    const next = new Map<string, { signature: string; item: T }>();
    const out = items.map((item) => {
      const signature = this.signature(item);
      const old = this.cache.get(item.id);
      const kept = old && old.signature === signature ? old.item : item;
      next.set(item.id, { signature, item: kept });
      return kept;
    });
    this.cache = next;
    const same = out.length === this.last.length && out.every((item, i) => item === this.last[i]);
    if (!same) this.last = out;
    return this.last;
  }
}

export const edgeSignature = (e: ProbeEdge): string =>
  JSON.stringify([
    e.source,
    e.target,
    e.selected,
    e.ariaLabel,
    e.domAttributes,
    e.data?.method,
    e.data?.path,
    e.data?.stale,
  ]);

/** Stable ids for workload specs: the store replaces a spec when it changes, never mutates it. */
const specIds = new WeakMap<WorkloadSpec, number>();
let nextSpecId = 1;
function specId(spec: WorkloadSpec): number {
  let id = specIds.get(spec);
  if (id === undefined) specIds.set(spec, (id = nextSpecId++));
  return id;
}

/** The workload spec counts by identity, so only its (new on every evaluation) facts are stringified. */
export const nodeSignature = (n: PlaygroundNode): string =>
  JSON.stringify([
    n.position,
    n.type === 'workload' ? [specId(n.data.workload), n.data.facts] : n.data,
    n.selected,
    n.style,
    n.parentId,
    n.ariaLabel,
  ]);
