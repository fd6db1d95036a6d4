import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getBezierPath, Position } from '@xyflow/react';
import { curveBounds, curveNormal, edgeCurve, verticalEdgeCurve } from './geometry';
import type { Curve, Point, Rect } from './geometry';

/** React Flow's own path between the same handles: the reference edgeCurve must reproduce. */
function reactFlowPath(start: Point, end: Point): ReturnType<typeof getBezierPath> {
  return getBezierPath({
    sourceX: start.x,
    sourceY: start.y,
    sourcePosition: Position.Right,
    targetX: end.x,
    targetY: end.y,
    targetPosition: Position.Left,
  });
}

/** Node rects anywhere on a large canvas, integral or not, so backward edges come up too. */
const coordinate = fc.oneof(
  fc.integer({ min: -2000, max: 2000 }),
  fc.double({ min: -2000, max: 2000, noNaN: true, noDefaultInfinity: true }),
);
const size = fc.oneof(
  fc.integer({ min: 1, max: 400 }),
  fc.double({ min: 1, max: 400, noNaN: true, noDefaultInfinity: true }),
);
const rect: fc.Arbitrary<Rect> = fc.record({ x: coordinate, y: coordinate, width: size, height: size });

function samples(curve: Curve, n = 200): Point[] {
  return Array.from({ length: n + 1 }, (_, i) => curve.pointAt(i / n));
}

describe('edgeCurve', () => {
  const sleep: Rect = { x: 16, y: 40, width: 180, height: 72 };
  const httpbin: Rect = { x: 396, y: 190, width: 180, height: 72 };

  it("runs from the middle of the source's right side to the middle of the target's left side", () => {
    const curve = edgeCurve(sleep, httpbin);
    expect(curve.start).toEqual({ x: 196, y: 76 });
    expect(curve.end).toEqual({ x: 396, y: 226 });
    expect(curve.pointAt(0)).toEqual(curve.start);
    expect(curve.pointAt(1)).toEqual(curve.end);
    expect(curve.d).toBe('M196,76 C296,76 296,226 396,226');
    expect(curve.d).toBe(reactFlowPath(curve.start, curve.end)[0]);
  });

  it('draws a backward edge with React Flow’s short √distance control arms', () => {
    const curve = edgeCurve(httpbin, sleep);
    expect(curve.start).toEqual({ x: 576, y: 226 });
    expect(curve.end).toEqual({ x: 16, y: 76 });
    // 0.25 × 25 × √560
    expect(curve.c1.x - curve.start.x).toBeCloseTo(6.25 * Math.sqrt(560), 12);
    expect(curve.d).toBe(reactFlowPath(curve.start, curve.end)[0]);
  });

  it('matches getBezierPath exactly, and its ends are the handle points, for any two nodes', () => {
    fc.assert(
      fc.property(rect, rect, fc.integer({ min: -20, max: 20 }), (source, target, offset) => {
        fc.pre(source.x !== target.x || source.y !== target.y);
        const curve = edgeCurve(source, target, { offset });
        expect(curve.start).toEqual({ x: source.x + source.width, y: source.y + source.height / 2 + offset });
        expect(curve.end).toEqual({ x: target.x, y: target.y + target.height / 2 + offset });
        const [path, labelX, labelY] = reactFlowPath(curve.start, curve.end);
        expect(curve.d).toBe(path);
        expect(curve.pointAt(0)).toEqual(curve.start);
        expect(curve.pointAt(1)).toEqual(curve.end);
        // React Flow's label point is the same curve's t = 0.5, summed in a different order.
        const mid = curve.pointAt(0.5);
        expect(Math.abs(mid.x - labelX)).toBeLessThan(1e-9 * (1 + Math.abs(labelX)));
        expect(Math.abs(mid.y - labelY)).toBeLessThan(1e-9 * (1 + Math.abs(labelY)));
      }),
    );
  });

  it('fans parallel edges out by moving both ends vertically', () => {
    const plain = edgeCurve(sleep, httpbin);
    const shifted = edgeCurve(sleep, httpbin, { offset: 6 });
    expect(shifted.start).toEqual({ x: plain.start.x, y: plain.start.y + 6 });
    expect(shifted.end).toEqual({ x: plain.end.x, y: plain.end.y + 6 });
    expect(shifted.pointAt(0.5).y).toBeCloseTo(plain.pointAt(0.5).y + 6, 12);
  });

  it('loops a self-edge over the top of its node, right side out, left side in', () => {
    fc.assert(
      fc.property(rect, fc.integer({ min: -10, max: 10 }), (node, offset) => {
        for (const curve of [edgeCurve(node, node, { offset }), edgeCurve(node, { ...node }, { offset })]) {
          expect(curve.start).toEqual({ x: node.x + node.width, y: node.y + node.height / 2 + offset });
          expect(curve.end).toEqual({ x: node.x, y: node.y + node.height / 2 + offset });
          const apex = curve.pointAt(0.5);
          expect(apex.y).toBeLessThan(node.y + offset - 20);
          // Apart from its two ends on the node's border, the loop never crosses the node
          // (eps: rounding puts points near the ends a hair either side of the border).
          const eps = 1e-9 * (1 + Math.abs(node.x) + Math.abs(node.y) + node.width + node.height);
          const inside = samples(curve)
            .slice(1, -1)
            .filter(
              (p) =>
                p.x > node.x + eps &&
                p.x < node.x + node.width - eps &&
                p.y > node.y + offset + eps &&
                p.y < node.y + node.height + offset - eps,
            );
          expect(inside).toEqual([]);
        }
      }),
    );
  });
});

describe('tangentAt and curveNormal', () => {
  it('give unit vectors along and across the curve, also where a control arm has zero length', () => {
    const touching = edgeCurve(
      { x: 0, y: 0, width: 100, height: 40 },
      { x: 100, y: 80, width: 100, height: 40 },
    );
    const degenerate = edgeCurve(
      { x: 0, y: 0, width: 100, height: 40 },
      { x: 100, y: 0, width: 100, height: 40 },
    );
    for (const curve of [touching, degenerate]) {
      for (const t of [0, 0.25, 0.5, 1]) {
        const tangent = curve.tangentAt(t);
        const normal = curveNormal(curve, t);
        expect(Math.hypot(tangent.x, tangent.y)).toBeCloseTo(1, 12);
        expect(tangent.x * normal.x + tangent.y * normal.y).toBeCloseTo(0, 12);
      }
    }
    // A zero-length arm at the start: the edge still leaves downwards, towards its target.
    expect(touching.tangentAt(0).y).toBeGreaterThan(0.99);
    // Left to right the normal points down the screen.
    const flat = edgeCurve({ x: 0, y: 0, width: 10, height: 10 }, { x: 100, y: 0, width: 10, height: 10 });
    expect(curveNormal(flat, 0.5)).toEqual({ x: -0, y: 1 });
  });
});

describe('curveBounds', () => {
  it('is the tight box of the drawn curve, including backward edges and loops', () => {
    fc.assert(
      fc.property(rect, rect, fc.boolean(), (source, target, loop) => {
        const curve = loop ? edgeCurve(source, source) : edgeCurve(source, target);
        const box = curveBounds(curve);
        const points = samples(curve, 400);
        const eps = 1e-6 * (1 + Math.abs(box.x) + Math.abs(box.y) + box.width + box.height);
        const xs = points.map((p) => p.x);
        const ys = points.map((p) => p.y);
        const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        // Contains every point of the curve...
        expect(minX).toBeGreaterThanOrEqual(box.x - eps);
        expect(maxX).toBeLessThanOrEqual(box.x + box.width + eps);
        expect(minY).toBeGreaterThanOrEqual(box.y - eps);
        expect(maxY).toBeLessThanOrEqual(box.y + box.height + eps);
        // ...and is tight: dense sampling gets within a small fraction of every side.
        const slack = 0.01 * (box.width + box.height) + eps;
        expect(minX).toBeLessThanOrEqual(box.x + slack);
        expect(maxX).toBeGreaterThanOrEqual(box.x + box.width - slack);
        expect(minY).toBeLessThanOrEqual(box.y + slack);
        expect(maxY).toBeGreaterThanOrEqual(box.y + box.height - slack);
      }),
    );
  });

  it('reaches above a self-loop’s node, where the control points alone would overshoot', () => {
    const node: Rect = { x: 100, y: 100, width: 180, height: 72 };
    const curve = edgeCurve(node, node);
    const box = curveBounds(curve);
    expect(box.y).toBeCloseTo(curve.pointAt(0.5).y, 9);
    expect(box.y).toBeGreaterThan(curve.c1.y);
    expect(box.y + box.height).toBe(136);
  });
});

describe('top-to-bottom edges', () => {
  it('run from the middle of the bottom side to the middle of the top side', () => {
    const source = { x: 10, y: 20, width: 180, height: 72 };
    const target = { x: 300, y: 200, width: 180, height: 72 };
    const c = verticalEdgeCurve(source, target);
    expect(c.start).toEqual({ x: 100, y: 92 });
    expect(c.end).toEqual({ x: 390, y: 200 });
    // Leaves downwards and arrives downwards.
    expect(c.c1.x).toBe(c.start.x);
    expect(c.c1.y).toBeGreaterThan(c.start.y);
    expect(c.c2.x).toBe(c.end.x);
    expect(c.c2.y).toBeLessThan(c.end.y);
  });
});
