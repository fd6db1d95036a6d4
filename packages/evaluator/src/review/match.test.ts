import { describe, expect, it } from 'vitest';
import type { ProbeResult, ProbeSpec } from '../types';
import { diffReview, type ReviewSide } from './diff';
import { matchProbes } from './match';

const probe = (name: string | undefined, extra: Partial<ProbeSpec> = {}): ProbeSpec => ({
  ...(name === undefined ? {} : { name }),
  from: 'foo/sleep',
  to: 'bar/httpbin',
  port: 8000,
  ...extra,
});

describe('matchProbes', () => {
  it('pairs a renamed probe by its request', () => {
    const m = matchProbes(
      [probe('old name', { request: { path: '/ip' } })],
      [probe('new name', { request: { path: '/ip' } })],
    );
    expect(m).toEqual({ pairs: [[0, 0]], added: [], removed: [] });
  });

  it('pairs reordered probes by name', () => {
    const before = [probe('a', { port: 1 }), probe('b', { port: 2 }), probe('c', { port: 3 })];
    const after = [before[2] as ProbeSpec, before[0] as ProbeSpec, before[1] as ProbeSpec];
    expect(matchProbes(before, after)).toEqual({
      pairs: [
        [2, 0],
        [0, 1],
        [1, 2],
      ],
      added: [],
      removed: [],
    });
  });

  it('reports an added and a removed probe', () => {
    const m = matchProbes(
      [probe('kept'), probe('gone', { request: { path: '/gone' } })],
      [probe('kept'), probe('new', { request: { path: '/new' } })],
    );
    expect(m).toEqual({ pairs: [[0, 0]], added: [1], removed: [1] });
  });

  it('pairs duplicate names one by one, in list order', () => {
    const m = matchProbes(
      [probe('dup', { port: 1 }), probe('dup', { port: 2 })],
      [probe('dup', { port: 3 })],
    );
    expect(m).toEqual({ pairs: [[0, 0]], added: [], removed: [1] });
  });

  it('pairs unnamed duplicates of the same request one by one', () => {
    const m = matchProbes(
      [probe(undefined), probe(undefined)],
      [probe(undefined), probe(undefined), probe(undefined)],
    );
    expect(m).toEqual({
      pairs: [
        [0, 0],
        [1, 1],
      ],
      added: [2],
      removed: [],
    });
  });

  it('pairs a TCP probe (no request) by from, to and port', () => {
    const tcp = { from: 'default/ratings-v2', to: 'default/mongodb', port: 27017 };
    const m = matchProbes(
      [{ name: 'ratings-v2 connects', ...tcp }],
      [{ name: 'ratings-v2 is refused', ...tcp }],
    );
    expect(m.pairs).toEqual([[0, 0]]);
  });

  it('treats header names case-insensitively and fills the method and path defaults', () => {
    const m = matchProbes(
      [probe('a', { request: { headers: { 'X-Token': 'admin' } } })],
      [probe('b', { request: { method: 'get', path: '/', headers: { 'x-token': 'admin' } } })],
    );
    expect(m.pairs).toEqual([[0, 0]]);
  });

  it('does not pair requests that differ in header value, token, host or method', () => {
    for (const request of [
      { headers: { 'x-token': 'guest' } },
      { token: 'demo' },
      { host: 'httpbin.example.com' },
      { method: 'POST' },
    ]) {
      const m = matchProbes(
        [probe('a', { request: { headers: { 'x-token': 'admin' } } })],
        [probe('b', { request })],
      );
      expect(m).toEqual({ pairs: [], added: [0], removed: [0] });
    }
  });

  it('never pairs dropped probes (undefined entries)', () => {
    const m = matchProbes([undefined, probe('a')], [probe('a'), undefined]);
    expect(m).toEqual({ pairs: [[1, 0]], added: [], removed: [] });
  });

  it('a name match wins over a request match elsewhere', () => {
    const before = [probe('x', { request: { path: '/1' } }), probe('y', { request: { path: '/2' } })];
    const after = [probe('y', { request: { path: '/1' } })];
    expect(matchProbes(before, after)).toEqual({ pairs: [[1, 0]], added: [], removed: [0] });
  });
});

const result = (
  index: number,
  name: string,
  status: string,
  verdict: ProbeResult['verdict'],
  mtls: boolean | null,
): ProbeResult => ({
  index,
  name,
  from: 'foo/sleep',
  to: 'bar/httpbin',
  port: 8000,
  status,
  verdict,
  mtls,
  expect: null,
  pass: null,
  trace: [],
});

describe('diffReview', () => {
  it('classifies changes and counts the unchanged', () => {
    const probes = [
      probe('a', { port: 1 }),
      probe('b', { port: 2 }),
      probe('c', { port: 3 }),
      probe('d', { port: 4 }),
    ];
    const before: ReviewSide = {
      probes,
      results: [
        result(0, 'a', '200', 'allowed', true),
        result(1, 'b', '403', 'denied', true),
        result(2, 'c', '200', 'allowed', true),
        result(3, 'd', '403', 'denied', true),
      ],
    };
    const after: ReviewSide = {
      probes,
      results: [
        result(0, 'a', '403', 'denied', true),
        result(1, 'b', '200', 'allowed', true),
        result(2, 'c', '200', 'allowed', false),
        result(3, 'd', '403', 'denied', true),
      ],
    };
    const diff = diffReview(before, after);
    expect(diff.changes.map((c) => [c.name, c.kind])).toEqual([
      ['a', 'newly-denied'],
      ['b', 'newly-allowed'],
      ['c', 'other'],
    ]);
    expect(diff.changes[0]?.request).toEqual({ method: 'GET', path: '/' });
    expect(diff.summary).toEqual({ changed: 3, added: 0, removed: 0, unchanged: 1 });
  });

  it('leaves out probes without a result (dropped by the engine)', () => {
    const probes = [probe('a'), probe('b', { port: 2 })];
    const diff = diffReview(
      { probes, results: [result(0, 'a', '200', 'allowed', true)] },
      { probes, results: [result(0, 'a', '200', 'allowed', true)] },
    );
    expect(diff.summary).toEqual({ changed: 0, added: 0, removed: 0, unchanged: 1 });
  });
});
