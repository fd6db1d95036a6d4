import { describe, expect, it } from 'vitest';
import type { MeshSpec, ProbeResult, ProbesSpec } from '@playground/evaluator';
import {
  buildNodes,
  buildProbeEdges,
  drawnNamespaces,
  groupEdges,
  layoutSignature,
  probeEdgeAttributes,
} from './model';

const mesh: MeshSpec = {
  namespaces: [{ name: 'foo' }, { name: 'legacy' }, { name: 'istio-system' }],
  workloads: [
    { name: 'httpbin', namespace: 'foo', ports: [{ port: 8000 }] },
    { name: 'sleep', namespace: 'legacy', sidecar: false },
  ],
};
const probes: ProbesSpec = {
  probes: [
    { from: 'legacy/sleep', to: 'foo/httpbin', port: 8000 },
    { from: 'legacy/gone', to: 'foo/httpbin', port: 8000 },
    { from: 'external', to: 'foo/httpbin', port: 8000 },
    { from: 'legacy/sleep', to: 'foo/httpbin', port: 8000, request: { method: 'POST', path: '/post' } },
  ],
};
const result: ProbeResult = {
  index: 0,
  name: '',
  from: 'legacy/sleep',
  to: 'foo/httpbin',
  port: 8000,
  status: '000',
  verdict: 'mtls-failure',
  mtls: null,
  expect: null,
  pass: null,
  trace: [],
};

describe('graph model', () => {
  it('puts the test hooks and a verdict in words on each probe edge', () => {
    const edges = buildProbeEdges(mesh, probes, [result], false, null);
    expect(edges.map((e) => e.index)).toEqual([0, 2, 3]); // the probe from a deleted workload has no edge
    expect(probeEdgeAttributes(edges[0]!)).toMatchObject({
      'data-testid': 'probe-edge',
      'data-from': 'legacy/sleep',
      'data-to': 'foo/httpbin',
      'data-port': '8000',
      'data-status': '000',
      'data-verdict': 'mtls-failure',
      'data-mtls': 'null',
      'data-probe-index': '0',
    });
    expect(edges[0]?.ariaLabel).toBe(
      'Probe from sleep in legacy to httpbin in foo port 8000: mutual TLS failure: the TLS modes do not meet, status 000',
    );
    expect(probeEdgeAttributes(edges[1]!)['data-verdict']).toBe('pending');
    expect(edges[1]?.source).toBe('@external');
  });

  it('groups the probes between the same two nodes, keeping one element per probe', () => {
    const groups = groupEdges(buildProbeEdges(mesh, probes, [result], false, null));
    expect(groups.map((g) => [g.id, g.probes.map((p) => p.index)])).toEqual([
      ['legacy/sleep->foo/httpbin', [0, 3]],
      ['@external->foo/httpbin', [2]],
    ]);
  });

  it('ignores a result that belongs to a probe that has since changed', () => {
    const edges = buildProbeEdges(
      mesh,
      { probes: [{ from: 'legacy/sleep', to: 'foo/httpbin', port: 9000 }] },
      [result],
      false,
      null,
    );
    expect(probeEdgeAttributes(edges[0]!)['data-verdict']).toBe('pending');
  });

  it('draws namespaces as containers with their workloads inside, but not an empty root namespace', () => {
    expect(drawnNamespaces(mesh)).toEqual(['foo', 'legacy']);
    expect(drawnNamespaces({ ...mesh, namespaces: [...(mesh.namespaces ?? []), { name: 'new' }] })).toEqual([
      'foo',
      'legacy',
      'new',
    ]);
    const nodes = buildNodes(mesh, undefined, { kind: 'workload', key: 'foo/httpbin' }, null);
    expect(nodes.map((n) => n.id)).toEqual([
      '@external',
      'ns:foo',
      'foo/httpbin',
      'ns:legacy',
      'legacy/sleep',
    ]);
    const httpbin = nodes.find((n) => n.id === 'foo/httpbin');
    expect(httpbin?.parentId).toBe('ns:foo');
    expect(httpbin?.selected).toBe(true);
    expect((httpbin?.domAttributes as Record<string, string>)['data-workload']).toBe('foo/httpbin');
  });

  it('places nodes where the user dragged them, else where the automatic layout put them', () => {
    const placement = {
      namespaces: {
        foo: { x: 300, y: 0, width: 400, height: 140 },
        legacy: { x: 0, y: 200, width: 400, height: 140 },
      },
      nodes: {
        'foo/httpbin': { x: 12, y: 36 },
        'legacy/sleep': { x: 12, y: 36 },
        '@external': { x: 0, y: 0 },
      },
      orientation: 'LR' as const,
    };
    const nodes = buildNodes(
      { ...mesh, layout: { 'foo/httpbin': { x: 150, y: 40 } } },
      undefined,
      null,
      placement,
    );
    const at = (id: string) => nodes.find((n) => n.id === id);
    expect(at('foo/httpbin')?.position).toEqual({ x: 150, y: 40 });
    expect(at('legacy/sleep')?.position).toEqual({ x: 12, y: 36 });
    expect(at('ns:foo')?.position).toEqual({ x: 300, y: 0 });
    // The box grows to keep a dragged workload inside.
    expect(at('ns:foo')?.width).toBeGreaterThanOrEqual(150 + 180);
  });

  it('lays out again only when namespaces, workloads or probe pairs change', () => {
    const a = layoutSignature(mesh, probes);
    expect(layoutSignature({ ...mesh, layout: { 'foo/httpbin': { x: 1, y: 1 } } }, probes)).toBe(a);
    expect(
      layoutSignature(mesh, {
        probes: [...(probes.probes ?? []), { from: 'legacy/sleep', to: 'foo/httpbin', port: 1 }],
      }),
    ).toBe(a);
    expect(layoutSignature(mesh, { probes: [] })).not.toBe(a);
  });
});
