import type { Evaluation, ProbeResult } from '@playground/evaluator';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DeltaDecoder, DeltaEncoder, sameJson } from './delta';

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

describe('sameJson: equal as JSON, without building the JSON', () => {
  /** JSON text with every object's keys sorted: equal exactly when the values are equal as JSON. */
  const canonical = (v: unknown): string =>
    JSON.stringify(v, (_, x: unknown) =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : x,
    );

  it('agrees with comparing canonical JSON texts (fast-check)', () => {
    const value = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJson(a, b)).toBe(canonical(a) === canonical(b));
        expect(sameJson(a, structuredClone(a))).toBe(true);
      }),
      { numRuns: 2000, seed: 20261127 },
    );
  });

  it('tells apart a changed nested value, an extra key and an array from an object; ignores undefined', () => {
    expect(sameJson({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(
      sameJson(probe({ path: '/a', headers: { x: '1' } }), probe({ path: '/a', headers: { x: '1' } })),
    ).toBe(true);
  });
});
