import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Evaluation, ProbeResult, WorkspaceParts } from '@playground/evaluator';
import { EvaluationClient } from './client';
import type { WorkerLike } from './client';
import { DeltaDecoder, DeltaEncoder } from './delta';
import { describeCulprit, policyDocuments } from './diagnose';
import type { WorkerRequest, WorkerResponse } from './protocol';

class FakeWorker implements WorkerLike {
  sent: WorkerRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
  postMessage(message: WorkerRequest): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
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
    const client = new EvaluationClient(() => worker);
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
    const client = new EvaluationClient(() => worker);
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
    const client = new EvaluationClient(() => worker);
    const matrix: number[] = [];
    client.on('matrix', (a) => matrix.push(a.id));
    const m = client.matrix(parts);
    client.evaluate(parts);
    worker.answer({ type: 'matrix', id: m, entries: [], diagnostics: [] });
    expect(matrix).toEqual([m]);
  });

  it('rebuilds whole evaluations from deltas, including those of dropped answers', () => {
    const worker = new FakeWorker();
    const client = new EvaluationClient(() => worker);
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

describe('evaluation watchdog', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A client whose workers never answer (each new one is kept in `workers`). */
  const hangingClient = (options = {}) => {
    const workers: FakeWorker[] = [];
    const client = new EvaluationClient(() => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    }, options);
    return { client, workers };
  };

  it('terminates a worker that does not answer in time, starts a new one and says which parts were slow', () => {
    vi.useFakeTimers();
    const { client, workers } = hangingClient({ watchdogMs: 2000 });
    const timeouts: string[] = [];
    client.on('timeout', (t) => timeouts.push(t.parts.policies));
    client.evaluate({ ...parts, policies: 'slow' });
    workers[0]?.answer({ type: 'started', id: 1 });
    vi.advanceTimersByTime(1999);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(workers).toHaveLength(2);
    expect(workers[0]?.terminated).toBe(true);
    expect(timeouts).toEqual(['slow']);
    // The slow text is not posted again: no restart loop while it stays the same.
    expect(workers[1]?.sent).toEqual([]);
    client.evaluate({ ...parts, policies: 'slow' }, [0]);
    vi.advanceTimersByTime(10_000);
    expect(workers).toHaveLength(2);
    expect(workers[1]?.sent).toEqual([]);
  });

  it('gives a new worker time to load before its first answer: a cold start is not a slow workspace', () => {
    vi.useFakeTimers();
    const { client, workers } = hangingClient({ watchdogMs: 2000, bootMs: 15_000 });
    const timeouts: string[] = [];
    client.on('timeout', (t) => timeouts.push(t.parts.policies));
    const id = client.evaluate({ ...parts, policies: 'default' });
    // A busy machine: the worker's bundle takes 5 s to load. It is not stopped meanwhile.
    vi.advanceTimersByTime(5000);
    expect(workers).toHaveLength(1);
    expect(timeouts).toEqual([]);
    // Loaded and started: from here the evaluation has its 2 s.
    workers[0]?.answer({ type: 'started', id });
    vi.advanceTimersByTime(1999);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(workers[0]?.terminated).toBe(true);
    expect(timeouts).toEqual(['default']);
  });

  it('stops a worker that never loads, after the load allowance', () => {
    vi.useFakeTimers();
    const { client, workers } = hangingClient({ watchdogMs: 2000, bootMs: 15_000 });
    client.evaluate({ ...parts, policies: 'default' });
    vi.advanceTimersByTime(14_999);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(workers[0]?.terminated).toBe(true);
  });

  it('evaluates the next edit normally in the new worker: structure posted again, first answer complete', () => {
    vi.useFakeTimers();
    const { client, workers } = hangingClient();
    const seen: string[][] = [];
    client.on('evaluation', (a) => seen.push(a.evaluation.probes.map((p) => p.status)));
    const old = new DeltaEncoder();
    const first = client.evaluate({ ...parts, policies: 'a' });
    workers[0]?.answer({
      type: 'evaluation',
      id: first,
      delta: old.encode(evaluation([probe(0, '200'), probe(1, '200')])),
      ms: 1,
    });
    client.evaluate({ ...parts, policies: 'slow' });
    vi.advanceTimersByTime(2000);
    const next = client.evaluate({ ...parts, policies: 'fast' });
    const sent = workers[1]?.sent[0];
    expect(sent).toMatchObject({ type: 'evaluate', id: next, policies: 'fast' });
    expect(sent?.structure).toBeDefined();
    // A fresh worker's encoder: its first delta is complete, and the client's mirror starts over.
    const fresh = new DeltaEncoder();
    workers[1]?.answer({
      type: 'evaluation',
      id: next,
      delta: fresh.encode(evaluation([probe(0, '403')])),
      ms: 1,
    });
    expect(seen).toEqual([['200', '200'], ['403']]);
  });

  it('posts an edit typed during the slow evaluation to the new worker at once', () => {
    vi.useFakeTimers();
    const { client, workers } = hangingClient();
    const slow = client.evaluate({ ...parts, policies: 'slow' });
    workers[0]?.answer({ type: 'started', id: slow });
    vi.advanceTimersByTime(1000);
    const typed = client.evaluate({ ...parts, policies: 'slow + edit' });
    vi.advanceTimersByTime(1000);
    expect(workers).toHaveLength(2);
    expect(workers[1]?.sent.map((r) => [r.id, r.policies, r.structure !== undefined])).toEqual([
      [typed, 'slow + edit', true],
    ]);
  });

  it('keeps a worker that makes progress (a long burst of fast answers is not a hang)', () => {
    vi.useFakeTimers();
    const { client, workers } = hangingClient();
    for (let i = 0; i < 10; i++) {
      const id = client.evaluate({ ...parts, policies: `v${i}` });
      vi.advanceTimersByTime(1500);
      workers[0]?.answer({ type: 'started', id });
      workers[0]?.answer({
        type: 'evaluation',
        id,
        delta: new DeltaEncoder().encode(evaluation([])),
        ms: 1500,
      });
    }
    expect(workers).toHaveLength(1);
  });

  it('says it is busy when an answer takes longer than busyMs, and not when it arrives', () => {
    vi.useFakeTimers();
    const { client, workers } = hangingClient({ busyMs: 150 });
    const busy: boolean[] = [];
    client.on('busy', (b) => busy.push(b));
    const fast = client.evaluate(parts);
    vi.advanceTimersByTime(100);
    workers[0]?.answer({
      type: 'evaluation',
      id: fast,
      delta: new DeltaEncoder().encode(evaluation([])),
      ms: 100,
    });
    vi.advanceTimersByTime(500);
    expect(busy).toEqual([]);
    const slow = client.evaluate({ ...parts, policies: 'x' });
    vi.advanceTimersByTime(150);
    expect(busy).toEqual([true]);
    workers[0]?.answer({
      type: 'evaluation',
      id: slow,
      delta: new DeltaEncoder().encode(evaluation([])),
      ms: 400,
    });
    expect(busy).toEqual([true, false]);
  });

  it('bisects the policies in a throwaway worker to name the slow document', async () => {
    vi.useFakeTimers();
    const workers: FakeWorker[] = [];
    // Workers answer at once unless the policies hold the slow document, which never finishes.
    const client = new EvaluationClient(() => {
      const worker = new FakeWorker();
      worker.postMessage = (message) => {
        worker.sent.push(message);
        if (!message.policies.includes('name: slow'))
          queueMicrotask(() =>
            worker.answer({
              type: 'evaluation',
              id: message.id,
              delta: new DeltaEncoder().encode(evaluation([])),
              ms: 1,
            }),
          );
      };
      workers.push(worker);
      return worker;
    });
    const doc = (kind: string, name: string) =>
      `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: foo\nspec: {}\n`;
    const policies = [
      doc('PeerAuthentication', 'a'),
      doc('AuthorizationPolicy', 'slow'),
      doc('Sidecar', 'c'),
    ].join('---\n');
    const { result } = client.diagnose({ ...parts, policies });
    await vi.advanceTimersByTimeAsync(20_000);
    const culprit = await result;
    expect(culprit).toMatchObject({ kind: 'document', of: 3, document: { index: 2 } });
    expect(culprit && describeCulprit(culprit)).toBe(
      'AuthorizationPolicy foo/slow (document 2 of 3 in the policies)',
    );
    // Every worker it started is gone (the first is the client's own, idle).
    expect(workers.slice(1).every((w) => w.terminated)).toBe(true);
  });
});

describe('policy documents', () => {
  it('are named by kind and namespace/name, in flow or block style, or by position', () => {
    const docs = policyDocuments(
      [
        '# leading comment',
        '---',
        'kind: AuthorizationPolicy',
        'metadata: {name: "deny-all", namespace: prod}',
        '---  # a comment',
        'kind: VirtualService',
        'metadata:',
        '  labels:',
        '    name: not-this',
        '  name: reviews',
        '---',
        'spec: {}',
      ].join('\n'),
    );
    expect(docs.map((d) => d.label)).toEqual([
      'AuthorizationPolicy prod/deny-all',
      'VirtualService reviews',
      'document 3 of the policies',
    ]);
  });
});
