/**
 * Pure geometry of a probe edge, in canvas coordinates (y grows downwards, as in SVG).
 *
 * The canvas draws all probe edges in one SVG layer and places their verdict labels itself, so it
 * needs the curve as data rather than only React Flow's path string: points and directions along
 * it to put a label on the line, and a bounding box to cull. The control points are React Flow 12's
 * (`getBezierPath`, source on the right, target on the left, curvature 0.25), so an edge drawn
 * from here looks exactly like one React Flow would draw between the same handles.
 */

export interface Point {
  x: number;
  y: number;
}

/** Top-left corner and size. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A cubic bezier from `start` to `end`, with everything a renderer or label placer needs. */
export interface Curve {
  readonly start: Point;
  readonly end: Point;
  readonly c1: Point;
  readonly c2: Point;
  /** The SVG path data, `M… C…`, formatted like React Flow's `getBezierPath`. */
  readonly d: string;
  /** The point at parameter t in [0, 1]; t = 0 is `start`, t = 1 is `end`. */
  pointAt(t: number): Point;
  /**
   * The unit direction of travel at t. Where the derivative vanishes (a zero-length control arm
   * at an end), the direction is taken from the nearest non-degenerate one so callers can always
   * rotate an arrowhead or step sideways off the line.
   */
  tangentAt(t: number): Point;
}

export interface EdgeCurveOptions {
  /**
   * Moves both endpoints down by this many px (up if negative), so several edges between the same
   * pair of nodes can be fanned out instead of being drawn on top of each other.
   */
  offset?: number;
}

/** React Flow's default bezier curvature; only used when an edge runs backwards. */
const CURVATURE = 0.25;
/** How far a self-loop's top rises above its node, in px: clear of the node, still compact. */
const LOOP_RISE = 32;
/** How far, at least, a self-loop passes beside its node's top corners, in px. */
const LOOP_CLEARANCE = 8;

/**
 * React Flow's control-arm length for a handle: half the distance when the edge runs the way the
 * handle faces, otherwise a short arm growing with √distance so a backwards edge makes a loop
 * instead of a straight line through both nodes. Same operations in the same order as
 * `calculateControlOffset` in @xyflow/system, so the path strings come out byte for byte equal.
 */
function controlOffset(distance: number, curvature: number): number {
  if (distance >= 0) {
    return 0.5 * distance;
  }
  return curvature * 25 * Math.sqrt(-distance);
}

function sameRect(a: Rect, b: Rect): boolean {
  return a === b || (a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);
}

/**
 * The edge of a probe: out of the middle of the source's right side, into the middle of the
 * target's left side. A probe from a workload to itself gets a small loop over the top of its node.
 */
export function edgeCurve(source: Rect, target: Rect, options: EdgeCurveOptions = {}): Curve {
  const offset = options.offset ?? 0;
  const start: Point = { x: source.x + source.width, y: source.y + source.height / 2 + offset };
  const end: Point = { x: target.x, y: target.y + target.height / 2 + offset };
  if (sameRect(source, target)) {
    // One cubic whose apex (t = 0.5, by symmetry) sits LOOP_RISE above the node's top:
    // apex.y = 0.25·start.y + 0.75·control.y, solved for control.y.
    const apexY = source.y + offset - LOOP_RISE;
    const controlY = (apexY - 0.25 * start.y) / 0.75;
    const reach = loopReach(source.width, source.height);
    return cubic(start, { x: start.x + reach, y: controlY }, { x: end.x - reach, y: controlY }, end);
  }
  // getControlWithCurvature: Right at the source, Left at the target; both use the same distance.
  const c1: Point = { x: start.x + controlOffset(end.x - start.x, CURVATURE), y: start.y };
  const c2: Point = { x: end.x - controlOffset(end.x - start.x, CURVATURE), y: end.y };
  return cubic(start, c1, c2, end);
}

/**
 * How far a self-loop's control points must reach out sideways so the loop clears its node's top
 * corners: a fixed reach clips the corners of wide or tall nodes. With the loop's vertical motion
 * y(t) = start.y − 3·t·(1−t)·(start.y − control.y), it passes the node's top at the t1 where
 * t·(1−t) = h / (4h + 8·rise); there x(t1) − right = 3u²t·a − 3ut²·(w + a) − t³·w (u = 1 − t1)
 * must be at least the clearance, which solved for a gives the reach. Before t1 the curve is
 * further out still, and the left half mirrors the right.
 */
function loopReach(width: number, height: number): number {
  const k = height / (4 * height + 8 * LOOP_RISE);
  const t = (1 - Math.sqrt(1 - 4 * k)) / 2;
  const u = 1 - t;
  // A flat node is cleared at once; don't ask for more room than it has half a height.
  const clearance = Math.min(LOOP_CLEARANCE, height / 2);
  const reach = (clearance + t * t * width * (3 * u + t)) / (3 * u * t * (u - t));
  return Number.isFinite(reach) ? Math.max(reach, LOOP_RISE) : LOOP_RISE;
}

/** Builds a Curve from its four control points. */
export function cubic(start: Point, c1: Point, c2: Point, end: Point): Curve {
  const pointAt = (t: number): Point => {
    // The ends exactly, not up to rounding, so arrowheads and hit tests meet the handles.
    if (t === 0) {
      return { ...start };
    }
    if (t === 1) {
      return { ...end };
    }
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const e = t * t * t;
    return {
      x: a * start.x + b * c1.x + c * c2.x + e * end.x,
      y: a * start.y + b * c1.y + c * c2.y + e * end.y,
    };
  };
  const derivative = (t: number): Point => {
    const u = 1 - t;
    const a = 3 * u * u;
    const b = 6 * u * t;
    const c = 3 * t * t;
    return {
      x: a * (c1.x - start.x) + b * (c2.x - c1.x) + c * (end.x - c2.x),
      y: a * (c1.y - start.y) + b * (c2.y - c1.y) + c * (end.y - c2.y),
    };
  };
  const tangentAt = (t: number): Point => {
    // A zero-length arm makes the derivative vanish at that end; the curve still leaves towards
    // the next distinct control point, so fall back along the control polygon, then the chord.
    const fallbacks: Point[] = [
      derivative(t),
      t < 0.5 ? sub(c2, start) : sub(end, c1),
      sub(end, start),
      { x: 1, y: 0 },
    ];
    for (const v of fallbacks) {
      const length = Math.hypot(v.x, v.y);
      if (length > 1e-9 && Number.isFinite(length)) {
        return { x: v.x / length, y: v.y / length };
      }
    }
    return { x: 1, y: 0 };
  };
  return {
    start,
    end,
    c1,
    c2,
    d: `M${start.x},${start.y} C${c1.x},${c1.y} ${c2.x},${c2.y} ${end.x},${end.y}`,
    pointAt,
    tangentAt,
  };
}

function sub(a: Point, b: Point): Point {
  return { x: a.x - b.x, y: a.y - b.y };
}

/**
 * The unit normal at t: the tangent turned a quarter turn clockwise on screen, so for an edge
 * running left to right it points down. Labels that cannot sit on their line step along it.
 */
export function curveNormal(curve: Curve, t: number): Point {
  const tangent = curve.tangentAt(t);
  return { x: -tangent.y, y: tangent.x };
}

/**
 * The tight bounding box of the curve (not of its control points, which can reach much further
 * out on backward edges and loops), so culling does not keep edges that are well off screen.
 */
export function curveBounds(curve: Curve): Rect {
  const { start, c1, c2, end } = curve;
  const ts = [0, 1, ...extremaOf(start.x, c1.x, c2.x, end.x), ...extremaOf(start.y, c1.y, c2.y, end.y)];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const t of ts) {
    const p = curve.pointAt(t);
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * Parameters in (0, 1) where one coordinate of a cubic has a turning point: roots of its
 * derivative, the quadratic A·t² + B·t + C with a, b, c the control polygon's differences.
 */
function extremaOf(p0: number, p1: number, p2: number, p3: number): number[] {
  const a = p1 - p0;
  const b = p2 - p1;
  const c = p3 - p2;
  const A = a - 2 * b + c;
  const B = 2 * (b - a);
  const C = a;
  const roots: number[] = [];
  if (Math.abs(A) < 1e-12) {
    if (Math.abs(B) > 1e-12) {
      roots.push(-C / B);
    }
  } else {
    const disc = B * B - 4 * A * C;
    if (disc >= 0) {
      const s = Math.sqrt(disc);
      roots.push((-B + s) / (2 * A), (-B - s) / (2 * A));
    }
  }
  return roots.filter((t) => t > 0 && t < 1);
}

const flip = (p: Point): Point => ({ x: p.y, y: p.x });
const flipRect = (r: Rect): Rect => ({ x: r.y, y: r.x, width: r.height, height: r.width });

/**
 * The edge of a top-to-bottom drawing: from the middle of the source's bottom side to the middle
 * of the target's top side. It is the left-to-right curve of the transposed drawing, transposed back,
 * so both orientations share one formula (and a self-loop leaves sideways, to the left).
 */
export function verticalEdgeCurve(source: Rect, target: Rect, options: EdgeCurveOptions = {}): Curve {
  const c = edgeCurve(flipRect(source), flipRect(target), options);
  return cubic(flip(c.start), flip(c.c1), flip(c.c2), flip(c.end));
}

/**
 * An aggregate edge (features/graph/bigMesh.ts) between two boxes of a grid: out of the side of the
 * source that faces the target, into the facing side of the target — left/right when the boxes are
 * apart horizontally, else top/bottom — or, with boxes in between, a bow out of both right sides.
 * Calls in opposite directions run a few px apart.
 */
export function facingSidesCurve(source: Rect, target: Rect): Curve {
  const sc = { x: source.x + source.width / 2, y: source.y + source.height / 2 };
  const tc = { x: target.x + target.width / 2, y: target.y + target.height / 2 };
  const apartX = source.x + source.width <= target.x || target.x + target.width <= source.x;
  if (apartX) {
    const right = tc.x > sc.x;
    const shift = right ? -6 : 6;
    const start: Point = { x: right ? source.x + source.width : source.x, y: sc.y + shift };
    const end: Point = { x: right ? target.x : target.x + target.width, y: tc.y + shift };
    const k = Math.max(30, Math.abs(end.x - start.x) / 2) * (right ? 1 : -1);
    return cubic(start, { x: start.x + k, y: start.y }, { x: end.x - k, y: end.y }, end);
  }
  const down = tc.y > sc.y;
  const gap = down ? target.y - (source.y + source.height) : source.y - (target.y + target.height);
  if (gap > Math.min(source.height, target.height)) {
    // Other boxes in between (a grid column): a bow out of the right sides, clear of them.
    const shift = down ? -8 : 8;
    const start: Point = { x: source.x + source.width, y: sc.y + shift };
    const end: Point = { x: target.x + target.width, y: tc.y + shift };
    const reach = Math.max(start.x, end.x) + 24 + Math.min(60, Math.abs(end.y - start.y) * 0.08);
    return cubic(start, { x: reach, y: start.y }, { x: reach, y: end.y }, end);
  }
  const shift = down ? 8 : -8;
  const start: Point = { x: sc.x + shift, y: down ? source.y + source.height : source.y };
  const end: Point = { x: tc.x + shift, y: down ? target.y : target.y + target.height };
  const k = Math.max(20, Math.abs(end.y - start.y) / 2) * (down ? 1 : -1);
  return cubic(start, { x: start.x, y: start.y + k }, { x: end.x, y: end.y - k }, end);
}
