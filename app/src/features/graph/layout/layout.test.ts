import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { fitZoom, layoutMesh } from './layout';
import { benchmarkMesh, bookinfoMesh, crossMesh, seedMesh } from './testMeshes';
import type { Box, LayoutInput, LayoutResult } from './types';

const elk = new ELK();

/** Every workload's and client's absolute box. */
function boxes(input: LayoutInput, result: LayoutResult): Map<string, Box> {
  const all = new Map<string, Box>();
  for (const e of input.external) all.set(e.id, { ...at(result, e.id), width: e.width, height: e.height });
  for (const ns of input.namespaces) {
    const parent = result.namespaces[ns.name]!;
    for (const w of ns.workloads) {
      const p = at(result, w.key);
      all.set(w.key, { x: parent.x + p.x, y: parent.y + p.y, width: w.width, height: w.height });
    }
  }
  return all;
}

function at(result: LayoutResult, id: string): { x: number; y: number } {
  const p = result.nodes[id];
  if (!p) throw new Error(`no position for ${id}`);
  return p;
}

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Two boxes whose x ranges overlap stand in one column. */
const sameColumn = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width;

function pairs<T>(items: T[]): [T, T][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
}

const meshes: [string, LayoutInput, { acyclic: boolean }][] = [
  ['seed', seedMesh, { acyclic: true }],
  ['bookinfo', bookinfoMesh, { acyclic: true }],
  ['cross-namespace', crossMesh, { acyclic: true }],
  ['benchmark', benchmarkMesh, { acyclic: false }],
];

describe.each(meshes)('layout of the %s mesh', (_name, input, { acyclic }) => {
  const result = layoutMesh(input, elk);

  it('overlaps no workloads and no namespaces', async () => {
    const r = await result;
    for (const [a, b] of pairs([...boxes(input, r).values()])) expect(overlap(a, b)).toBe(false);
    for (const [a, b] of pairs(Object.values(r.namespaces))) expect(overlap(a, b)).toBe(false);
  });

  it('keeps workloads inside their namespace below the header, clients outside every namespace', async () => {
    const r = await result;
    for (const ns of input.namespaces) {
      const box = r.namespaces[ns.name]!;
      for (const w of ns.workloads) {
        const p = at(r, w.key);
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeGreaterThanOrEqual(input.namespaceHeader);
        expect(p.x + w.width).toBeLessThanOrEqual(box.width);
        expect(p.y + w.height).toBeLessThanOrEqual(box.height);
      }
    }
    const all = boxes(input, r);
    for (const e of input.external) {
      for (const box of Object.values(r.namespaces)) expect(overlap(all.get(e.id)!, box)).toBe(false);
    }
  });

  it('leaves room for the label between a caller column and a callee column', async () => {
    const all = boxes(input, await result);
    for (const e of input.edges) {
      const [from, to] = [all.get(e.source)!, all.get(e.target)!];
      if (sameColumn(from, to)) continue;
      const [left, right] = from.x < to.x ? [from, to] : [to, from];
      expect(right.x - (left.x + left.width)).toBeGreaterThanOrEqual(e.label.width);
    }
  });

  it('puts callers left of the workloads they call (all of them when the calls have no cycle)', async () => {
    const all = boxes(input, await result);
    let forward = 0;
    for (const e of input.edges) {
      const [from, to] = [all.get(e.source)!, all.get(e.target)!];
      // The only same-column calls are from a client to an ingress gateway (both first layer).
      if (sameColumn(from, to)) {
        if (acyclic) expect(e.source.startsWith('@')).toBe(true);
      } else if (from.x < to.x) forward++;
      else if (acyclic) expect(from.x).toBeLessThan(to.x);
    }
    // With cycles some call must run backwards; ELK's cycle breaking keeps most of them forwards.
    if (!acyclic) expect(forward).toBeGreaterThan(input.edges.length / 2);
  });

  it('puts clients first, and gateways right after the clients that call them', async () => {
    const r = await result;
    const all = boxes(input, r);
    const left = Math.min(...[...all.values()].map((b) => b.x));
    for (const e of input.external) expect(all.get(e.id)!.x - left).toBeLessThan(40); // centred in the first column
    const gateways = input.namespaces.flatMap((ns) => ns.workloads).filter((w) => w.role === 'gateway');
    for (const g of gateways) {
      const gateway = all.get(g.key)!;
      const callers = input.edges.filter((e) => e.target === g.key).map((e) => all.get(e.source)!);
      // Nothing but the clients stands between them and the gateway.
      for (const c of callers) expect(c.x + c.width).toBeLessThanOrEqual(gateway.x);
      const before = [...all.values()].filter((b) => b.x + b.width <= gateway.x && !callers.includes(b));
      expect(before).toEqual([]);
    }
  });

  it('is deterministic', async () => {
    expect(await layoutMesh(input, elk)).toEqual(await result);
  });
});

describe('layout measurements', () => {
  it('fits the seed mesh into the canvas at zoom 0.8', async () => {
    const r = await layoutMesh(seedMesh, elk);
    expect(r.bounds.width).toBeLessThanOrEqual(700);
    expect(r.bounds.height).toBeLessThanOrEqual(800);
  });
});

/** Four namespaces of three workloads and a chain of five calls: too long to read left to right in a narrow canvas. */
const chainMesh: LayoutInput = {
  namespaces: ['shop', 'cart', 'pay', 'ship'].map((name) => ({
    name,
    workloads: ['web', 'api', 'db'].map((w) => ({
      key: `${name}/${w}`,
      width: 156,
      height: 76,
      role: 'workload' as const,
    })),
  })),
  external: [{ id: '@external', width: 180, height: 64 }],
  edges: [
    ['shop/web', 'shop/api'],
    ['shop/api', 'pay/api'],
    ['pay/api', 'ship/api'],
    ['ship/api', 'ship/db'],
    ['shop/api', 'cart/api'],
    ['cart/api', 'cart/db'],
    ['@external', 'shop/web'],
  ].map(([source, target]) => ({
    id: `${source}->${target}`,
    source: source!,
    target: target!,
    label: { width: 100, height: 26 },
  })),
  namespaceHeader: 36,
};

describe('orientation', () => {
  const narrow = { width: 590, height: 600, readableZoom: 0.75 };

  it('stays left to right when that drawing fits readably (the seed mesh)', async () => {
    const r = await layoutMesh({ ...seedMesh, viewport: narrow }, elk);
    expect(r.orientation).toBe('LR');
  });

  it('draws a long chain top to bottom in a narrow canvas, and it then fits better', async () => {
    const leftToRight = await layoutMesh(chainMesh, elk);
    const r = await layoutMesh({ ...chainMesh, viewport: narrow }, elk);
    expect(leftToRight.orientation).toBe('LR');
    expect(r.orientation).toBe('TB');
    expect(fitZoom(r, narrow)).toBeGreaterThan(fitZoom(leftToRight, narrow));
  });

  it('keeps top-to-bottom drawings free of overlaps, callers above the workloads they call', async () => {
    const r = await layoutMesh({ ...chainMesh, viewport: narrow }, elk);
    const all = boxes(chainMesh, r);
    for (const [a, b] of pairs([...all.values()])) expect(overlap(a, b)).toBe(false);
    for (const [a, b] of pairs(Object.values(r.namespaces))) expect(overlap(a, b)).toBe(false);
    for (const e of chainMesh.edges) expect(all.get(e.source)!.y).toBeLessThan(all.get(e.target)!.y);
    for (const ns of chainMesh.namespaces) {
      const box = r.namespaces[ns.name]!;
      for (const w of ns.workloads) {
        const p = at(r, w.key);
        expect(p.y).toBeGreaterThanOrEqual(chainMesh.namespaceHeader);
        expect(p.x + w.width).toBeLessThanOrEqual(box.width);
        expect(p.y + w.height).toBeLessThanOrEqual(box.height);
      }
    }
    // The client outside the mesh sits above every namespace column.
    const client = all.get('@external')!;
    for (const box of Object.values(r.namespaces))
      expect(client.y + client.height).toBeLessThanOrEqual(box.y);
  });
});
