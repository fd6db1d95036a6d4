/** The app's side of the export worker: one promise per request, the worker created on first use. */
import type { ExportRequest, ExportResponse } from './protocol';

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve(text: string): void; reject(error: Error): void }>();

function exportWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
  created.onmessage = (event: MessageEvent<ExportResponse>) => {
    const answer = event.data;
    const pending = waiting.get(answer.id);
    if (!pending) return;
    waiting.delete(answer.id);
    if (answer.ok) pending.resolve(answer.text);
    else pending.reject(new Error(answer.message));
  };
  created.onerror = (event) => {
    for (const pending of waiting.values())
      pending.reject(new Error(event.message || 'the export worker failed'));
    waiting.clear();
    worker = null;
  };
  worker = created;
  return created;
}

/** Distributes over the union: one request shape per export kind, without its id. */
type RequestBody<R> = R extends { id: number } ? Omit<R, 'id'> : never;

/** The text of an export, evaluated in the export worker. */
export function exportText(request: RequestBody<ExportRequest>): Promise<string> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    exportWorker().postMessage({ ...request, id } as ExportRequest);
  });
}
