/**
 * ELK's flat layered drawing → namespace boxes. Each namespace becomes a horizontal band holding
 * its workloads at ELK's x (so columns, label gaps and left-to-right calls survive) in ELK's
 * vertical order within each column. External clients get a band of their own on top, outside
 * every box (ELK puts them in the first layer, but in one column with the namespaces' workloads).
 */
import type { Box, LayoutInput, LayoutResult, Orientation } from './types';

/** Side and bottom padding inside a namespace box (the top is the input's header). */
export const NAMESPACE_PADDING = 12;
/** Vertical gap between two bands. */
export const BAND_GAP = 24;
/** Vertical gap between workloads in one column of a namespace. */
const NODE_GAP = 24;
/** A namespace without workloads still gets a box wide enough for its title. */
const EMPTY_NAMESPACE_WIDTH = 200;

interface Item {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * New y (from 0) for every item, one column at a time: ELK's x intervals that overlap form a
 * column; its items keep ELK's vertical order, packed NODE_GAP apart, and every column is centred
 * on the tallest one (a caller then sits level with the middle of what it calls). Packing per column
 * rather than keeping ELK's y matters for big meshes: ELK interleaves the namespaces, and keeping
 * its offsets made the benchmark mesh ten times taller.
 */
function stack(items: Item[]): Map<string, number> {
  const byX = [...items].sort((a, b) => a.x - b.x || a.y - b.y || a.id.localeCompare(b.id));
  const columns: Item[][] = [];
  let right = -Infinity;
  for (const item of byX) {
    const column = columns[columns.length - 1];
    if (column && item.x < right) column.push(item);
    else columns.push([item]);
    right = Math.max(item.x < right ? right : -Infinity, item.x + item.width);
  }
  const heights = columns.map((c) => c.reduce((sum, i) => sum + i.height, 0) + NODE_GAP * (c.length - 1));
  const tallest = Math.max(0, ...heights);
  const ys = new Map<string, number>();
  columns.forEach((column, i) => {
    let y = Math.round((tallest - (heights[i] ?? 0)) / 2);
    for (const item of [...column].sort((a, b) => a.y - b.y || a.id.localeCompare(b.id))) {
      ys.set(item.id, y);
      y += item.height + NODE_GAP;
    }
  });
  return ys;
}

function extent(items: Item[], ys: Map<string, number>): { left: number; right: number; height: number } {
  let left = Infinity;
  let right = -Infinity;
  let height = 0;
  for (const item of items) {
    left = Math.min(left, item.x);
    right = Math.max(right, item.x + item.width);
    height = Math.max(height, (ys.get(item.id) ?? 0) + item.height);
  }
  return { left, right, height };
}

/** A node of the drawing at ELK's position (0, 0 for one ELK did not place). */
const itemAt =
  (elkPositions: Map<string, { x: number; y: number }>) =>
  (id: string, width: number, height: number): Item => {
    const at = elkPositions.get(id) ?? { x: 0, y: 0 };
    return { id, x: at.x, y: at.y, width, height };
  };

const emptyResult = (orientation: Orientation): LayoutResult => ({
  namespaces: {},
  nodes: {},
  bounds: { x: 0, y: 0, width: 0, height: 0 },
  orientation,
});

export function toBands(
  input: LayoutInput,
  elkPositions: Map<string, { x: number; y: number }>,
): LayoutResult {
  const item = itemAt(elkPositions);
  const result = emptyResult('LR');
  const absolute: Box[] = [];
  let top = 0;

  const external = input.external.map((e) => item(e.id, e.width, e.height));
  if (external.length > 0) {
    const ys = stack(external);
    for (const e of external) {
      const y = top + (ys.get(e.id) ?? 0);
      result.nodes[e.id] = { x: e.x, y };
      absolute.push({ x: e.x, y, width: e.width, height: e.height });
    }
    top += extent(external, ys).height + BAND_GAP;
  }

  for (const ns of input.namespaces) {
    const items = ns.workloads.map((w) => item(w.key, w.width, w.height));
    const ys = stack(items);
    const { left, right, height } = extent(items, ys);
    const box: Box =
      items.length === 0
        ? {
            x: 0,
            y: top,
            width: Math.max(EMPTY_NAMESPACE_WIDTH, ns.minWidth ?? 0),
            height: input.namespaceHeader + NAMESPACE_PADDING,
          }
        : {
            x: left - NAMESPACE_PADDING,
            y: top,
            width: Math.max(right - left + 2 * NAMESPACE_PADDING, ns.minWidth ?? 0),
            height: input.namespaceHeader + height + NAMESPACE_PADDING,
          };
    for (const w of items) {
      result.nodes[w.id] = { x: w.x - box.x, y: input.namespaceHeader + (ys.get(w.id) ?? 0) };
    }
    result.namespaces[ns.name] = box;
    absolute.push(box);
    top += box.height + BAND_GAP;
  }
  return normalised(result, absolute, new Set(input.external.map((e) => e.id)));
}

/** Moves everything absolute so the bounding box starts at (0, 0). */
function normalised(result: LayoutResult, absolute: Box[], external: Set<string>): LayoutResult {
  if (absolute.length === 0) return result;
  const left = Math.min(...absolute.map((b) => b.x));
  const top = Math.min(...absolute.map((b) => b.y));
  const right = Math.max(...absolute.map((b) => b.x + b.width));
  const bottom = Math.max(...absolute.map((b) => b.y + b.height));
  for (const box of Object.values(result.namespaces)) {
    box.x -= left;
    box.y -= top;
  }
  for (const id of external) {
    const at = result.nodes[id];
    if (at) result.nodes[id] = { x: at.x - left, y: at.y - top };
  }
  result.bounds = { x: 0, y: 0, width: right - left, height: bottom - top };
  return result;
}

/** Swaps x and y, width and height: a top-to-bottom drawing seen as a left-to-right one. */
const transposed = <T extends Item>(i: T): T => ({
  ...i,
  x: i.y,
  y: i.x,
  width: i.height,
  height: i.width,
});

/**
 * ELK's top-to-bottom drawing → namespace columns: the mirror of `toBands`. Each namespace becomes
 * a vertical column holding its workloads at ELK's y (so rows, label gaps and top-to-bottom calls
 * survive), packed side by side in ELK's horizontal order within each row; every column starts at
 * the top with the namespace title. External clients get a row above the columns.
 */
export function toColumns(
  input: LayoutInput,
  elkPositions: Map<string, { x: number; y: number }>,
): LayoutResult {
  const item = itemAt(elkPositions);
  const result = emptyResult('TB');
  const absolute: Box[] = [];
  // Rows start below every title, so all columns share ELK's rows (the first row of workloads at 0).
  const workloadKeys = input.namespaces.flatMap((ns) => ns.workloads.map((w) => w.key));
  const top = Math.min(...workloadKeys.map((k) => elkPositions.get(k)?.y ?? 0), Number.MAX_SAFE_INTEGER);
  const header = input.namespaceHeader;
  let left = 0;

  // External clients sit in a row above the columns, at ELK's x (the top-to-bottom drawing has
  // height to spare; a column of their own would cost the width it lacks).
  const external = input.external.map((e) => item(e.id, e.width, e.height));
  if (external.length > 0) {
    const ys = stack(external);
    const tallest = extent(external, ys).height;
    for (const e of external) {
      const at = { x: e.x, y: -(tallest + BAND_GAP) + (ys.get(e.id) ?? 0) };
      result.nodes[e.id] = at;
      absolute.push({ ...at, width: e.width, height: e.height });
    }
  }

  for (const ns of input.namespaces) {
    const items = ns.workloads.map((w) => item(w.key, w.width, w.height));
    const xs = stack(items.map(transposed));
    const span = extent(items.map(transposed), xs);
    const bottom = items.length ? Math.max(...items.map((i) => i.y + i.height)) - top : 0;
    const box: Box =
      items.length === 0
        ? {
            x: left,
            y: 0,
            width: Math.max(EMPTY_NAMESPACE_WIDTH, ns.minWidth ?? 0),
            height: header + NAMESPACE_PADDING,
          }
        : {
            x: left,
            y: 0,
            width: Math.max(span.height + 2 * NAMESPACE_PADDING, ns.minWidth ?? 0),
            height: header + bottom + NAMESPACE_PADDING,
          };
    for (const w of items) {
      result.nodes[w.id] = { x: NAMESPACE_PADDING + (xs.get(w.id) ?? 0), y: header + w.y - top };
    }
    result.namespaces[ns.name] = box;
    absolute.push(box);
    left += box.width + BAND_GAP;
  }
  return normalised(result, absolute, new Set(input.external.map((e) => e.id)));
}
