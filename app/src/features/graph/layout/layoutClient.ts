/**
 * The canvas's side of the layout worker: latest request wins; a superseded request resolves to
 * null, and answers to older requests are dropped. The worker is created lazily on the first
 * request; tests pass a fake worker (or a factory for one).
 */
import type { LayoutRequest, LayoutResponse } from './protocol';
import type { LayoutInput, LayoutResult } from './types';

export interface LayoutWorkerLike {
  postMessage(message: LayoutRequest): void;
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null;
}

interface Waiting {
  id: number;
  resolve: (result: LayoutResult | null) => void;
  reject: (error: Error) => void;
}

export class LayoutClient {
  private nextId = 1;
  private worker: LayoutWorkerLike | null = null;
  private readonly createWorker: () => LayoutWorkerLike;
  private waiting: Waiting | null = null;

  /** A factory runs on the first request; by default it starts the bundled module worker. */
  constructor(worker: LayoutWorkerLike | (() => LayoutWorkerLike) = spawnWorker) {
    this.createWorker = typeof worker === 'function' ? worker : () => worker;
  }

  /** The layout of `input`, or null when a newer request superseded this one. Rejects when ELK fails. */
  layout(input: LayoutInput): Promise<LayoutResult | null> {
    const worker = this.ensureWorker();
    this.waiting?.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting = { id, resolve, reject };
      worker.postMessage({ type: 'layout', id, input });
    });
  }

  private ensureWorker(): LayoutWorkerLike {
    if (!this.worker) {
      this.worker = this.createWorker();
      this.worker.onmessage = (event) => this.receive(event.data);
    }
    return this.worker;
  }

  private receive(answer: LayoutResponse): void {
    const waiting = this.waiting;
    if (!waiting || waiting.id !== answer.id) return; // stale: a newer request is on its way
    this.waiting = null;
    if (answer.type === 'layout') waiting.resolve(answer.result);
    else waiting.reject(new Error(answer.message));
  }
}

/** A module worker bundled by Vite (it inherits the page's `worker-src 'self'`). */
function spawnWorker(): LayoutWorkerLike {
  return new Worker(new URL('./layout.worker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as LayoutWorkerLike;
}

let shared: LayoutClient | null = null;

/** The app's one layout client. */
export function layoutClient(): LayoutClient {
  shared ??= new LayoutClient();
  return shared;
}
