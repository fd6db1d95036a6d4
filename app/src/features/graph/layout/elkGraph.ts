/**
 * LayoutInput → ELK JSON graph. Pure: no ELK instance is needed here.
 *
 * The graph is flat: every workload and external client is a child of the root, and namespaces
 * become horizontal bands afterwards (see bands.ts). ELK Layered's compound mode
 * (`hierarchyHandling: INCLUDE_CHILDREN`) lays out every compound node as its own layered graph
 * joined by hierarchical ports, so the namespace boxes themselves get layered left to right: with
 * calls between namespaces in both directions (the seed mesh) that chains the namespaces into one
 * 1700 px wide row and points half the calls right to left. One flat layering instead puts every
 * caller left of its callees across namespaces, and bands keep each namespace in one box.
 */
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { LayoutInput, Orientation } from './types';

export const ELK_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  // Calls read left to right: callers in earlier layers than the workloads they call.
  'elk.direction': 'RIGHT',
  // Every edge label becomes a dummy node in a layer of its own between caller and callee, so the
  // gap between two columns is at least as wide as the widest label crossing it.
  'elk.edgeLabels.placement': 'CENTER',
  // Gaps on both sides of a label column, so arrows stay visible around a label. Measured: with a
  // 64 px label two workload columns end up 154 px apart, and the seed mesh is 538 px wide.
  'elk.layered.spacing.nodeNodeBetweenLayers': '20',
  'elk.layered.spacing.edgeNodeBetweenLayers': '10',
  // Vertical gaps only matter for ELK's own routing: bands.ts restacks each column and keeps just
  // ELK's vertical order (which crossing minimisation chose).
  'elk.spacing.nodeNode': '24',
  'elk.spacing.edgeLabel': '2',
  // Isolated nodes (a client with no calls yet) stay in the one layering instead of being packed
  // as separate components beside it, so "first layer" holds for them too.
  'elk.separateConnectedComponents': 'false',
  // Ties in crossing minimisation follow the input order: namespaces in declared order, which is
  // the order of the bands, so the bands need few reorderings.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  // Fixed seed: the same input always gives the same drawing.
  'elk.randomSeed': '1',
};

/**
 * Where traffic starts: clients outside the mesh, and gateways nothing calls, go to the first layer
 * (ELK rejects a FIRST node with an incoming edge). A gateway the clients call follows them in the
 * next layer, so the call runs forwards like every other; anything else simply follows its callers.
 */
function firstLayer(input: LayoutInput): Set<string> {
  const callers = new Map<string, string[]>();
  for (const e of input.edges) callers.set(e.target, [...(callers.get(e.target) ?? []), e.source]);
  const first = new Set(input.external.map((e) => e.id).filter((id) => !callers.has(id)));
  // A gateway that nothing calls starts the drawing; one that clients call follows them, one
  // column (or row) later, so the call runs forwards like every other.
  for (const w of input.namespaces.flatMap((ns) => ns.workloads)) {
    if (w.role === 'gateway' && !callers.has(w.key)) first.add(w.key);
  }
  return first;
}

const FIRST_LAYER: LayoutOptions = { 'elk.layered.layering.layerConstraint': 'FIRST' };
const LABEL_OPTIONS: LayoutOptions = { 'elk.edgeLabels.placement': 'CENTER' };

export function toElk(input: LayoutInput, orientation: Orientation = 'LR'): ElkNode {
  const first = firstLayer(input);
  const node = (id: string, width: number, height: number): ElkNode =>
    first.has(id) ? { id, width, height, layoutOptions: FIRST_LAYER } : { id, width, height };
  const children: ElkNode[] = [
    ...input.external.map((e) => node(e.id, e.width, e.height)),
    ...input.namespaces.flatMap((ns) => ns.workloads.map((w) => node(w.key, w.width, w.height))),
  ];
  const known = new Set(children.map((c) => c.id));
  const edges = input.edges
    // An endpoint the canvas does not show would make ELK reject the whole graph, and so would a
    // call between two first-layer nodes (only a client calling a client can be one now).
    .filter((e) => known.has(e.source) && known.has(e.target))
    .filter((e) => !(first.has(e.source) && first.has(e.target)))
    .map((e): ElkExtendedEdge => ({
      id: e.id,
      sources: [e.source],
      targets: [e.target],
      // ELK ignores a label with an empty text: a blank one keeps its room between the layers.
      labels: [{ id: `${e.id}:label`, text: ' ', ...e.label, layoutOptions: LABEL_OPTIONS }],
    }));
  const layoutOptions: LayoutOptions =
    orientation === 'LR'
      ? ELK_OPTIONS
      : {
          ...ELK_OPTIONS,
          'elk.direction': 'DOWN',
          // Titles sit above every column, so rows need room only for a label between them.
          'elk.layered.spacing.nodeNodeBetweenLayers': '10',
        };
  return { id: 'root', layoutOptions, children, edges };
}

/** ELK's absolute positions of the root's children (the graph is flat). */
export function positionsOf(graph: ElkNode): Map<string, { x: number; y: number }> {
  return new Map((graph.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}
