import { describe, expect, it } from 'vitest';
import type { Evaluation, WorkspaceParts } from '@playground/evaluator';
import { EvaluationClient } from './client';
import type { WorkerLike } from './client';
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
const evaluation: Evaluation = { metadata: {}, diagnostics: [], documents: [], workloads: [], probes: [] };

describe('evaluation client', () => {
  it('delivers only the answer to the latest request (stale answers are dropped)', () => {
    const worker = new FakeWorker();
    const client = new EvaluationClient(worker);
    const seen: number[] = [];
    client.on('evaluation', (a) => seen.push(a.id));
    const first = client.evaluate(parts);
    const second = client.evaluate(parts);
    worker.answer({ type: 'evaluation', id: first, text: '', policiesLine: 1, evaluation });
    worker.answer({ type: 'evaluation', id: second, text: '', policiesLine: 1, evaluation });
    expect(seen).toEqual([second]);
    expect(worker.sent.map((r) => r.type)).toEqual(['evaluate', 'evaluate']);
  });

  it('posts the mesh, probes and metadata only when they changed', () => {
    const worker = new FakeWorker();
    const client = new EvaluationClient(worker);
    client.evaluate(parts);
    client.evaluate({ ...parts, policies: 'a' });
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
});
