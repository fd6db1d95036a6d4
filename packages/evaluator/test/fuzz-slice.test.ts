/**
 * The seeded 2,000-case slice of `pnpm fuzz` (packages/evaluator/bench/fuzz.ts): mutated golden
 * workspaces and vectors with the hostile mutations (prototype keys, alias bombs, deep nesting,
 * huge arrays, regex and glob patterns, pathological strings), and generated workspaces. Nothing
 * may throw, every Evaluation must be well formed, and a hang fails on the test timeout.
 */
import { describe, expect, it } from 'vitest';
import { evaluateWorkspace } from '../src';
import { runFuzz, SMALL_SIZES } from './fuzz-kit';
import { workspaceFiles } from './workspaces';

const NOW = new Date('2026-01-01T00:00:00Z');
const SEED = 20260708;
const CASES = 2000;

describe('fuzz slice', () => {
  it(`${CASES} seeded cases evaluate without exceptions to well-formed results`, async () => {
    const report = await runFuzz((text) => evaluateWorkspace(text, { now: NOW }), workspaceFiles(), {
      seed: SEED,
      count: CASES,
      sizes: SMALL_SIZES,
    });
    expect(report.workspaces).toBe(CASES);
    expect(report.exceptions).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
