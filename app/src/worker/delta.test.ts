import type { Evaluation, ProbeResult } from '@playground/evaluator';
import { describe, expect, it } from 'vitest';
import { DeltaDecoder, DeltaEncoder } from './delta';

const probe = (upstream?: ProbeResult['upstream']): ProbeResult => ({
  index: 0,
  name: 'p',
  from: 'foo/sleep',
  to: 'foo/httpbin',
  port: 8000,
  status: '200',
  verdict: 'allowed',
  mtls: true,
  expect: null,
  pass: null,
  trace: [],
  ...(upstream ? { upstream } : {}),
});

const evaluation = (p: ProbeResult): Evaluation => ({
  metadata: {},
  diagnostics: [],
  documents: [],
  workloads: [],
  probes: [p],
});

describe('evaluation deltas carry ProbeResult.upstream', () => {
  it('a change in what the app receives alone is sent, and the client sees it', () => {
    const encoder = new DeltaEncoder();
    const decoder = new DeltaDecoder();
    const first = decoder.apply(encoder.encode(evaluation(probe({ path: '//admin', headers: {} }))));
    expect(first.probes[0]?.upstream?.path).toBe('//admin');
    // Same status and verdict, another normalization: only the upstream path differs.
    const delta = encoder.encode(evaluation(probe({ path: '/admin', headers: {} })));
    expect(delta.probes).toHaveLength(1);
    expect(decoder.apply(delta).probes[0]?.upstream?.path).toBe('/admin');
    // Unchanged: nothing is sent and the client keeps the same object.
    const kept = decoder.apply(encoder.encode(evaluation(probe({ path: '/admin', headers: {} }))));
    expect(kept.probes[0]).toBe(
      decoder.apply(encoder.encode(evaluation(probe({ path: '/admin', headers: {} })))).probes[0],
    );
  });
});
