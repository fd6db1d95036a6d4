import { describe, expect, it } from 'vitest';
import type { ProbeResult, ProbesSpec } from '@playground/evaluator';
import {
  brokenExpectations,
  brokenMark,
  expectationState,
  expectationText,
  nextBroken,
  pinProbe,
  unpinProbe,
} from './pins';

const probes: ProbesSpec = {
  now: '2026-01-01T00:00:00Z',
  tokens: { demo: { claims: { iss: 'a' } } },
  probes: [
    { name: 'first', from: 'foo/sleep', to: 'foo/httpbin', port: 8000, request: { path: '/ip' } },
    { from: 'legacy/sleep', to: 'foo/httpbin', port: 8000, expect: '200', expectMtls: false },
    { from: 'external', to: 'foo/httpbin', port: 8000 },
  ],
};

const result = (over: Partial<ProbeResult>): ProbeResult => ({
  index: 0,
  name: '',
  from: 'foo/sleep',
  to: 'foo/httpbin',
  port: 8000,
  status: '200',
  verdict: 'allowed',
  mtls: true,
  expect: null,
  pass: null,
  trace: [],
  ...over,
});

describe('pinProbe', () => {
  it('adds expect and expectMtls to the right probe only, keeping the rest', () => {
    const next = pinProbe(probes, 0, { status: '200', mtls: true });
    expect(next.probes?.[0]).toEqual({
      name: 'first',
      from: 'foo/sleep',
      to: 'foo/httpbin',
      port: 8000,
      request: { path: '/ip' },
      expect: '200',
      expectMtls: true,
    });
    expect(next.probes?.[1]).toBe(probes.probes?.[1]);
    expect(next.probes?.[2]).toBe(probes.probes?.[2]);
    expect(next.now).toBe(probes.now);
    expect(next.tokens).toBe(probes.tokens);
    // Pure: the input is untouched.
    expect(probes.probes?.[0]?.expect).toBeUndefined();
  });

  it('replaces an existing expectation, and drops expectMtls when the probe never connected', () => {
    const next = pinProbe(probes, 1, { status: '000', mtls: null });
    expect(next.probes?.[1]).toEqual({ from: 'legacy/sleep', to: 'foo/httpbin', port: 8000, expect: '000' });
    expect('expectMtls' in (next.probes?.[1] ?? {})).toBe(false);
    const plain = pinProbe(probes, 1, { status: '200', mtls: true });
    expect(plain.probes?.[1]).toMatchObject({ expect: '200', expectMtls: true });
  });

  it('leaves the document as it is for an index that does not exist', () => {
    expect(pinProbe(probes, 7, { status: '200', mtls: true })).toBe(probes);
  });

  it('unpinning removes both fields from that probe only', () => {
    const next = unpinProbe(probes, 1);
    expect(next.probes?.[1]).toEqual({ from: 'legacy/sleep', to: 'foo/httpbin', port: 8000 });
    expect(next.probes?.[0]).toBe(probes.probes?.[0]);
  });
});

describe('expectationState', () => {
  const base = { from: 'foo/sleep', to: 'foo/httpbin', port: 8000 };
  it('tells none, pending, pinned, holds and broken apart', () => {
    expect(expectationState(base, result({}))).toBe('none');
    expect(expectationState({ ...base, expect: '200' }, undefined)).toBe('pending');
    expect(
      expectationState({ ...base, expect: '200', expectMtls: true }, result({ expect: '200', pass: true })),
    ).toBe('pinned');
    // Holds, but written as a verdict, or without the transport: pinning would still change it.
    expect(expectationState({ ...base, expect: 'allowed' }, result({ expect: 'allowed', pass: true }))).toBe(
      'holds',
    );
    expect(expectationState({ ...base, expect: '200' }, result({ expect: '200', pass: true }))).toBe('holds');
    expect(expectationState({ ...base, expect: '403' }, result({ expect: '403', pass: false }))).toBe(
      'broken',
    );
    expect(
      expectationState({ ...base, expect: '000' }, result({ status: '000', mtls: null, pass: true })),
    ).toBe('pinned');
  });
});

describe('broken expectations', () => {
  it('counts the results whose expectation fails, in document order', () => {
    const results = [
      result({ index: 0, pass: null }),
      result({ index: 1, pass: false }),
      result({ index: 2, pass: true }),
      result({ index: 3, pass: false }),
    ];
    expect(brokenExpectations(results)).toEqual([1, 3]);
    expect(brokenExpectations(undefined)).toEqual([]);
    expect(brokenExpectations([result({ pass: true })])).toEqual([]);
  });

  it('steps from the selected broken probe to the next, wrapping around', () => {
    expect(nextBroken([1, 3], null)).toBe(1);
    expect(nextBroken([1, 3], 1)).toBe(3);
    expect(nextBroken([1, 3], 3)).toBe(1);
    expect(nextBroken([1, 3], 2)).toBe(1);
    expect(nextBroken([], 2)).toBeUndefined();
  });

  it('marks a broken edge with what was expected', () => {
    const denied = result({ status: '403', verdict: 'denied', mtls: true, pass: false });
    expect(brokenMark('200', null, denied)).toBe('≠ 200');
    expect(brokenMark('403', false, denied)).toBe('≠ plain text');
    expect(brokenMark('denied', true, result({ pass: true }))).toBe('');
    expect(brokenMark('200', null, undefined)).toBe('');
  });

  it('says an expectation in words', () => {
    expect(expectationText({ expect: '200', expectMtls: true })).toBe('200 over mTLS');
    expect(expectationText({ expect: '000' })).toBe('000');
    expect(expectationText({ expectMtls: false })).toBe('plain text');
  });
});
