import { describe, expect, it } from 'vitest';
import type { MeshSpec, ProbeResult, ProbesSpec } from '@playground/evaluator';
import { buildProbeEdges, probeEdgeAttributes } from '../graph/model';
import { compactLines, fullLines } from '../graph/edges/labelText';
import { expectationAria } from './edgeMarks';

const mesh: MeshSpec = {
  namespaces: [{ name: 'foo' }],
  workloads: [
    { name: 'httpbin', namespace: 'foo', ports: [{ port: 8000 }] },
    { name: 'sleep', namespace: 'foo' },
  ],
};
const probes: ProbesSpec = {
  probes: [
    { from: 'foo/sleep', to: 'foo/httpbin', port: 8000, expect: '200', expectMtls: true },
    { from: 'foo/sleep', to: 'foo/httpbin', port: 8000, request: { path: '/x' } },
  ],
};
const denied = (index: number, pass: boolean | null): ProbeResult => ({
  index,
  name: '',
  from: 'foo/sleep',
  to: 'foo/httpbin',
  port: 8000,
  status: '403',
  verdict: 'denied',
  mtls: true,
  expect: pass === null ? null : '200',
  pass,
  trace: [],
});

describe('expectations on probe edges', () => {
  const edges = buildProbeEdges(mesh, probes, [denied(0, false), denied(1, null)], false, null);

  it('adds data-expect, data-expect-mtls and data-pass, keeping every other hook', () => {
    const [pinned, plain] = edges.map(probeEdgeAttributes);
    expect(pinned).toMatchObject({
      'data-testid': 'probe-edge',
      'data-status': '403',
      'data-verdict': 'denied',
      'data-probe-index': '0',
      'data-expect': '200',
      'data-expect-mtls': 'true',
      'data-pass': 'false',
    });
    expect(plain).toMatchObject({ 'data-expect': '', 'data-expect-mtls': '', 'data-pass': '' });
  });

  it('marks the broken one in its label and its accessible name, not the other', () => {
    expect(compactLines(edges).map((l) => l.text)).toEqual(['403 ≠ 200', '403']);
    expect(fullLines(edges)[0]?.text).toBe(':8000 GET / → 403 ≠ 200');
    const [pinned, plain] = edges;
    expect(pinned && expectationAria(pinned)).toBe('expected 200 over mTLS: broken');
    expect(plain && expectationAria(plain)).toBe('');
  });
});
