import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { curveNormal, edgeCurve } from './geometry';
import type { Curve, Point, Rect } from './geometry';
import { DEFAULT_LABEL_CANDIDATES, DEFAULT_LABEL_GAP, labelRect, placeLabels, rectsOverlap } from './labels';
import type { LabelItem, LabelPlacement } from './labels';
import { activeLines } from './labelText';
import type { ProbeEdgeModel } from '../model';

interface Layout {
  nodes: Rect[];
  obstacles: Rect[];
  items: LabelItem[];
  gap: number;
}

/**
 * Random meshes: nodes in distinct cells of a grid (jittered, so never overlapping), some with a
 * namespace-style header above, and random edges between them, self-loops and parallel edges
 * (fanned out by a few px) included.
 */
const layout: fc.Arbitrary<Layout> = fc
  .record({
    cols: fc.integer({ min: 1, max: 5 }),
    cells: fc.uniqueArray(fc.integer({ min: 0, max: 24 }), { minLength: 1, maxLength: 12 }),
    jitter: fc.array(
      fc.record({
        dx: fc.integer({ min: 0, max: 100 }),
        dy: fc.integer({ min: 0, max: 50 }),
        width: fc.integer({ min: 100, max: 180 }),
        height: fc.integer({ min: 50, max: 100 }),
        header: fc.boolean(),
      }),
      { minLength: 12, maxLength: 12 },
    ),
    edges: fc.array(
      fc.record({
        from: fc.nat(),
        to: fc.nat(),
        width: fc.integer({ min: 40, max: 90 }),
        height: fc.integer({ min: 18, max: 26 }),
        priority: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      }),
      { maxLength: 40 },
    ),
    gap: fc.constantFrom(0, 2, 4),
  })
  .map(({ cols, cells, jitter, edges, gap }) => {
    const nodes = cells.map((cell, i): Rect => {
      const j = jitter[i] ?? { dx: 0, dy: 0, width: 180, height: 72, header: false };
      const x = (cell % cols) * 320 + j.dx;
      const y = Math.floor(cell / cols) * 200 + 40 + j.dy;
      return { x, y, width: j.width, height: j.height };
    });
    const headers = nodes
      .filter((_, i) => jitter[i]?.header)
      .map((n): Rect => ({ x: n.x, y: n.y - 36, width: 600, height: 30 }));
    const seen = new Map<string, number>();
    const items = edges.map((e, i): LabelItem => {
      const from = e.from % nodes.length;
      const to = e.to % nodes.length;
      const pair = `${from}>${to}`;
      const parallel = seen.get(pair) ?? 0;
      seen.set(pair, parallel + 1);
      const source = nodes[from] as Rect;
      const target = nodes[to] as Rect;
      const offset = (parallel % 2 === 0 ? 1 : -1) * Math.ceil(parallel / 2) * 6;
      return {
        id: `edge-${i}`,
        curve: edgeCurve(source, target, { offset }),
        width: e.width,
        height: e.height,
        priority: e.priority,
      };
    });
    return { nodes, obstacles: [...nodes, ...headers], items, gap };
  });

/** Placement order the placer promises: priority, higher first, then id. */
function inOrder(items: readonly LabelItem[]): LabelItem[] {
  return [...items].sort(
    (a, b) => (b.priority ?? 0) - (a.priority ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Every spot the placer may try, in its documented order, as (t, steps of height + gap). */
function attemptsOf(candidates: readonly number[]): { t: number; steps: number }[] {
  return [
    ...candidates.map((t) => ({ t, steps: 0 })),
    ...[1, 2].flatMap((k) =>
      candidates.flatMap((t) => [
        { t, steps: k },
        { t, steps: -k },
      ]),
    ),
  ];
}

function centreOf(curve: Curve, t: number, offset: number): Point {
  const p = curve.pointAt(t);
  if (offset === 0) {
    return p;
  }
  const n = curveNormal(curve, t);
  return { x: p.x + offset * n.x, y: p.y + offset * n.y };
}

function boxOf(item: LabelItem, placement: LabelPlacement): Rect {
  return labelRect(placement, item.width, item.height);
}

function placedBoxes(items: readonly LabelItem[], result: Map<string, LabelPlacement | null>): Rect[] {
  return items.flatMap((item) => {
    const placement = result.get(item.id);
    return placement ? [boxOf(item, placement)] : [];
  });
}

describe('rectsOverlap', () => {
  const a: Rect = { x: 0, y: 0, width: 10, height: 10 };
  it('keeps rects at least `gap` apart, touching at exactly `gap` being fine', () => {
    expect(rectsOverlap(a, { x: 10, y: 0, width: 5, height: 5 })).toBe(false);
    expect(rectsOverlap(a, { x: 9.5, y: 0, width: 5, height: 5 })).toBe(true);
    expect(rectsOverlap(a, { x: 12, y: 0, width: 5, height: 5 }, 2)).toBe(false);
    expect(rectsOverlap(a, { x: 11.9, y: 0, width: 5, height: 5 }, 2)).toBe(true);
    expect(rectsOverlap({ x: 12, y: 12, width: 5, height: 5 }, a, 2)).toBe(false);
    expect(rectsOverlap({ x: 3, y: 3, width: 1, height: 1 }, a)).toBe(true);
  });
});

describe('placeLabels on random meshes', () => {
  it('never lets a label cover another label or an obstacle, and keeps each on or beside its line', () => {
    fc.assert(
      fc.property(layout, ({ obstacles, items, gap }) => {
        const result = placeLabels(items, obstacles, { gap });
        expect([...result.keys()].sort()).toEqual(items.map((i) => i.id).sort());
        const placed = items.flatMap((item) => {
          const placement = result.get(item.id);
          return placement ? [{ item, placement, box: boxOf(item, placement) }] : [];
        });
        for (const [i, a] of placed.entries()) {
          for (const b of placed.slice(i + 1)) {
            expect(rectsOverlap(a.box, b.box, gap)).toBe(false);
          }
          for (const obstacle of obstacles) {
            expect(rectsOverlap(a.box, obstacle, gap)).toBe(false);
          }
          const { item, placement } = a;
          const step = item.height + gap;
          expect([0, step, -step, 2 * step, -2 * step]).toContain(placement.offset);
          expect(DEFAULT_LABEL_CANDIDATES).toContain(placement.t);
          const expected = centreOf(item.curve, placement.t, placement.offset);
          if (placement.offset === 0) {
            // On the line means exactly on it.
            expect({ x: placement.x, y: placement.y }).toEqual(item.curve.pointAt(placement.t));
          } else {
            expect(Math.hypot(placement.x - expected.x, placement.y - expected.y)).toBeLessThan(1e-9);
          }
        }
      }),
    );
  });

  it('takes, label by label in priority then id order, the first free spot (the grid misses nothing)', () => {
    fc.assert(
      fc.property(layout, ({ obstacles, items, gap }) => {
        const result = placeLabels(items, obstacles, { gap });
        const before: Rect[] = [];
        for (const item of inOrder(items)) {
          const placement = result.get(item.id) ?? null;
          const attempts = attemptsOf(DEFAULT_LABEL_CANDIDATES);
          const chosen = placement
            ? attempts.findIndex(
                (a) => a.t === placement.t && a.steps * (item.height + gap) === placement.offset,
              )
            : attempts.length;
          expect(chosen).toBeGreaterThanOrEqual(0);
          // Brute force, no grid: every earlier spot really was taken.
          for (const attempt of attempts.slice(0, chosen)) {
            const box = labelRect(
              centreOf(item.curve, attempt.t, attempt.steps * (item.height + gap)),
              item.width,
              item.height,
            );
            const blocked = [...obstacles, ...before].some((r) => rectsOverlap(box, r, gap));
            expect(blocked).toBe(true);
          }
          if (placement) {
            before.push(boxOf(item, placement));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is deterministic: same input, same output, whatever order items and obstacles come in', () => {
    fc.assert(
      fc.property(
        layout.chain((l) =>
          fc.tuple(fc.constant(l), fc.shuffledSubarray(l.items, { minLength: l.items.length })),
        ),
        ([{ obstacles, items, gap }, shuffled]) => {
          const first = placeLabels(items, obstacles, { gap });
          const again = placeLabels(items, obstacles, { gap });
          const reordered = placeLabels(shuffled, [...obstacles].reverse(), { gap });
          expect([...again.entries()]).toEqual([...first.entries()]);
          expect(new Map(reordered)).toEqual(new Map(first));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('placeLabels', () => {
  const source: Rect = { x: 0, y: 0, width: 100, height: 40 };
  const target: Rect = { x: 400, y: 0, width: 100, height: 40 };
  const curve = edgeCurve(source, target);

  it('puts a lone label in the middle of its edge', () => {
    const result = placeLabels([{ id: 'a', curve, width: 64, height: 24 }], [source, target]);
    expect(result.get('a')).toEqual({ ...curve.pointAt(0.5), t: 0.5, offset: 0 });
  });

  it('gives the best spot to the higher priority, then to the smaller id', () => {
    const items = [
      { id: 'b', curve, width: 64, height: 24 },
      { id: 'a', curve, width: 64, height: 24 },
      { id: 'c', curve, width: 64, height: 24, priority: 1 },
    ];
    const result = placeLabels(items, [source, target]);
    expect(result.get('c')?.t).toBe(0.5);
    // React Flow's control points bunch the middle of a straight edge: 0.3 is still only 47 px
    // from 0.5, too close for a 64 px label; 0.2 is 76 px away.
    expect(result.get('a')?.t).toBe(0.2);
    expect(result.get('b')?.t).toBe(0.8);
  });

  it('steps beside the line when the line is full, then gives up with null', () => {
    const items = Array.from({ length: 8 }, (_, i) => ({ id: `e${i}`, curve, width: 64, height: 24 }));
    const result = placeLabels(items, [source, target], { candidates: [0.5] });
    expect([...result.values()].map((p) => p && p.offset)).toEqual([0, 26, -26, 52, -52, null, null, null]);
    expect(result.get('e1')).toMatchObject({ x: 250, y: 20 + 26, t: 0.5 });
  });

  it('returns null when nothing fits, and for a label of no real size', () => {
    const everywhere: Rect = { x: -1e4, y: -1e4, width: 2e4, height: 2e4 };
    expect(placeLabels([{ id: 'a', curve, width: 64, height: 24 }], [everywhere]).get('a')).toBeNull();
    const unbounded: Rect = { x: -1e4, y: -1e4, width: Infinity, height: Infinity };
    expect(placeLabels([{ id: 'a', curve, width: 64, height: 24 }], [unbounded]).get('a')).toBeNull();
    expect(placeLabels([{ id: 'a', curve, width: NaN, height: 24 }], []).get('a')).toBeNull();
  });

  it('avoids obstacles far larger than a grid cell', () => {
    const band: Rect = { x: -5e5, y: 8, width: 1e6, height: 30 };
    const result = placeLabels([{ id: 'a', curve, width: 64, height: 24 }], [band]);
    const placement = result.get('a');
    expect(placement).toBeTruthy();
    expect(rectsOverlap(labelRect(placement as LabelPlacement, 64, 24), band, DEFAULT_LABEL_GAP)).toBe(false);
  });

  it('refuses two labels with one id', () => {
    const items = [
      { id: 'a', curve, width: 64, height: 24 },
      { id: 'a', curve, width: 64, height: 24 },
    ];
    expect(() => placeLabels(items, [])).toThrow(RangeError);
  });
});

describe('the seed mesh', () => {
  /** sleep and httpbin in foo, bar and legacy; every sleep probes every httpbin. */
  function seedMesh(between: number): { items: LabelItem[]; obstacles: Rect[] } {
    const namespaces = ['foo', 'bar', 'legacy'];
    const rows = [40, 190, 340];
    const sleep = (i: number): Rect => ({ x: 16, y: rows[i] ?? 0, width: 180, height: 72 });
    const httpbin = (i: number): Rect => ({ x: 16 + 180 + between, y: rows[i] ?? 0, width: 180, height: 72 });
    const obstacles = namespaces.flatMap((_, i) => [
      sleep(i),
      httpbin(i),
      { x: 16, y: (rows[i] ?? 0) - 36, width: 600, height: 30 },
    ]);
    const items = namespaces.flatMap((from, i) =>
      namespaces.map((to, j) => ({
        id: `${from}/sleep→${to}/httpbin`,
        curve: edgeCurve(sleep(i), httpbin(j)),
        width: 64,
        height: 24,
      })),
    );
    return { items, obstacles };
  }

  it('labels all nine probes with 200 px between the columns, none covering another', () => {
    const { items, obstacles } = seedMesh(200);
    const result = placeLabels(items, obstacles);
    expect([...result.values()].every((p) => p !== null)).toBe(true);
    const boxes = placedBoxes(items, result);
    expect(boxes).toHaveLength(9);
    for (const [i, a] of boxes.entries()) {
      expect(boxes.slice(i + 1).some((b) => rectsOverlap(a, b, DEFAULT_LABEL_GAP))).toBe(false);
      expect(obstacles.some((o) => rectsOverlap(a, o, DEFAULT_LABEL_GAP))).toBe(false);
    }
    // Seven sit on their lines; two have to step a label's height off theirs.
    const rounded = Object.fromEntries(
      [...result].map(([id, p]) => [id, p && [Math.round(p.x), Math.round(p.y), p.t, p.offset]]),
    );
    expect(rounded).toEqual({
      'bar/sleep→bar/httpbin': [296, 226, 0.5, 0],
      'bar/sleep→foo/httpbin': [311, 129, 0.6, 0],
      'bar/sleep→legacy/httpbin': [281, 279, 0.4, 0],
      'foo/sleep→bar/httpbin': [255, 99, 0.25, 0],
      'foo/sleep→foo/httpbin': [328, 76, 0.7, 0],
      'foo/sleep→legacy/httpbin': [357, 358, 0.85, 0],
      'legacy/sleep→bar/httpbin': [255, 353, 0.25, 0],
      'legacy/sleep→foo/httpbin': [237, 389, 0.1, 26],
      'legacy/sleep→legacy/httpbin': [311, 402, 0.6, 26],
    });
  });

  it('puts all nine labels on their lines once the columns are 280 px apart', () => {
    const { items, obstacles } = seedMesh(280);
    const result = placeLabels(items, obstacles);
    expect([...result.values()].map((p) => p?.offset)).toEqual(Array(9).fill(0));
  });
});

describe('activeLines', () => {
  const probe = (index: number, extra: Partial<ProbeEdgeModel> = {}): ProbeEdgeModel => ({
    index,
    from: 'ns1/a',
    to: 'ns1/b',
    source: 'ns1/a',
    target: 'ns1/b',
    port: 80,
    method: 'GET',
    path: `/p${index}`,
    result: undefined,
    expect: null,
    expectMtls: null,
    stale: false,
    selected: false,
    ariaLabel: '',
    review: null,
    filtered: false,
    ...extra,
  });

  it('lists every probe of a small group in full', () => {
    const lines = activeLines([probe(0), probe(1)], 8);
    expect(lines.map((l) => l.text)).toEqual([':80 GET /p0 → …', ':80 GET /p1 → …']);
  });

  it('shows a window around the selected probe of a big group and counts the rest', () => {
    const probes = Array.from({ length: 16 }, (_, i) => probe(i, { selected: i === 12 }));
    const lines = activeLines(probes, 8);
    expect(lines).toHaveLength(8);
    expect(lines.slice(0, 7).map((l) => l.probe.index)).toEqual([9, 10, 11, 12, 13, 14, 15]);
    expect(lines[7]).toMatchObject({ more: true, text: '… 9 more (10–16 of 16 shown)' });
  });

  it('without a selection, starts at the first changed probe in review mode', () => {
    const probes = Array.from({ length: 12 }, (_, i) =>
      probe(i, i === 5 ? { review: { kind: 'other', before: null } } : {}),
    );
    expect(activeLines(probes, 8).map((l) => l.probe.index)).toEqual([2, 3, 4, 5, 6, 7, 8, 5]);
  });
});
