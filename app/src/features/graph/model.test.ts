import { describe, expect, it } from 'vitest';
import type { MeshSpec, ProbeResult, ProbesSpec } from '@playground/evaluator';
import { buildEdges, buildNodes } from './model';

const mesh: MeshSpec = {
  namespaces: [{ name: 'foo' }, { name: 'legacy' }],
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
    const edges = buildEdges(mesh, probes, [result], false, null);
    expect(edges.map((e) => e.id)).toEqual(['probe-0', 'probe-2']); // the probe from a deleted workload has no edge
    const attrs = edges[0]?.domAttributes as Record<string, string>;
    expect(attrs).toMatchObject({
      'data-testid': 'probe-edge',
      'data-from': 'legacy/sleep',
      'data-to': 'foo/httpbin',
      'data-port': '8000',
      'data-status': '000',
      'data-verdict': 'mtls-failure',
      'data-mtls': 'null',
    });
    expect(edges[0]?.ariaLabel).toBe(
      'Probe from sleep in legacy to httpbin in foo port 8000: mutual TLS failure: the TLS modes do not meet, status 000',
    );
    expect((edges[1]?.domAttributes as Record<string, string>)['data-verdict']).toBe('pending');
    expect(edges[1]?.source).toBe('@external');
  });

  it('ignores a result that belongs to a probe that has since changed', () => {
    const edges = buildEdges(
      mesh,
      { probes: [{ from: 'legacy/sleep', to: 'foo/httpbin', port: 9000 }] },
      [result],
      false,
      null,
    );
    expect((edges[0]?.domAttributes as Record<string, string>)['data-verdict']).toBe('pending');
  });

  it('draws namespaces as containers with their workloads inside', () => {
    const nodes = buildNodes(mesh, undefined, { kind: 'workload', key: 'foo/httpbin' });
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

  it('places clients before servers inside a namespace, so probes run left to right', () => {
    const m: MeshSpec = {
      workloads: [
        { name: 'httpbin', namespace: 'foo' },
        { name: 'sleep', namespace: 'foo' },
      ],
    };
    const nodes = buildNodes(m, undefined, null, {
      probes: [{ from: 'foo/sleep', to: 'foo/httpbin', port: 8000 }],
    });
    const x = (id: string) => nodes.find((n) => n.id === id)?.position.x ?? NaN;
    expect(x('foo/sleep')).toBeLessThan(x('foo/httpbin'));
  });
});
