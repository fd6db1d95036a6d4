import { describe, expect, it } from 'vitest';
import { toElk } from './elkGraph';
import { bookinfoMesh, seedMesh } from './testMeshes';

describe('ELK graph of a mesh', () => {
  it('is flat: clients and workloads at the root, every call with a label of the given size', () => {
    const graph = toElk(seedMesh);
    expect(graph.children?.map((c) => c.id)).toEqual([
      '@external',
      'foo/sleep',
      'foo/httpbin',
      'bar/sleep',
      'bar/httpbin',
      'legacy/sleep',
      'legacy/httpbin',
    ]);
    expect(graph.edges).toHaveLength(9);
    expect(graph.edges?.[0]?.labels?.[0]).toMatchObject({ width: 64, height: 24 });
    expect(graph.layoutOptions?.['elk.direction']).toBe('RIGHT');
  });

  it('puts clients in the first layer, and the gateway they call just after them', () => {
    const graph = toElk(bookinfoMesh);
    const constrained = (graph.children ?? [])
      .filter((c) => c.layoutOptions?.['elk.layered.layering.layerConstraint'] === 'FIRST')
      .map((c) => c.id);
    expect(constrained).toEqual(['@external']);
    expect(graph.edges?.some((e) => e.sources[0] === '@external')).toBe(true);
  });

  it('puts a gateway nothing calls in the first layer', () => {
    const graph = toElk({
      ...bookinfoMesh,
      edges: bookinfoMesh.edges.filter((e) => e.source !== '@external'),
    });
    const constrained = (graph.children ?? [])
      .filter((c) => c.layoutOptions?.['elk.layered.layering.layerConstraint'] === 'FIRST')
      .map((c) => c.id);
    expect(constrained).toEqual(['@external', 'istio-system/ingressgateway']);
  });

  it('leaves out calls to workloads it does not know and keeps a called gateway unconstrained', () => {
    const graph = toElk({
      ...bookinfoMesh,
      edges: [
        ...bookinfoMesh.edges,
        {
          id: 'x',
          source: 'default/details',
          target: 'istio-system/ingressgateway',
          label: { width: 1, height: 1 },
        },
        { id: 'y', source: 'default/details', target: 'nowhere/ghost', label: { width: 1, height: 1 } },
      ],
    });
    const gateway = graph.children?.find((c) => c.id === 'istio-system/ingressgateway');
    expect(gateway?.layoutOptions).toBeUndefined();
    expect(graph.edges?.map((e) => e.id)).toContain('x');
    expect(graph.edges?.map((e) => e.id)).not.toContain('y');
  });
});
