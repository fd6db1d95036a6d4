import { describe, expect, it } from 'vitest';
import type { Evaluation, ProbeResult, WorkspaceParts } from '@playground/evaluator';
import { EvaluationClient } from './client';
import type { WorkerLike } from './client';
import { DeltaDecoder, DeltaEncoder } from './delta';
import type { WorkerRequest, WorkerResponse } from './protocol';

class FakeWorker implements WorkerLike {
  sent: WorkerRequest[] = [];
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
  postMessage(message: WorkerRequest): void {
    this.sent.push(message);
  }
  answer(message: WorkerResponse): void {
    this.onmessage?.({ data: message } as MessageEvent<WorkerResponse>);
  }
}

const parts: WorkspaceParts = { metadata: {}, mesh: {}, policies: '', probes: {} };
const probe = (index: number, status: string): ProbeResult => ({
  index,
  name: `p${index}`,
  from: 'a/x',
  to: 'b/y',
  port: 80,
  status,
  verdict: status === '200' ? 'allowed' : 'denied',
  mtls: true,
  expect: null,
  pass: null,
  trace: [],
});
const evaluation = (probes: ProbeResult[]): Evaluation => ({
  metadata: {},
  diagnostics: [],
  documents: [],
  workloads: [],
  probes,
});

describe('evaluation client', () => {
  it('delivers only the answer to the latest request (stale answers are dropped)', () => {
    const worker = new FakeWorker();
    const client = new EvaluationClient(worker);
    const seen: number[] = [];
    client.on('evaluation', (a) => seen.push(a.id));
    const first = client.evaluate(parts);
    const second = client.evaluate(parts);
    const encoder = new DeltaEncoder();
    worker.answer({ type: 'evaluation', id: first, delta: encoder.encode(evaluation([])), ms: 1 });
    worker.answer({ type: 'evaluation', id: second, delta: encoder.encode(evaluation([])), ms: 1 });
    expect(seen).toEqual([second]);
    expect(worker.sent.map((r) => r.type)).toEqual(['evaluate', 'evaluate']);
  });

  it('posts the mesh, probes and metadata only when they changed, and the traces asked for', () => {
    const worker = new FakeWorker();
    const client = new EvaluationClient(worker);
    client.evaluate(parts);
    client.evaluate({ ...parts, policies: 'a' }, [3]);
    client.matrix({ ...parts, policies: 'b' });
    const mesh = { workloads: [] };
    client.evaluate({ ...parts, mesh });
    client.evaluate({ ...parts, mesh, policies: 'c' });
    expect(worker.sent.map((r) => [r.policies, r.structureVersion, r.structure?.mesh])).toEqual([
      ['', 1, parts.mesh],
      ['a', 1, undefined],
      ['b', 1, undefined],
      ['', 2, mesh],
      ['c', 2, undefined],
    ]);
    expect(worker.sent[1]).toMatchObject({ type: 'evaluate', traces: [3] });
  });

  it('keeps evaluation and matrix requests apart', () => {
    const worker = new FakeWorker();
    const client = new EvaluationClient(worker);
    const matrix: number[] = [];
    client.on('matrix', (a) => matrix.push(a.id));
    const m = client.matrix(parts);
    client.evaluate(parts);
    worker.answer({ type: 'matrix', id: m, entries: [], diagnostics: [] });
    expect(matrix).toEqual([m]);
  });

  it('rebuilds whole evaluations from deltas, including those of dropped answers', () => {
    const worker = new FakeWorker();
    const client = new EvaluationClient(worker);
    const seen: Evaluation[] = [];
    client.on('evaluation', (a) => seen.push(a.evaluation));
    const encoder = new DeltaEncoder();
    const a = client.evaluate(parts);
    const b = client.evaluate(parts);
    // The first answer (dropped: stale) carries all three probes; the second only the one that changed.
    worker.answer({
      type: 'evaluation',
      id: a,
      delta: encoder.encode(evaluation([probe(0, '200'), probe(1, '200'), probe(2, '200')])),
      ms: 1,
    });
    const second = encoder.encode(evaluation([probe(0, '200'), probe(1, '403'), probe(2, '200')]));
    expect(second.probes.map((p) => p.index)).toEqual([1]);
    expect(second.workloads).toBeUndefined();
    worker.answer({ type: 'evaluation', id: b, delta: second, ms: 1 });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.probes.map((p) => p.status)).toEqual(['200', '403', '200']);
  });
});

describe('evaluation deltas', () => {
  it('keep unchanged probe results as the same objects and follow a shrinking list', () => {
    const encoder = new DeltaEncoder();
    const decoder = new DeltaDecoder();
    const first = decoder.apply(
      encoder.encode(evaluation([probe(0, '200'), probe(1, '200'), probe(2, '200')])),
    );
    const second = decoder.apply(encoder.encode(evaluation([probe(0, '200'), probe(1, '403')])));
    expect(second.probes).toHaveLength(2);
    expect(second.probes[0]).toBe(first.probes[0]);
    expect(second.probes[1]?.status).toBe('403');
  });
});
