/**
 * A promise per request to a worker that answers each request once (`{id, ok: true, …}` or
 * `{id, ok: false, message}`): the export and import workers. The worker is created on first use
 * (Vite bundles it from the `new Worker(new URL(…))` in `create`), and a crashed worker fails every
 * waiting request and is created afresh next time.
 */
export type WorkerAnswer<T> = ({ id: number; ok: true } & T) | { id: number; ok: false; message: string };

/** Distributes over a union of requests: one shape per request kind, without its id. */
export type RequestBody<R> = R extends { id: number } ? Omit<R, 'id'> : never;

export function createRequestClient<Request extends { id: number }, Answer>(
  create: () => Worker,
  name: string,
): (body: RequestBody<Request>) => Promise<Answer> {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve(answer: Answer): void; reject(error: Error): void }>();

  const instance = (): Worker => {
    if (worker) return worker;
    const created = create();
    created.onmessage = (event: MessageEvent<WorkerAnswer<Answer>>) => {
      const answer = event.data;
      const pending = waiting.get(answer.id);
      if (!pending) return;
      waiting.delete(answer.id);
      if (answer.ok) pending.resolve(answer);
      else pending.reject(new Error(answer.message));
    };
    created.onerror = (event) => {
      for (const pending of waiting.values())
        pending.reject(new Error(event.message || `the ${name} failed`));
      waiting.clear();
      worker = null;
    };
    worker = created;
    return created;
  };

  return (body) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      instance().postMessage({ ...body, id });
    });
}
