/**
 * The matrix's fast path (no traces, per-server preparation, policies specialised per request)
 * must decide exactly what the traced probe path decides, cell for cell.
 */
import { describe, expect, it } from 'vitest';
import { generateWorkspace } from '../bench/generate';
import { createEvaluator } from './evaluate';
import { evaluateMatrix } from './matrix';
import { evaluateProbe } from './pipeline/probe';

describe('evaluateMatrix', () => {
  it('agrees with evaluateProbe on every cell of a generated mesh', async () => {
    const ws = generateWorkspace({ workloads: 80, namespaces: 8, policies: 120, probes: 0, seed: 7 });
    const engine = await createEvaluator().compile(ws.text);
    const now = new Date('2026-01-01T00:00:00Z');
    const entries = evaluateMatrix(engine, { all: true, now, path: '/api/v1/items' });
    expect(entries.length).toBe(80 * 80);
    const verdicts = new Set(entries.map((e) => e.verdict));
    expect(verdicts.size, 'the generated mesh exercises several verdicts').toBeGreaterThan(2);
    for (const e of entries) {
      const r = evaluateProbe(
        engine,
        { from: e.from, to: e.to, port: e.port, request: { path: '/api/v1/items' } },
        0,
        now,
      );
      expect({ cell: `${e.from} → ${e.to}`, status: e.status, verdict: e.verdict, mtls: e.mtls }).toEqual({
        cell: `${e.from} → ${e.to}`,
        status: r.status,
        verdict: r.verdict,
        mtls: r.mtls,
      });
    }
  });
});
