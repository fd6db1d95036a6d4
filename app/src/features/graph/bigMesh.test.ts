import { describe, expect, it } from 'vitest';
import type { MeshSpec, ProbeResult, ProbesSpec, Verdict } from '@playground/evaluator';
import {
  aggregateEdges,
  aggregateLabel,
  collapsedNamespaces,
  matchesSearch,
  NO_FILTER,
  passes,
  severity,
  worstOf,
} from './bigMesh';
import { buildNodes, buildProbeEdges } from './model';
import { layoutInput } from './useAutoLayout';
import { callFreeLayout, isCallFree, isOverview, overviewLayout } from './layout/overview';

const mesh: MeshSpec = {
  namespaces: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
  workloads: [
    { name: 'x', namespace: 'a' },
    { name: 'y', namespace: 'a' },
    { name: 'x', namespace: 'b' },
    { name: 'x', namespace: 'c' },
  ],
};
const calls: [string, string, Verdict, boolean | null][] = [
  ['a/x', 'b/x', 'allowed', true],
  ['a/y', 'b/x', 'denied', true],
  ['a/x', 'b/x', 'allowed', false],
  ['a/x', 'a/y', 'mtls-failure', null],
  ['external', 'a/x', 'unauthenticated', false],
  ['b/x', 'c/x', 'allowed', true],
];
const probes: ProbesSpec = { probes: calls.map(([from, to]) => ({ from, to, port: 80 })) };
const results: ProbeResult[] = calls.map(([from, to, verdict, mtls], index) => ({
  index,
  name: '',
  from,
  to,
  port: 80,
  status: verdict === 'allowed' ? '200' : '403',
  verdict,
  mtls,
  expect: null,
  pass: null,
  trace: [],
}));
const edges = (filter = NO_FILTER) => buildProbeEdges(mesh, probes, results, false, null, undefined, filter);

describe('worst verdict', () => {
  it('ranks mTLS failure over unauthenticated over denied over no route over pending over allowed', () => {
    const order: Verdict[] = ['mtls-failure', 'unauthenticated', 'denied', 'no-route', 'invalid', 'allowed'];
    for (let i = 1; i < order.length; i++)
      expect(severity({ verdict: order[i - 1]!, mtls: true })).toBeGreaterThan(
        severity({ verdict: order[i]!, mtls: true }),
      );
    expect(severity({ verdict: 'allowed', mtls: false })).toBeGreaterThan(
      severity({ verdict: 'allowed', mtls: true }),
    );
    expect(worstOf([])).toBeNull();
    expect(
      worstOf([
        { verdict: 'allowed', mtls: true },
        { verdict: 'denied', mtls: true },
        { verdict: 'custom-denied', mtls: true },
      ]),
    ).toEqual({ verdict: 'denied', mtls: true });
  });
});

describe('collapsing', () => {
  it('collapses by default above 40 workloads; the user choice wins', () => {
    expect([...collapsedNamespaces(mesh, {})]).toEqual([]);
    expect([...collapsedNamespaces(mesh, { b: true })]).toEqual(['b']);
    const big: MeshSpec = {
      workloads: Array.from({ length: 41 }, (_, i) => ({ name: `w${i}`, namespace: `n${i % 3}` })),
    };
    expect([...collapsedNamespaces(big, {})].sort()).toEqual(['n0', 'n1', 'n2']);
    expect([...collapsedNamespaces(big, { n1: false })].sort()).toEqual(['n0', 'n2']);
  });

  it('aggregates one edge per (source node, target node) pair with counts and the worst verdict', () => {
    const { expanded, aggregates, worstByNamespace } = aggregateEdges(edges(), new Set(['a', 'b']));
    expect(expanded).toEqual([]);
    const byId = new Map(aggregates.map((a) => [a.id, a]));
    expect([...byId.keys()].sort()).toEqual(['@external=>ns:a', 'ns:a=>ns:b', 'ns:b=>c/x']);
    const ab = byId.get('ns:a=>ns:b')!;
    expect(ab.probes).toEqual([0, 1, 2]);
    expect(ab.counts).toEqual({ allowed: 2, denied: 1 });
    expect(ab.worst.verdict).toBe('denied');
    expect(aggregateLabel(ab)).toBe('2 ✓ · 1 ✕');
    // a/x → a/y is inside collapsed a: counted in a's worst verdict, drawn by no edge.
    expect(worstByNamespace.get('a')?.verdict).toBe('mtls-failure');
    expect(worstByNamespace.get('b')?.verdict).toBe('denied');
    const total = aggregates.reduce((n, a) => n + a.probes.length, 0);
    expect(total).toBe(calls.length - 1);
  });

  it('keeps probes between expanded nodes as probe edges', () => {
    const { expanded, aggregates } = aggregateEdges(edges(), new Set(['c']));
    expect(expanded.map((e) => e.index)).toEqual([0, 1, 2, 3, 4]);
    expect(aggregates.map((a) => [a.source, a.target, a.probes])).toEqual([['b/x', 'ns:c', [5]]]);
  });

  it('draws a collapsed namespace as one node with data-collapsed, and lays it out as one node', () => {
    const collapsed = new Set(['a']);
    const { worstByNamespace } = aggregateEdges(edges(), collapsed);
    const nodes = buildNodes(mesh, undefined, null, null, {
      collapsed,
      worst: worstByNamespace,
      filter: NO_FILTER,
    });
    const a = nodes.find((n) => n.id === 'ns:a')!;
    expect(a.domAttributes).toMatchObject({
      'data-collapsed': 'true',
      'data-count': '2',
      'data-worst': 'mtls-failure',
    });
    expect(nodes.some((n) => n.id === 'a/x')).toBe(false);
    expect(nodes.find((n) => n.id === 'ns:b')?.domAttributes).toMatchObject({ 'data-collapsed': 'false' });
    const input = layoutInput(mesh, probes, undefined, collapsed);
    expect(input.namespaces.find((n) => n.name === 'a')?.workloads.map((w) => w.key)).toEqual(['ns:a']);
    expect(input.edges.map((e) => e.id).sort()).toEqual(['@external->ns:a', 'b/x->c/x', 'ns:a->b/x']);
  });
});

describe('filters', () => {
  it('verdict filter: only denied, only mTLS failures', () => {
    const denied = edges({ ...NO_FILTER, verdict: 'denied' });
    expect(denied.filter((e) => !e.filtered).map((e) => e.index)).toEqual([1]);
    expect(denied).toHaveLength(calls.length); // filtered probes keep their element
    const mtls = edges({ ...NO_FILTER, verdict: 'mtls' });
    expect(mtls.filter((e) => !e.filtered).map((e) => e.index)).toEqual([3]);
  });

  it('changed: only probes review mode marks as changed', () => {
    const [e] = edges();
    expect(passes({ ...e!, review: null }, { ...NO_FILTER, verdict: 'changed' })).toBe(false);
    expect(
      passes(
        {
          ...e!,
          review: { kind: 'newly-denied', before: { status: '200', verdict: 'allowed', mtls: true } },
        },
        { ...NO_FILTER, verdict: 'changed' },
      ),
    ).toBe(true);
  });

  it('namespace filter: probes with both drawn ends in it (the outside client is always drawn)', () => {
    const only = edges({ ...NO_FILTER, namespace: 'a' });
    expect(only.filter((e) => !e.filtered).map((e) => e.index)).toEqual([3, 4]);
    const nodes = buildNodes(mesh, undefined, null, null, {
      collapsed: new Set(),
      worst: new Map(),
      filter: { ...NO_FILTER, namespace: 'a' },
    });
    expect(nodes.filter((n) => !n.hidden).map((n) => n.id)).toEqual(['@external', 'ns:a', 'a/x', 'a/y']);
  });

  it('search dims workloads that do not match, case-insensitively', () => {
    expect(matchesSearch('a/x', '')).toBe(true);
    expect(matchesSearch('Shop/Cart', 'shop/c')).toBe(true);
    expect(matchesSearch('a/x', 'b/')).toBe(false);
    const nodes = buildNodes(mesh, undefined, null, null, {
      collapsed: new Set(),
      worst: new Map(),
      filter: { ...NO_FILTER, search: 'a/y' },
    });
    const dimmed = nodes.flatMap((n) => (n.type === 'workload' && n.data.dimmed ? [n.id] : []));
    expect(dimmed).toEqual(['a/x', 'b/x', 'c/x']);
  });
});

describe('overview layouts', () => {
  it('lays every-namespace-collapsed meshes out as a grid that fits the canvas', () => {
    const collapsed = new Set(['a', 'b', 'c']);
    const input = layoutInput(mesh, probes, { width: 800, height: 600, readableZoom: 0.75 }, collapsed);
    expect(isOverview(input)).toBe(true);
    const out = overviewLayout(input);
    expect(Object.keys(out.namespaces).sort()).toEqual(['a', 'b', 'c']);
    const boxes = Object.values(out.namespaces);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const p = boxes[i]!;
        const q = boxes[j]!;
        const apart =
          p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y;
        expect(apart).toBe(true);
      }
  });

  it('lays a single namespace with no calls out as a grid, not one row', () => {
    const many: MeshSpec = {
      workloads: Array.from({ length: 9 }, (_, i) => ({ name: `w${i}`, namespace: 'n' })),
    };
    const input = layoutInput(many, { probes: [] }, { width: 800, height: 600, readableZoom: 0.75 });
    expect(isCallFree(input)).toBe(true);
    const out = callFreeLayout(input);
    const ys = new Set(
      Object.entries(out.nodes)
        .filter(([k]) => k.startsWith('n/'))
        .map(([, p]) => p.y),
    );
    expect(ys.size).toBeGreaterThan(1);
  });
});
