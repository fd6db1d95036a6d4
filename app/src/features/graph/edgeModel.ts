/**
 * The probe edges the edge layer draws (`edges/EdgeLayer`): one model per probe with its verdict,
 * review mark, expectation and filter state, grouped by (source, target) pair, and `GroupReuser`,
 * which keeps unchanged edges and groups as the same objects between keystrokes.
 */
import type { ProbeResult, ProbesSpec, MeshSpec } from '@playground/evaluator';
import type { Selection } from '../../state/types';
import { edgeAriaLabel } from './verdictStyle';
import { sameMark } from '../review/selectors';
import type { ReviewMark } from '../review/selectors';
import { expectationAttributes } from '../pins/edgeMarks';
import { passes } from './bigMesh';
import type { CanvasFilter } from './bigMesh';
import { EXTERNAL_ID, keyOf } from './ids';

/** One probe as the edge layer draws it. */
export interface ProbeEdgeModel {
  index: number;
  from: string;
  to: string;
  /** Node ids (the external client's id for `external`). */
  source: string;
  target: string;
  port: number;
  method: string;
  path: string;
  result: ProbeResult | undefined;
  /** The probe's saved expectation (`expect`, `expectMtls`), null where it has none (features/pins). */
  expect: string | null;
  expectMtls: boolean | null;
  stale: boolean;
  selected: boolean;
  ariaLabel: string;
  /** Review mode: how this probe changed since the baseline (null: unchanged, or not reviewing). */
  review: ReviewMark | null;
  /** Hidden by the canvas filters (still in the DOM, with `data-filtered="true"`). */
  filtered: boolean;
}

/** The probes between one (source, target) pair: drawn as one edge with a count. */
export interface EdgeGroupModel {
  id: string;
  source: string;
  target: string;
  probes: ProbeEdgeModel[];
}

export function buildProbeEdges(
  mesh: MeshSpec,
  probes: ProbesSpec,
  results: ProbeResult[] | undefined,
  /** `true`: the YAML does not parse; `'evaluating'`: a newer answer is on its way. */
  stale: boolean | 'evaluating',
  selection: Selection,
  /** Review mode's marks by probe index (`features/review`). */
  marks?: ReadonlyMap<number, ReviewMark>,
  /** The canvas filters (features/graph/bigMesh.ts). */
  filter?: CanvasFilter,
): ProbeEdgeModel[] {
  const known = new Set((mesh.workloads ?? []).map(keyOf));
  const edges: ProbeEdgeModel[] = [];
  (probes.probes ?? []).forEach((p, index) => {
    const source = p.from === 'external' ? EXTERNAL_ID : p.from;
    if ((source !== EXTERNAL_ID && !known.has(source)) || !known.has(p.to)) return; // endpoint deleted: reported as a diagnostic
    const result = results?.[index];
    // A result belongs to this probe only if it still names the same endpoints.
    const current =
      result &&
      result.index === index &&
      result.from === p.from &&
      result.to === p.to &&
      result.port === p.port
        ? result
        : undefined;
    const edge: ProbeEdgeModel = {
      index,
      from: p.from,
      to: p.to,
      source,
      target: p.to,
      port: p.port,
      method: p.request?.method ?? 'GET',
      path: p.request?.path ?? '/',
      result: current,
      expect: p.expect ?? null,
      expectMtls: p.expectMtls ?? null,
      stale: stale !== false,
      selected: selection?.kind === 'probe' && selection.index === index,
      ariaLabel: edgeAriaLabel(p.from, p.to, p.port, current, stale),
      review: marks?.get(index) ?? null,
      filtered: false,
    };
    if (filter) edge.filtered = !passes(edge, filter);
    edges.push(edge);
  });
  return edges;
}

/** Probes grouped by (source, target), in the order their first probe appears. */
export function groupEdges(edges: ProbeEdgeModel[]): EdgeGroupModel[] {
  const groups = new Map<string, EdgeGroupModel>();
  for (const e of edges) {
    const id = `${e.source}->${e.target}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { id, source: e.source, target: e.target, probes: [] }));
    g.probes.push(e);
  }
  return [...groups.values()];
}

/** The test hooks of one probe edge (a contract: e2e tests and reviewers read them). */
export function probeEdgeAttributes(e: ProbeEdgeModel): Record<string, string> {
  return {
    ...expectationAttributes(e),
    'data-testid': 'probe-edge',
    'data-from': e.from,
    'data-to': e.to,
    'data-port': String(e.port),
    'data-status': e.result?.status ?? '',
    'data-verdict': e.result?.verdict ?? 'pending',
    'data-mtls': e.result ? String(e.result.mtls) : '',
    'data-stale': String(e.stale),
    'data-probe-index': String(e.index),
    'data-filtered': String(e.filtered),
    ...reviewAttributes(e.review),
  };
}

/** Review mode's hooks: `data-changed` always; the old outcome on a changed probe; `data-review` names the mark. */
function reviewAttributes(mark: ReviewMark | null): Record<string, string> {
  const changed = mark !== null && mark.kind !== 'added' && mark.before !== null;
  if (!mark) return { 'data-changed': 'false' };
  return {
    'data-changed': String(changed),
    'data-review': mark.kind,
    ...(changed && mark.before
      ? {
          'data-before-status': mark.before.status,
          'data-before-verdict': mark.before.verdict,
          'data-before-mtls': String(mark.before.mtls),
        }
      : {}),
  };
}

/**
 * Keeps the previous object for every item whose signature did not change, so React Flow and the
 * memoised nodes skip them.
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

const sameEdge = (a: ProbeEdgeModel, b: ProbeEdgeModel): boolean =>
  a.index === b.index &&
  a.from === b.from &&
  a.to === b.to &&
  a.source === b.source &&
  a.target === b.target &&
  a.port === b.port &&
  a.method === b.method &&
  a.path === b.path &&
  a.result === b.result &&
  a.expect === b.expect &&
  a.expectMtls === b.expectMtls &&
  a.stale === b.stale &&
  a.selected === b.selected &&
  a.ariaLabel === b.ariaLabel &&
  a.filtered === b.filtered &&
  sameMark(a.review, b.review);

/**
 * Groups probe edges (`groupEdges`), keeping the previous object for every edge and every group
 * that did not change: a keystroke that flips one verdict re-renders one edge and one label, not
 * 300. When nothing changed, the previous array itself comes back.
 */
export class GroupReuser {
  private edges = new Map<number, ProbeEdgeModel>();
  private groups = new Map<string, EdgeGroupModel>();
  private last: EdgeGroupModel[] = [];

  reuse(edges: ProbeEdgeModel[]): EdgeGroupModel[] {
    const edgesNext = new Map<number, ProbeEdgeModel>();
    const kept = edges.map((e) => {
      const old = this.edges.get(e.index);
      const k = old && sameEdge(old, e) ? old : e;
      edgesNext.set(e.index, k);
      return k;
    });
    this.edges = edgesNext;
    const groupsNext = new Map<string, EdgeGroupModel>();
    const out = groupEdges(kept).map((g) => {
      const old = this.groups.get(g.id);
      const k =
        old &&
        old.source === g.source &&
        old.target === g.target &&
        old.probes.length === g.probes.length &&
        old.probes.every((p, i) => p === g.probes[i])
          ? old
          : g;
      groupsNext.set(g.id, k);
      return k;
    });
    this.groups = groupsNext;
    const same = out.length === this.last.length && out.every((g, i) => g === this.last[i]);
    if (!same) this.last = out;
    return this.last;
  }
}
