/**
 * Evaluation deltas: the worker sends only what changed since its previous answer, the client
 * rebuilds whole evaluations from them. Unchanged probe results keep their object identity on the
 * client, so memoised edges and rows skip them.
 */
import type { Evaluation } from '@playground/evaluator';
import type { EvaluationDelta } from './protocol';

/**
 * Whether two JSON values (what a ProbeResult, a WorkloadFacts or a DocumentSummary is) are equal,
 * without building their JSON: on a big mesh every keystroke compares a thousand results, and
 * stringifying each one was a sixth of the worker's time and most of its garbage.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (x[key] === undefined) continue; // JSON leaves it out
    keys++;
    if (!sameJson(x[key], y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) keys--;
  return keys === 0;
}

/** Worker side: remembers what it sent last and diffs the next evaluation against it. */
export class DeltaEncoder {
  private previous: Evaluation | null = null;

  encode(evaluation: Evaluation): EvaluationDelta {
    const before = this.previous;
    const probes = evaluation.probes.filter((p, i) => !before || !sameJson(p, before.probes[i]));
    this.previous = evaluation;
    const delta: EvaluationDelta = {
      metadata: evaluation.metadata,
      diagnostics: evaluation.diagnostics,
      probeCount: evaluation.probes.length,
      probes,
    };
    if (!before || !sameJson(evaluation.workloads, before.workloads)) delta.workloads = evaluation.workloads;
    if (!before || !sameJson(evaluation.documents, before.documents)) delta.documents = evaluation.documents;
    return delta;
  }
}

/** Client side: applies every delta in order (answers it does not deliver still change the mirror). */
export class DeltaDecoder {
  private current: Evaluation = { metadata: {}, diagnostics: [], documents: [], workloads: [], probes: [] };

  apply(delta: EvaluationDelta): Evaluation {
    const probes = this.current.probes.slice(0, delta.probeCount);
    for (const p of delta.probes) probes[p.index] = p;
    this.current = {
      metadata: delta.metadata,
      diagnostics: delta.diagnostics,
      documents: delta.documents ?? this.current.documents,
      workloads: delta.workloads ?? this.current.workloads,
      probes,
    };
    return this.current;
  }
}
