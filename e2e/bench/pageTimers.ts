/**
 * Timers the app bench installs in the page as an init script (the app itself is unchanged). It
 * runs in the page, serialised with Function#toString, so it may use only what it declares.
 */

/**
 * Every Worker the app starts is wrapped: a posted `{type: 'layout', id}` is stamped and so is the
 * answer with that id (`__layouts`); the latest `evaluate` request is stamped when posted and when
 * its evaluation answers, with the worker's own `ms` (`__evaluation`).
 */
export function timeLayoutRequests(): void {
  const w = window as unknown as {
    __layouts: number[];
    __layoutWorker?: Worker;
    __layoutRequest?: unknown;
    __layoutAnswers: Map<number, number>;
    __evaluation?: { posted: number; answered: number; workerMs: number };
  };
  w.__layouts = [];
  w.__layoutAnswers = new Map();
  const Native = window.Worker;
  class TimedWorker extends Native {
    private readonly sent = new Map<number, number>();
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (event: MessageEvent<{ type?: string; id?: number; ms?: number }>) => {
        if (event.data?.type === 'evaluation' && w.__evaluation) {
          w.__evaluation.answered = performance.now();
          w.__evaluation.workerMs = event.data.ms ?? NaN;
        }
        const id = event.data?.id;
        if (typeof id !== 'number') return;
        w.__layoutAnswers.set(id, performance.now());
        const at = this.sent.get(id);
        if (at === undefined) return;
        this.sent.delete(id);
        w.__layouts.push(performance.now() - at);
      });
    }
    override postMessage(message: unknown, options?: unknown): void {
      const m = message as { type?: string; id?: number; input?: unknown } | null;
      if (m?.type === 'evaluate')
        w.__evaluation = { posted: performance.now(), answered: NaN, workerMs: NaN };
      if (m?.type === 'layout' && typeof m.id === 'number' && m.input !== undefined) {
        if (m.id > 0) this.sent.set(m.id, performance.now());
        w.__layoutWorker = this;
        w.__layoutRequest = m;
      }
      super.postMessage(message, options as StructuredSerializeOptions);
    }
  }
  window.Worker = TimedWorker;
}
