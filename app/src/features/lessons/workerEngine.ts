/** The app's lesson engine: a module worker (lessons.worker.ts), created on first use. */
import type { EngineRequest, EngineResponse, LessonEngine } from './engine';

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

function lessonsWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./lessons.worker.ts', import.meta.url), { type: 'module' });
  created.onmessage = (event: MessageEvent<EngineResponse>) => {
    const answer = event.data;
    const pending = waiting.get(answer.id);
    if (!pending) return;
    waiting.delete(answer.id);
    if (answer.ok) pending.resolve(answer.value);
    else pending.reject(new Error(answer.message));
  };
  created.onerror = (event) => {
    for (const pending of waiting.values())
      pending.reject(new Error(event.message || 'the lessons worker failed'));
    waiting.clear();
    worker = null;
  };
  worker = created;
  return created;
}

/** Sends one operation; the answer's type is the operation's (the worker runs the same interface). */
function call<K extends keyof LessonEngine>(
  op: K,
  args: Parameters<LessonEngine[K]>,
): ReturnType<LessonEngine[K]> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    lessonsWorker().postMessage({ id, op, args } as EngineRequest);
  }) as ReturnType<LessonEngine[K]>;
}

export const workerEngine: LessonEngine = {
  order: () => call('order', []),
  parse: (...args) => call('parse', args),
  workspace: (...args) => call('workspace', args),
  check: (...args) => call('check', args),
};
