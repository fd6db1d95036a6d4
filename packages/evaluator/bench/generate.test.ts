/**
 * The benchmark workspaces must be valid: a resource the engine refuses is left out of every
 * decision, and the figures would measure less work than they claim.
 */
import { describe, expect, it } from 'vitest';
import { evaluateWorkspace } from '../src';
import { generateWorkspace } from './generate';

/** The two sizes `run.ts` measures: the edit benchmark's and the matrix benchmark's. */
const SIZES = [
  { workloads: 100, namespaces: 10, policies: 100, probes: 300 },
  { workloads: 1000, namespaces: 100, policies: 1000, probes: 0 },
];

describe('generateWorkspace', () => {
  for (const size of SIZES) {
    it(`${size.workloads} workloads, ${size.policies} policies: no error diagnostics`, async () => {
      const ws = generateWorkspace(size);
      const result = await evaluateWorkspace(ws.text, {
        now: new Date('2026-01-01T00:00:00Z'),
        traces: 'none',
      });
      const errors = result.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `${d.code}: ${d.message}`);
      expect(errors).toEqual([]);
      expect(result.probes.length).toBe(size.probes);
      expect(result.probes.every((p) => p.verdict !== 'invalid')).toBe(true);
    });
  }

  it('uses path templates, which the engine accepts', () => {
    expect(
      generateWorkspace(SIZES[0] ?? { workloads: 1, namespaces: 1, policies: 1, probes: 0 }).text,
    ).toMatch(/\{\*\}.*\{\*\*\}/);
  });
});
