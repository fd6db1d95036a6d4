/** The review baseline's messages: apart from the keystroke path, latest wins, posted again after a restart. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Evaluation, WorkspaceParts } from '@playground/evaluator';
import { EvaluationClient } from './client';
import type { WorkerLike } from './client';
import type { WorkerMessage, WorkerResponse } from './protocol';

class FakeWorker implements WorkerLike {
  sent: WorkerMessage[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
  postMessage(message: WorkerMessage): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(message: WorkerResponse): void {
    this.onmessage?.({ data: message } as MessageEvent<WorkerResponse>);
  }
}

const baseline: WorkspaceParts = { metadata: { name: 'before' }, mesh: {}, policies: '', probes: {} };
const current: WorkspaceParts = { metadata: { name: 'after' }, mesh: {}, policies: '', probes: {} };
const evaluation: Evaluation = { metadata: {}, diagnostics: [], documents: [], workloads: [], probes: [] };

afterEach(() => vi.useRealTimers());

describe('baseline requests', () => {
  it('carry the whole baseline and its traces, and deliver only the latest answer', () => {
    const worker = new FakeWorker();
    const client = new EvaluationClient(() => worker);
    const seen: number[] = [];
    client.on('baseline', (a) => seen.push(a.id));
    const first = client.evaluateBaseline(baseline);
    const second = client.evaluateBaseline(baseline, [3]);
    expect(worker.sent).toEqual([
      { type: 'baseline', id: first, parts: baseline, traces: [] },
      { type: 'baseline', id: second, parts: baseline, traces: [3] },
    ]);
    worker.answer({ type: 'baseline', id: first, evaluation });
    worker.answer({ type: 'baseline', id: second, evaluation });
    expect(seen).toEqual([second]);
  });

  it('do not disturb the current workspace’s requests (its structure is not re-sent)', () => {
    const worker = new FakeWorker();
    const client = new EvaluationClient(() => worker);
    client.evaluate(current);
    client.evaluateBaseline(baseline);
    client.baselineMatrix(baseline);
    client.evaluate({ ...current, policies: 'kind: X' });
    const evaluates = worker.sent.filter((m) => m.type === 'evaluate');
    expect(evaluates).toHaveLength(2);
    expect('structure' in evaluates[1]! && evaluates[1].structure).toBeFalsy();
    const matrices: number[] = [];
    client.on('baselineMatrix', (a) => matrices.push(a.entries.length));
    worker.answer({ type: 'baselineMatrix', id: 3, entries: [] });
    expect(matrices).toEqual([0]);
  });

  it('are posted again to a worker the watchdog restarted', () => {
    vi.useFakeTimers();
    const workers: FakeWorker[] = [];
    const client = new EvaluationClient(
      () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
      { watchdogMs: 100 },
    );
    const evaluating = client.evaluate(current);
    const id = client.evaluateBaseline(baseline, [1]);
    workers[0]!.answer({ type: 'started', id: evaluating });
    vi.advanceTimersByTime(150);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.sent).toContainEqual({ type: 'baseline', id, parts: baseline, traces: [1] });
  });

  it('a baseline that hangs the worker is dropped and reported, not blamed on the current text', () => {
    vi.useFakeTimers();
    const workers: FakeWorker[] = [];
    const client = new EvaluationClient(
      () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
      { watchdogMs: 100 },
    );
    const failures: string[] = [];
    const timeouts: unknown[] = [];
    client.on('failure', (f) => failures.push(f.request));
    client.on('timeout', (t) => timeouts.push(t));
    const id = client.evaluateBaseline(baseline);
    workers[0]!.answer({ type: 'started', id });
    const evaluate = client.evaluate(current);
    vi.advanceTimersByTime(150);
    expect(failures).toEqual(['baseline']);
    expect(timeouts).toEqual([]);
    // The current text is posted again to the new worker; the baseline is not.
    expect(workers[1]!.sent.map((m) => [m.type, m.id])).toEqual([['evaluate', evaluate]]);
  });
});
