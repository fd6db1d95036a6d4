/// <reference lib="webworker" />
/**
 * The layout worker: runs ELK off the main thread. Requests that arrive while a layout runs are
 * coalesced: only the newest is laid out next (the client drops answers to older ones anyway).
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutMesh } from './layout';
import type { LayoutRequest, LayoutResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Without a workerUrl the bundled ELK runs in this thread. Loading it in a worker also sets
// self.onmessage to ELK's own dispatcher; the assignment below (after the import) replaces it.
const elk = new ELK();
let pending: LayoutRequest | null = null;
let running = false;

function post(message: LayoutResponse): void {
  scope.postMessage(message);
}

async function handle(request: LayoutRequest): Promise<void> {
  try {
    post({ type: 'layout', id: request.id, result: await layoutMesh(request.input, elk) });
  } catch (error) {
    post({
      type: 'failure',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    while (pending) {
      const next = pending;
      pending = null;
      await handle(next);
    }
  } finally {
    running = false;
  }
}

scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  pending = event.data;
  // Let queued messages arrive first so only the latest of a burst is laid out.
  setTimeout(() => void drain(), 0);
};
