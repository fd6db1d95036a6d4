/**
 * Big meshes on the canvas: collapsed namespaces, the edges that aggregate onto them, and the
 * canvas filters. Pure functions of the workspace, the probe edges and the view state
 * (`canvasViewSlice`): nothing here is stored.
 *
 * - A collapsed namespace is one node (`ns:<name>`): its box, small, with its workload count and
 *   the worst verdict among the probes to or from its workloads.
 * - Probes with an end in a collapsed namespace are not drawn one by one: they aggregate into one
 *   edge per (source node, target node) pair, drawn in the style of the worst verdict, labelled
 *   with counts per verdict. The one-`probe-edge`-per-probe contract holds for probes between
 *   expanded workloads (and the outside client). A probe inside one collapsed namespace is counted
 *   in the namespace's worst verdict only.
 * - Worst verdict, worst first: mTLS failure, unauthenticated (JWT rejected or audience refused),
 *   denied (policy or external authorizer), no route, invalid, pending, allowed in plain text,
 *   allowed over mTLS.
 * - Filters hide probe edges (they keep their element, with `data-filtered="true"`, so counts stay
 *   true); a namespace filter hides the other namespaces' nodes; the search dims non-matching
 *   workloads.
 */
import type { MeshSpec, Verdict } from '@playground/evaluator';
import type { ProbeEdgeModel } from './model';

/** Above this many workloads, namespaces start collapsed. */
export const AUTO_COLLAPSE_ABOVE = 40;

export type EdgeVerdict = Verdict | 'pending';

/** Higher is worse. */
const SEVERITY: Record<EdgeVerdict, number> = {
  'mtls-failure': 8,
  unauthenticated: 7,
  'audience-rejected': 7,
  denied: 6,
  'custom-denied': 6,
  'no-route': 5,
  invalid: 4,
  pending: 3,
  allowed: 1,
};

/** An edge's outcome for ranking: allowed in plain text ranks above allowed over mTLS. */
export interface Outcome {
  verdict: EdgeVerdict;
  mtls: boolean | null;
}

export const severity = (o: Outcome): number =>
  SEVERITY[o.verdict] + (o.verdict === 'allowed' && o.mtls === false ? 1 : 0);

export function worstOf(outcomes: Iterable<Outcome>): Outcome | null {
  let worst: Outcome | null = null;
  for (const o of outcomes) if (!worst || severity(o) > severity(worst)) worst = o;
  return worst;
}

export const outcomeOf = (p: ProbeEdgeModel): Outcome => ({
  verdict: p.result?.verdict ?? 'pending',
  mtls: p.result ? p.result.mtls : null,
});

/** Verdict groups an aggregate label counts, in label order, with their short marks. */
export const COUNT_KINDS = [
  { kind: 'allowed', mark: '✓', words: 'allowed' },
  { kind: 'denied', mark: '✕', words: 'denied' },
  { kind: 'unauthenticated', mark: '✕jwt', words: 'unauthenticated' },
  { kind: 'mtls', mark: '✕mtls', words: 'mTLS failure' },
  { kind: 'noroute', mark: '∅', words: 'no route' },
  { kind: 'other', mark: '…', words: 'pending or invalid' },
] as const;
export type CountKind = (typeof COUNT_KINDS)[number]['kind'];

export function countKind(verdict: EdgeVerdict): CountKind {
  switch (verdict) {
    case 'allowed':
      return 'allowed';
    case 'denied':
    case 'custom-denied':
      return 'denied';
    case 'unauthenticated':
    case 'audience-rejected':
      return 'unauthenticated';
    case 'mtls-failure':
      return 'mtls';
    case 'no-route':
      return 'noroute';
    default:
      return 'other';
  }
}

/** One drawn edge standing for every probe between two nodes, at least one of them collapsed. */
export interface AggregateEdgeModel {
  id: string;
  /** Node ids: `ns:<name>`, a workload key, or the external client's id. */
  source: string;
  target: string;
  /** Probe indexes it stands for. */
  probes: number[];
  counts: Partial<Record<CountKind, number>>;
  worst: Outcome;
}

/** "12 ✓ · 3 ✕" */
export const aggregateLabel = (a: Pick<AggregateEdgeModel, 'counts'>): string =>
  COUNT_KINDS.filter((k) => a.counts[k.kind])
    .map((k) => `${a.counts[k.kind]} ${k.mark}`)
    .join(' · ');

export const aggregateWords = (a: AggregateEdgeModel): string =>
  `${a.probes.length} probe${a.probes.length === 1 ? '' : 's'} from ${a.source.replace(/^ns:/, 'namespace ')} to ${a.target.replace(/^ns:/, 'namespace ')}: ${COUNT_KINDS.filter(
    (k) => a.counts[k.kind],
  )
    .map((k) => `${a.counts[k.kind]} ${k.words}`)
    .join(', ')}`;

/** Namespaces drawn collapsed: the user's choice where made, else collapsed above 40 workloads. */
export function collapsedNamespaces(
  mesh: MeshSpec,
  overrides: Readonly<Record<string, boolean>>,
): ReadonlySet<string> {
  const workloads = mesh.workloads ?? [];
  const auto = workloads.length > AUTO_COLLAPSE_ABOVE;
  const populated = new Set(workloads.map((w) => w.namespace));
  return new Set([...populated].filter((ns) => overrides[ns] ?? auto));
}

const namespaceOfKey = (key: string): string => key.slice(0, key.indexOf('/'));

/** The node a probe end is drawn at: its workload, or its collapsed namespace. */
export function drawnEnd(node: string, collapsed: ReadonlySet<string>): string {
  if (!node.includes('/')) return node; // the external client
  const ns = namespaceOfKey(node);
  return collapsed.has(ns) ? `ns:${ns}` : node;
}

/**
 * Splits probe edges: those between expanded nodes stay probe edges; the rest aggregate per
 * (drawn source, drawn target). Filtered probes are left out of aggregates. Also returns each
 * collapsed namespace's worst outcome among the (unfiltered) probes touching it.
 */
export function aggregateEdges(
  edges: readonly ProbeEdgeModel[],
  collapsed: ReadonlySet<string>,
): {
  expanded: ProbeEdgeModel[];
  aggregates: AggregateEdgeModel[];
  worstByNamespace: Map<string, Outcome>;
} {
  if (collapsed.size === 0) return { expanded: [...edges], aggregates: [], worstByNamespace: new Map() };
  const expanded: ProbeEdgeModel[] = [];
  const byPair = new Map<string, AggregateEdgeModel>();
  const worstByNamespace = new Map<string, Outcome>();
  const touch = (id: string, o: Outcome) => {
    if (!id.startsWith('ns:')) return;
    const ns = id.slice(3);
    const w = worstByNamespace.get(ns);
    if (!w || severity(o) > severity(w)) worstByNamespace.set(ns, o);
  };
  for (const e of edges) {
    const source = drawnEnd(e.source, collapsed);
    const target = drawnEnd(e.target, collapsed);
    if (source === e.source && target === e.target) {
      expanded.push(e);
      continue;
    }
    if (e.filtered) continue;
    const o = outcomeOf(e);
    touch(source, o);
    touch(target, o);
    if (source === target) continue; // inside one collapsed namespace
    const id = `${source}=>${target}`;
    let a = byPair.get(id);
    if (!a) byPair.set(id, (a = { id, source, target, probes: [], counts: {}, worst: o }));
    a.probes.push(e.index);
    const k = countKind(o.verdict);
    a.counts[k] = (a.counts[k] ?? 0) + 1;
    if (severity(o) > severity(a.worst)) a.worst = o;
  }
  return { expanded, aggregates: [...byPair.values()], worstByNamespace };
}

// --- filters ------------------------------------------------------------------------------------

export type VerdictFilter = 'all' | 'denied' | 'mtls' | 'changed';

export interface CanvasFilter {
  /** Only this namespace's nodes (empty: every namespace). */
  namespace: string;
  verdict: VerdictFilter;
  /** Workload search: a case-insensitive substring of `ns/name`. */
  search: string;
}

export const NO_FILTER: CanvasFilter = { namespace: '', verdict: 'all', search: '' };

export const isFiltering = (f: CanvasFilter): boolean => f.namespace !== '' || f.verdict !== 'all';

/** Whether a probe edge passes the namespace and verdict filters (the search only dims nodes). */
export function passes(e: ProbeEdgeModel, f: CanvasFilter): boolean {
  if (f.namespace) {
    const inNs = (node: string) => node.includes('/') && namespaceOfKey(node) === f.namespace;
    if (!inNs(e.source) && !inNs(e.target)) return false;
    // The other end must be drawn too: the outside client always is.
    const other = inNs(e.source) ? e.target : e.source;
    if (other.includes('/') && namespaceOfKey(other) !== f.namespace) return false;
  }
  const v = e.result?.verdict;
  switch (f.verdict) {
    case 'denied':
      return v === 'denied' || v === 'custom-denied';
    case 'mtls':
      return v === 'mtls-failure';
    case 'changed':
      return e.review !== null && e.review.kind !== 'added' && e.review.before !== null;
    default:
      return true;
  }
}

/** Whether a workload (`ns/name`) matches the search (an empty search matches everything). */
export const matchesSearch = (key: string, search: string): boolean =>
  search.trim() === '' || key.toLowerCase().includes(search.trim().toLowerCase());
