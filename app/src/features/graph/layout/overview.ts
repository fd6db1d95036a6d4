/**
 * The overview of a mesh whose namespaces are all collapsed (features/graph/bigMesh.ts): every
 * namespace is one small node, and the aggregate edges between them form a dense graph that a
 * layered drawing spreads over many layers (the 100-workload bench mesh came out at zoom 0.4,
 * unreadable). A grid instead: the clients outside the mesh first, then the namespaces in
 * declaration order, with as many columns as fit the canvas at the largest zoom.
 */
import { NAMESPACE_PADDING } from './bands';
import type { Box, LayoutInput, LayoutResult } from './types';

const COLUMN_GAP = 64;
const ROW_GAP = 40;

/** Every namespace is collapsed: one node each, keyed `ns:<name>`. */
export const isOverview = (input: LayoutInput): boolean =>
  input.namespaces.length > 0 &&
  input.namespaces.every((ns) => ns.workloads.length === 1 && ns.workloads[0]?.key === `ns:${ns.name}`);

export function overviewLayout(input: LayoutInput): LayoutResult {
  const pad = NAMESPACE_PADDING;
  const cells = [
    ...input.external.map((e) => ({ id: e.id, ns: null as string | null, width: e.width, height: e.height })),
    ...input.namespaces.map((ns) => {
      const node = ns.workloads[0] ?? { width: 0, height: 0 };
      return {
        id: `ns:${ns.name}`,
        ns: ns.name,
        width: Math.max(node.width + 2 * pad, ns.minWidth ?? 0),
        height: input.namespaceHeader + node.height + pad,
      };
    }),
  ];
  const cellWidth = Math.max(...cells.map((c) => c.width));
  const cellHeight = Math.max(...cells.map((c) => c.height));
  const sizeFor = (columns: number) => {
    const rows = Math.ceil(cells.length / columns);
    return {
      width: columns * cellWidth + (columns - 1) * COLUMN_GAP,
      height: rows * cellHeight + (rows - 1) * ROW_GAP,
    };
  };
  const viewport = input.viewport ?? { width: 1200, height: 800 };
  let columns = 1;
  let best = 0;
  for (let c = 1; c <= cells.length; c++) {
    const { width, height } = sizeFor(c);
    const zoom = Math.min(viewport.width / width, viewport.height / height);
    if (zoom > best + 1e-9) [best, columns] = [zoom, c];
  }
  const namespaces: Record<string, Box> = {};
  const nodes: Record<string, { x: number; y: number }> = {};
  cells.forEach((c, i) => {
    const x = (i % columns) * (cellWidth + COLUMN_GAP);
    const y = Math.floor(i / columns) * (cellHeight + ROW_GAP);
    if (c.ns === null) nodes[c.id] = { x, y };
    else {
      namespaces[c.ns] = { x, y, width: cellWidth, height: cellHeight };
      nodes[c.id] = { x: pad, y: input.namespaceHeader };
    }
  });
  return { namespaces, nodes, bounds: { x: 0, y: 0, ...sizeFor(columns) }, orientation: 'LR' };
}

const NODE_GAP = 24;

/**
 * One namespace and no calls to lay out (e.g. the namespace filter on a namespace whose probes all
 * leave it): ELK would set the workloads in one row. A grid instead, as many columns as fit the
 * canvas at the largest zoom.
 */
export const isCallFree = (input: LayoutInput): boolean =>
  input.edges.length === 0 &&
  input.namespaces.length === 1 &&
  (input.namespaces[0]?.workloads.length ?? 0) > 2;

export function callFreeLayout(input: LayoutInput): LayoutResult {
  const pad = NAMESPACE_PADDING;
  const ns = input.namespaces[0] ?? { name: '', workloads: [] };
  const cellWidth = Math.max(...ns.workloads.map((w) => w.width));
  const cellHeight = Math.max(...ns.workloads.map((w) => w.height));
  const externalHeight = Math.max(0, ...input.external.map((e) => e.height));
  const top = externalHeight ? externalHeight + ROW_GAP : 0;
  const sizeFor = (columns: number) => {
    const rows = Math.ceil(ns.workloads.length / columns);
    return {
      width: Math.max(ns.minWidth ?? 0, columns * cellWidth + (columns - 1) * NODE_GAP + 2 * pad),
      height: input.namespaceHeader + rows * cellHeight + (rows - 1) * NODE_GAP + pad,
    };
  };
  const viewport = input.viewport ?? { width: 1200, height: 800 };
  let columns = 1;
  let best = 0;
  for (let c = 1; c <= ns.workloads.length; c++) {
    const { width, height } = sizeFor(c);
    const zoom = Math.min(viewport.width / width, viewport.height / (height + top));
    if (zoom > best + 1e-9) [best, columns] = [zoom, c];
  }
  const box = { x: 0, y: top, ...sizeFor(columns) };
  const nodes: Record<string, { x: number; y: number }> = {};
  input.external.forEach((e, i) => (nodes[e.id] = { x: i * (e.width + NODE_GAP), y: 0 }));
  ns.workloads.forEach((w, i) => {
    nodes[w.key] = {
      x: pad + (i % columns) * (cellWidth + NODE_GAP),
      y: input.namespaceHeader + Math.floor(i / columns) * (cellHeight + NODE_GAP),
    };
  });
  return {
    namespaces: { [ns.name]: box },
    nodes,
    bounds: { x: 0, y: 0, width: box.width, height: box.y + box.height },
    orientation: 'LR',
  };
}
