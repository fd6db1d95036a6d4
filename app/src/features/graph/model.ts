/**
 * Derives the canvas from the workspace and the latest verdicts:
 * - nodes for React Flow: namespaces as containers, workloads as their children (positions relative
 *   to the container), and the client outside the mesh;
 * - (the probe edge models the edge layer draws are in `edgeModel.ts`, re-exported here).
 *
 * A node's position is the one the user dragged it to (the Mesh's `layout`), else the automatic
 * layout's (`Placement`, from ELK), else a simple grid until the automatic layout arrives.
 */
import type { Node } from '@xyflow/react';
import type { MeshSpec, ProbesSpec, WorkloadFacts, WorkloadSpec } from '@playground/evaluator';
import type { Selection } from '../../state/types';

import type { LayoutResult, Orientation } from './layout/types';
import { textWidth } from './textWidth';
import { EXTERNAL_ID, keyOf } from './ids';
import { matchesSearch } from './bigMesh';
import type { CanvasFilter, Outcome } from './bigMesh';

export { EXTERNAL_ID } from './ids';
/** Node sizes the layout plans with; the node components are drawn at exactly these sizes. */
export const WORKLOAD_WIDTH = 156;
export const WORKLOAD_HEIGHT = 88;
/** Type sizes the widths are planned with (canvas.css draws them). */
const NAME_FONT = 17;
const NS_TITLE_FONT = 14;

/** A workload is as wide as its name needs (within bounds), so a name like istio-ingressgateway shows whole. */
export const workloadWidth = (name: string): number =>
  Math.round(Math.min(300, Math.max(WORKLOAD_WIDTH, textWidth(name, NAME_FONT) * 1.08 + 28)));

/** A namespace box leaves room for its title: "namespace <name>". */
export const namespaceMinWidth = (name: string): number =>
  Math.round(textWidth(`namespace ${name}`, NS_TITLE_FONT) * 1.08 + 32);
export const EXTERNAL_WIDTH = 180;
export const EXTERNAL_HEIGHT = 64;
export const NS_HEADER = 36;
export const NS_PAD = 16;
const EMPTY_NS = { width: 240, height: NS_HEADER + 56 };
/** Grid used only until the automatic layout answers. */
const STEP_X = WORKLOAD_WIDTH + 120;

/**
 * Positions from the automatic layout: namespace boxes absolute, workloads relative to their box,
 * and which way calls run (left to right, or top to bottom for a long chain in a narrow canvas).
 */
export type Placement = Omit<LayoutResult, 'bounds'>;
export type { Orientation };

export interface NamespaceNodeData extends Record<string, unknown> {
  name: string;
  count: number;
  /** Drawn as one small node (features/graph/bigMesh.ts). */
  collapsed: boolean;
  /** Collapsed: the worst outcome among the probes to or from its workloads. */
  worst: Outcome | null;
  /** The workload search matches none of its workloads. */
  dimmed: boolean;
  orientation: Orientation;
}
export interface WorkloadNodeData extends Record<string, unknown> {
  workload: WorkloadSpec;
  facts: WorkloadFacts | undefined;
  orientation: Orientation;
  /** The workload search does not match it. */
  dimmed: boolean;
}

/** A collapsed namespace's body (below its title), planned by the layout as one node. */
export const COLLAPSED_HEIGHT = 56;
/** Collapsed type is larger (canvas.css: 17px), so an overview of many namespaces stays readable. */
const COLLAPSED_FONT = 17;
export const collapsedWidth = (name: string): number =>
  Math.round(Math.max(200, textWidth(`namespace ${name}`, COLLAPSED_FONT) * 1.08 + 36));

/** How the canvas draws a big mesh: collapsed namespaces, their worst outcomes, the filters. */
export interface CanvasView {
  collapsed: ReadonlySet<string>;
  worst: ReadonlyMap<string, Outcome>;
  filter: CanvasFilter;
}
const PLAIN_VIEW: CanvasView = {
  collapsed: new Set(),
  worst: new Map(),
  filter: { namespace: '', verdict: 'all', search: '' },
};
export interface ExternalNodeData extends Record<string, unknown> {
  label: string;
  orientation: Orientation;
}

export type PlaygroundNode =
  | Node<NamespaceNodeData, 'namespace'>
  | Node<WorkloadNodeData, 'workload'>
  | Node<ExternalNodeData, 'external'>;

/** Every namespace, declared or only named by a workload, in declaration order. */
export function namespacesOf(mesh: MeshSpec): string[] {
  const names = [
    ...(mesh.namespaces ?? []).map((n) => n.name),
    ...(mesh.workloads ?? []).map((w) => w.namespace),
  ];
  return [...new Set(names)];
}

/**
 * The namespaces the canvas draws: an empty root namespace (declared only to hold mesh-wide
 * policies) is not drawn; any other empty namespace is, so a new one can be filled.
 */
export function drawnNamespaces(mesh: MeshSpec): string[] {
  const root = mesh.rootNamespace ?? 'istio-system';
  const populated = new Set((mesh.workloads ?? []).map((w) => w.namespace));
  return namespacesOf(mesh).filter((ns) => ns !== root || populated.has(ns));
}

function workloadAriaLabel(w: WorkloadSpec, f: WorkloadFacts | undefined): string {
  const proxy = w.sidecar === false ? 'no sidecar' : w.gateway ? 'gateway' : 'sidecar';
  const pa =
    f && f.peerAuthentication.mode !== 'NONE'
      ? `, peer authentication ${f.peerAuthentication.mode} from ${f.peerAuthentication.origin}`
      : '';
  return `Workload ${w.name} in namespace ${w.namespace}: ${proxy}${pa}`;
}

export function buildNodes(
  mesh: MeshSpec,
  facts: WorkloadFacts[] | undefined,
  selection: Selection,
  placement: Placement | null,
  view: CanvasView = PLAIN_VIEW,
): PlaygroundNode[] {
  const { collapsed, filter } = view;
  const stored = mesh.layout ?? {};
  const orientation = placement?.orientation ?? 'LR';
  const factsByKey = new Map((facts ?? []).map((f) => [f.key, f]));
  const workloads = mesh.workloads ?? [];
  const nodes: PlaygroundNode[] = [
    {
      id: EXTERNAL_ID,
      type: 'external',
      position: stored[EXTERNAL_ID] ??
        placement?.nodes[EXTERNAL_ID] ?? { x: -EXTERNAL_WIDTH - 80, y: NS_HEADER },
      width: EXTERNAL_WIDTH,
      height: EXTERNAL_HEIGHT,
      zIndex: 2,
      data: { label: 'outside the mesh', orientation },
      selected: selection?.kind === 'external',
      ariaLabel: 'Client outside the mesh (no proxy)',
      domAttributes: { 'data-testid': 'external-node', 'data-workload': 'external' } as Record<
        string,
        string
      >,
    },
  ];
  let fallbackY = 0;
  for (const ns of drawnNamespaces(mesh)) {
    const members = workloads.filter((w) => w.namespace === ns);
    const hidden = filter.namespace !== '' && filter.namespace !== ns;
    const dimmed =
      filter.search.trim() !== '' && !members.some((w) => matchesSearch(keyOf(w), filter.search));
    if (collapsed.has(ns) && members.length > 0) {
      const auto = placement?.namespaces[ns];
      const position = stored[ns] ?? (auto ? { x: auto.x, y: auto.y } : { x: 0, y: fallbackY });
      const width = auto?.width ?? collapsedWidth(ns) + 2 * NS_PAD;
      const height = auto?.height ?? NS_HEADER + COLLAPSED_HEIGHT + NS_PAD;
      fallbackY = Math.max(fallbackY, position.y + height + 60);
      const worst = view.worst.get(ns) ?? null;
      nodes.push({
        id: `ns:${ns}`,
        type: 'namespace',
        position,
        width,
        height,
        zIndex: 2,
        hidden,
        data: { name: ns, count: members.length, collapsed: true, worst, dimmed, orientation },
        selected: selection?.kind === 'namespace' && selection.name === ns,
        ariaLabel: `Namespace ${ns}, collapsed: ${members.length} workload${members.length === 1 ? '' : 's'}`,
        domAttributes: {
          'data-testid': 'namespace-node',
          'data-namespace': ns,
          'data-collapsed': 'true',
          'data-count': String(members.length),
          'data-worst': worst?.verdict ?? '',
        } as Record<string, string>,
      });
      continue;
    }
    const children = members.map((w, j) => {
      const key = keyOf(w);
      return {
        w,
        key,
        width: workloadWidth(w.name),
        position: stored[key] ?? placement?.nodes[key] ?? { x: NS_PAD + j * STEP_X, y: NS_HEADER },
      };
    });
    const auto = placement?.namespaces[ns];
    const position = stored[ns] ?? (auto ? { x: auto.x, y: auto.y } : { x: 0, y: fallbackY });
    // The box always encloses its children (some may have been dragged), and never shrinks below ELK's.
    const width = Math.max(
      auto?.width ?? 0,
      namespaceMinWidth(ns),
      members.length ? 0 : EMPTY_NS.width,
      ...children.map((c) => c.position.x + c.width + NS_PAD),
    );
    const height = Math.max(
      auto?.height ?? 0,
      members.length ? 0 : EMPTY_NS.height,
      ...children.map((c) => c.position.y + WORKLOAD_HEIGHT + NS_PAD),
    );
    fallbackY = Math.max(fallbackY, position.y + height + 60);
    nodes.push({
      id: `ns:${ns}`,
      type: 'namespace',
      position,
      width,
      height,
      zIndex: 0,
      hidden,
      data: { name: ns, count: members.length, collapsed: false, worst: null, dimmed: false, orientation },
      selected: selection?.kind === 'namespace' && selection.name === ns,
      ariaLabel: `Namespace ${ns}`,
      domAttributes: {
        'data-testid': 'namespace-node',
        'data-namespace': ns,
        'data-collapsed': 'false',
        'data-count': String(members.length),
      } as Record<string, string>,
    });
    for (const { w, key, width: nodeWidth, position: p } of children) {
      const f = factsByKey.get(key);
      nodes.push({
        id: key,
        type: 'workload',
        parentId: `ns:${ns}`,
        extent: 'parent',
        expandParent: true,
        position: p,
        width: nodeWidth,
        height: WORKLOAD_HEIGHT,
        zIndex: 2,
        hidden,
        data: { workload: w, facts: f, orientation, dimmed: !matchesSearch(key, filter.search) },
        selected: selection?.kind === 'workload' && selection.key === key,
        ariaLabel: workloadAriaLabel(w, f),
        domAttributes: { 'data-testid': 'workload-node', 'data-workload': key } as Record<string, string>,
      });
    }
  }
  return nodes;
}

/** Stable ids for workload specs: the store replaces a spec when it changes, never mutates it. */
const specIds = new WeakMap<WorkloadSpec, number>();
let nextSpecId = 1;
function specId(spec: WorkloadSpec): number {
  let id = specIds.get(spec);
  if (id === undefined) specIds.set(spec, (id = nextSpecId++));
  return id;
}

/** The workload spec counts by identity, so only its facts are stringified. */
export const nodeSignature = (n: PlaygroundNode): string =>
  JSON.stringify([
    n.position,
    n.width,
    n.height,
    n.type === 'workload' ? [specId(n.data.workload), n.data.facts, n.data.dimmed] : n.data,
    n.hidden,
    n.selected,
    n.parentId,
    n.ariaLabel,
  ]);

/** What the automatic layout depends on: namespaces, workloads and which pairs have probes. */
export function layoutSignature(
  mesh: MeshSpec,
  probes: ProbesSpec,
  collapsed: ReadonlySet<string> = new Set(),
): string {
  const pairs = new Set((probes.probes ?? []).map((p) => `${p.from}>${p.to}`));
  return JSON.stringify([
    [...collapsed].sort(),
    drawnNamespaces(mesh),
    (mesh.workloads ?? []).map((w) => [keyOf(w), !!w.gateway]),
    [...pairs].sort(),
  ]);
}

export * from './edgeModel';
