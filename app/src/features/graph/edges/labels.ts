/**
 * Places the verdict labels of probe edges so that none covers another label or a node.
 *
 * A label must stay visibly attached to its edge, so it only ever moves along its own curve, and
 * failing that steps a label's height or two off the line. Greedy in a fixed order (priority,
 * then id) rather than optimal: the result is deterministic, so labels do not jump around between
 * renders of the same mesh, and it is fast enough to run on every layout change.
 */
import { curveNormal } from './geometry';
import type { Curve, Point, Rect } from './geometry';

export interface LabelItem {
  /** Unique among the items; the key of the result. */
  id: string;
  curve: Curve;
  width: number;
  height: number;
  /** Higher goes first and so gets the best spot; default 0. */
  priority?: number;
}

/** Where a label's centre goes. */
export interface LabelPlacement {
  x: number;
  y: number;
  /** The curve parameter the label is attached to. */
  t: number;
  /**
   * Signed distance from the curve along `curveNormal(curve, t)`: 0 when the centre is on the
   * curve, else ±(height + gap) or ±2·(height + gap) when the label had to sit beside its line.
   */
  offset: number;
}

export interface PlaceLabelsOptions {
  /** Minimum clear space between a label and anything else, in px. Default 2. */
  gap?: number;
  /** Curve parameters to try, best first. Default DEFAULT_LABEL_CANDIDATES. */
  candidates?: readonly number[];
}

export const DEFAULT_LABEL_GAP = 2;

/**
 * The middle reads best; then alternate outwards so a label stays as central as it can. 0.45 and
 * 0.55 come late because a label there mostly collides with whatever took 0.5 anyway. The ends are
 * last: there a label sits against a node, where it collides most and could be read as belonging
 * to another edge at the same handle.
 */
export const DEFAULT_LABEL_CANDIDATES: readonly number[] = [
  0.5, 0.4, 0.6, 0.3, 0.7, 0.35, 0.65, 0.25, 0.75, 0.2, 0.8, 0.45, 0.55, 0.15, 0.85, 0.1, 0.9,
];

/** Normal steps tried after the curve itself, in multiples of (height + gap): nearest first. */
const NORMAL_STEPS = [1, -1, 2, -2];

/**
 * Every spot to try, best first: each t on the curve, then each t one step off it (positive side
 * first), then two steps. Distance from the line matters more than position along it, because a
 * label far from its line reads as belonging to another edge.
 */
function* attempts(candidates: readonly number[]): Generator<{ t: number; steps: number }> {
  for (const t of candidates) {
    yield { t, steps: 0 };
  }
  for (let i = 0; i < NORMAL_STEPS.length; i += 2) {
    for (const t of candidates) {
      yield { t, steps: NORMAL_STEPS[i] ?? 0 };
      yield { t, steps: NORMAL_STEPS[i + 1] ?? 0 };
    }
  }
}

/**
 * Whether two rects come closer than `gap`. Touching at exactly `gap` apart is not an overlap,
 * so a greedy placer can pack labels edge to edge without rounding noise deciding for it.
 */
export function rectsOverlap(a: Rect, b: Rect, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap &&
    b.x < a.x + a.width + gap &&
    a.y < b.y + b.height + gap &&
    b.y < a.y + a.height + gap
  );
}

/** The box of a label of the given size centred on `centre`. */
export function labelRect(centre: Point, width: number, height: number): Rect {
  return { x: centre.x - width / 2, y: centre.y - height / 2, width, height };
}

/**
 * Rects bucketed in a uniform grid, so a candidate box is only tested against what lies near it:
 * with cells about a label's size a query touches a handful of cells whatever the mesh size.
 */
class SpatialGrid {
  /** Past this many cells a rect (a namespace backdrop, say) is simply checked by every query. */
  private static readonly MAX_CELLS = 1024;
  private readonly cells = new Map<number, Rect[]>();
  private readonly wide: Rect[] = [];

  constructor(private readonly size: number) {}

  insert(rect: Rect): void {
    const [x0, x1, y0, y1] = this.range(rect, 0);
    const count = (x1 - x0 + 1) * (y1 - y0 + 1);
    // Written so that NaN and Infinity (an unbounded obstacle) land in `wide` too.
    if (!(count <= SpatialGrid.MAX_CELLS)) {
      this.wide.push(rect);
      return;
    }
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const key = cellKey(cx, cy);
        const bucket = this.cells.get(key);
        if (bucket) {
          bucket.push(rect);
        } else {
          this.cells.set(key, [rect]);
        }
      }
    }
  }

  /** Whether anything stored comes closer than `gap` to `rect`. */
  hits(rect: Rect, gap: number): boolean {
    for (const other of this.wide) {
      if (rectsOverlap(rect, other, gap)) {
        return true;
      }
    }
    const [x0, x1, y0, y1] = this.range(rect, gap);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const bucket = this.cells.get(cellKey(cx, cy));
        if (bucket?.some((other) => rectsOverlap(rect, other, gap))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The cells a rect grown by `margin` covers. Floor is monotonic, so any stored rect that comes
   * closer than `margin` to the rect shares at least one of these cells with it.
   */
  private range(rect: Rect, margin: number): [number, number, number, number] {
    return [
      Math.floor((rect.x - margin) / this.size),
      Math.floor((rect.x + rect.width + margin) / this.size),
      Math.floor((rect.y - margin) / this.size),
      Math.floor((rect.y + rect.height + margin) / this.size),
    ];
  }
}

/**
 * One number per cell. Distinct cells may share a key far out on the canvas; that only costs a
 * few extra overlap tests, never a wrong answer, because every candidate is tested exactly.
 */
function cellKey(cx: number, cy: number): number {
  return cx * 67_108_864 + cy;
}

function isFiniteRect(rect: Rect): boolean {
  return [rect.x, rect.y, rect.width, rect.height].every(Number.isFinite);
}

/** A missing or NaN priority counts as 0, so the sort order stays total. */
function rankOf(item: LabelItem): number {
  const priority = item.priority ?? 0;
  return Number.isNaN(priority) ? 0 : priority;
}

function hasNaN(rect: Rect): boolean {
  return [rect.x, rect.y, rect.width, rect.height].some(Number.isNaN);
}

/**
 * Centres for the labels of `items`, keyed by id: a spot on the label's own curve if one is free,
 * else one just beside it, else null (the caller decides: hide it, or show it on hover).
 *
 * Items go in order of priority (higher first), then id, so equal inputs give equal outputs. Each
 * takes the first candidate t whose box, kept `gap` away, touches no obstacle and no label placed
 * before it; then the same t values again with the box stepped ±1 and ±2 times (height + gap)
 * along the curve's normal. Obstacles are typically the node rects; one with a NaN in it is
 * ignored (it has no extent to avoid), an unbounded one is avoided like any other.
 *
 * @throws RangeError if two items share an id, since only one of them could be reported.
 */
export function placeLabels(
  items: readonly LabelItem[],
  obstacles: readonly Rect[],
  options: PlaceLabelsOptions = {},
): Map<string, LabelPlacement | null> {
  const gap = options.gap ?? DEFAULT_LABEL_GAP;
  const candidates = [...new Set(options.candidates ?? DEFAULT_LABEL_CANDIDATES)].filter(
    (t) => t >= 0 && t <= 1,
  );

  const result = new Map<string, LabelPlacement | null>();
  for (const item of items) {
    if (result.has(item.id)) {
      throw new RangeError(`placeLabels: duplicate label id ${JSON.stringify(item.id)}`);
    }
    result.set(item.id, null);
  }

  const order = [...items].sort((a, b) => {
    const pa = rankOf(a);
    const pb = rankOf(b);
    return pa > pb ? -1 : pa < pb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const grid = new SpatialGrid(cellSizeFor(items));
  for (const obstacle of obstacles) {
    if (!hasNaN(obstacle)) {
      grid.insert(obstacle);
    }
  }

  for (const item of order) {
    const { width, height, curve } = item;
    if (!(width >= 0 && height >= 0 && Number.isFinite(width) && Number.isFinite(height))) {
      continue;
    }
    for (const { t, steps } of attempts(candidates)) {
      const p = curve.pointAt(t);
      const offset = steps * (height + gap);
      const n = curveNormal(curve, t);
      const centre = steps === 0 ? p : { x: p.x + offset * n.x, y: p.y + offset * n.y };
      const box = labelRect(centre, width, height);
      if (isFiniteRect(box) && !grid.hits(box, gap)) {
        grid.insert(box);
        result.set(item.id, { x: centre.x, y: centre.y, t, offset });
        break;
      }
    }
  }
  return result;
}

/**
 * Grid cells about one label across: smaller cells make big obstacles span many buckets, larger
 * ones make each bucket hold many labels. Derived from the items so it is deterministic too.
 */
function cellSizeFor(items: readonly LabelItem[]): number {
  let total = 0;
  let count = 0;
  for (const item of items) {
    const size = Math.max(item.width, item.height);
    if (Number.isFinite(size) && size > 0) {
      total += size;
      count++;
    }
  }
  return count > 0 ? Math.max(8, total / count) : 64;
}
