/**
 * Traces on demand: a probe evaluated without its trace is decided on the engine's untraced path,
 * and must come out exactly as the traced evaluation decides it, on every golden and vector probe.
 */
import { describe, expect, it } from 'vitest';
import { createEvaluator } from '../src';
import type { ProbeResult } from '../src';
import { workspaceFiles } from './workspaces';

const NOW = new Date('2026-01-01T00:00:00Z');

const outcome = (p: ProbeResult) => ({
  index: p.index,
  name: p.name,
  status: p.status,
  verdict: p.verdict,
  mtls: p.mtls,
  expect: p.expect,
  pass: p.pass,
});

describe('traces option', () => {
  const files = workspaceFiles();
  it('has workspaces', () => expect(files.length).toBeGreaterThan(50));
  for (const file of files) {
    it(`${file.name}: untraced probes decide as traced ones`, async () => {
      const evaluator = createEvaluator();
      const all = await evaluator.evaluate(file.text, { now: NOW });
      const none = await evaluator.evaluate(file.text, { now: NOW, traces: 'none' });
      expect(none.probes.map(outcome)).toEqual(all.probes.map(outcome));
      expect(none.probes.every((p) => p.trace.length === 0)).toBe(true);
      expect(none.diagnostics).toEqual(all.diagnostics);
      // Only the odd probes traced: those equal the full result, the others have no trace.
      const odd = all.probes.map((p) => p.index).filter((i) => i % 2 === 1);
      const some = await evaluator.evaluate(file.text, { now: NOW, traces: odd });
      some.probes.forEach((p, i) => {
        expect(p, `probe ${i}`).toEqual(i % 2 === 1 ? all.probes[i] : { ...all.probes[i], trace: [] });
      });
    });
  }
});
