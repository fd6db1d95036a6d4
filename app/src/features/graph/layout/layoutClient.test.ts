import { describe, expect, it } from 'vitest';
import { LayoutClient } from './layoutClient';
import type { LayoutWorkerLike } from './layoutClient';
import type { LayoutRequest, LayoutResponse } from './protocol';
import type { LayoutInput, LayoutResult } from './types';

class FakeWorker implements LayoutWorkerLike {
  sent: LayoutRequest[] = [];
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null = null;
  postMessage(message: LayoutRequest): void {
    this.sent.push(message);
  }
  answer(message: LayoutResponse): void {
    this.onmessage?.({ data: message } as MessageEvent<LayoutResponse>);
  }
}

const input: LayoutInput = { namespaces: [], external: [], edges: [], namespaceHeader: 36 };
const result = (width: number): LayoutResult => ({
  namespaces: {},
  nodes: {},
  bounds: { x: 0, y: 0, width, height: 0 },
  orientation: 'LR',
});

describe('layout client', () => {
  it('creates the worker only on the first request', () => {
    let created = 0;
    const client = new LayoutClient(() => {
      created++;
      return new FakeWorker();
    });
    expect(created).toBe(0);
    void client.layout(input);
    void client.layout(input);
    expect(created).toBe(1);
  });

  it('resolves a superseded request to null and drops its late answer', async () => {
    const worker = new FakeWorker();
    const client = new LayoutClient(worker);
    const first = client.layout(input);
    const second = client.layout(input);
    expect(await first).toBeNull();
    const [a, b] = worker.sent;
    worker.answer({ type: 'layout', id: a!.id, result: result(1) });
    worker.answer({ type: 'layout', id: b!.id, result: result(2) });
    expect((await second)?.bounds.width).toBe(2);
    expect(worker.sent.map((r) => r.type)).toEqual(['layout', 'layout']);
  });

  it('rejects when the worker reports a failure for the latest request', async () => {
    const worker = new FakeWorker();
    const client = new LayoutClient(() => worker);
    const pending = client.layout(input);
    worker.answer({ type: 'failure', id: worker.sent[0]!.id, message: 'ELK failed' });
    await expect(pending).rejects.toThrow('ELK failed');
  });

  it('ignores answers to requests it never sent', async () => {
    const worker = new FakeWorker();
    const client = new LayoutClient(() => worker);
    const pending = client.layout(input);
    worker.answer({ type: 'layout', id: 99, result: result(1) });
    worker.answer({ type: 'layout', id: worker.sent[0]!.id, result: result(3) });
    expect((await pending)?.bounds.width).toBe(3);
  });
});
