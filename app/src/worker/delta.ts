/**
 * Evaluation deltas: the worker sends only what changed since its previous answer, the client
 * rebuilds whole evaluations from them. Unchanged probe results keep their object identity on the
 * client, so memoised edges and rows skip them.
 */
import type { Evaluation, ProbeResult } from '@playground/evaluator';
import type { EvaluationDelta } from './protocol';

/** Worker side: remembers what it sent last and diffs the next evaluation against it. */
export class DeltaEncoder {
  private probes: string[] = [];
  private workloads = '';
  private documents = '';

  encode(evaluation: Evaluation): EvaluationDelta {
    const probes: ProbeResult[] = [];
    const signatures = evaluation.probes.map((p, i) => {
      const signature = JSON.stringify(p);
      if (this.probes[i] !== signature) probes.push(p);
      return signature;
    });
    this.probes = signatures;
    const delta: EvaluationDelta = {
      metadata: evaluation.metadata,
      diagnostics: evaluation.diagnostics,
      probeCount: evaluation.probes.length,
      probes,
    };
    const workloads = JSON.stringify(evaluation.workloads);
    if (workloads !== this.workloads) delta.workloads = evaluation.workloads;
    this.workloads = workloads;
    const documents = JSON.stringify(evaluation.documents);
    if (documents !== this.documents) delta.documents = evaluation.documents;
    this.documents = documents;
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
