/**
 * The app's side of the worker protocol: latest request wins, answers to older requests are
 * dropped. The worker is created lazily so tests can inject a fake.
 *
 * - **Watchdog.** While an answer is awaited, the worker must show progress (start a request or
 *   answer one) every `watchdogMs`. When it does not, it is terminated and a new one started: the
 *   structure is posted again and the delta decoder reset (the new worker's first answer is
 *   complete). The request that was running is not posted again; a newer one with different
 *   parts is. Identical parts are not posted either until they change (a text that is still slow
 *   waits for the next edit instead of restarting workers in a loop). `timeout` listeners hear of it,
 *   and `diagnose` finds the slow document in a throwaway worker.
 * - **Busy.** `busy` listeners hear `true` when an evaluation is awaited for longer than `busyMs`,
 *   and `false` when its answer arrives (or the watchdog gives up on it).
 */
import type { Evaluation, WorkspaceParts } from '@playground/evaluator';
import { DeltaDecoder } from './delta';
import type { SlowCulprit } from './diagnose';
import { diagnoseInWorker } from './diagnoseInWorker';
import type {
  BaselineRequest,
  WorkerMessage,
  WorkerRequest,
  WorkerResponse,
  WorkspaceStructure,
} from './protocol';

export interface WorkerLike {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  terminate(): void;
}

export interface ClientOptions {
  /** How long the worker may go without progress while an answer is awaited. */
  watchdogMs?: number;
  /**
   * How long a new worker may take to load before it first answers: loading is not evaluating,
   * and a cold start on a busy machine must not be taken for a slow workspace.
   */
  bootMs?: number;
  /** How long an evaluation may take before `busy` listeners hear of it. */
  busyMs?: number;
}

/** What `timeout` listeners receive: the parts whose evaluation was stopped. */
export interface TimeoutNotice {
  parts: WorkspaceParts;
  ms: number;
}

interface Sent {
  id: number;
  type: WorkerRequest['type'];
  parts: WorkspaceParts;
  traces: number[];
}

const sameParts = (a: WorkspaceParts, b: WorkspaceParts): boolean =>
  a.policies === b.policies && a.mesh === b.mesh && a.probes === b.probes && a.metadata === b.metadata;

type Response<T extends WorkerResponse['type']> = Extract<WorkerResponse, { type: T }>;

/** What listeners receive: an evaluation answer is rebuilt whole from the worker's delta. */
export interface EvaluationAnswer {
  type: 'evaluation';
  id: number;
  evaluation: Evaluation;
  /** Time the worker spent evaluating. */
  ms: number;
}
interface Answers {
  evaluation: EvaluationAnswer;
  matrix: Response<'matrix'>;
  baseline: Response<'baseline'>;
  baselineMatrix: Response<'baselineMatrix'>;
  failure: Response<'failure'>;
  busy: boolean;
  timeout: TimeoutNotice;
}
type Answer<T extends keyof Answers> = Answers[T];

export class EvaluationClient {
  private nextId = 1;
  private readonly latest = new Map<WorkerMessage['type'], number>();
  private readonly listeners = {
    evaluation: new Set<(answer: Answer<'evaluation'>) => void>(),
    matrix: new Set<(answer: Answer<'matrix'>) => void>(),
    baseline: new Set<(answer: Answer<'baseline'>) => void>(),
    baselineMatrix: new Set<(answer: Answer<'baselineMatrix'>) => void>(),
    failure: new Set<(answer: Answer<'failure'>) => void>(),
    busy: new Set<(answer: Answer<'busy'>) => void>(),
    timeout: new Set<(answer: Answer<'timeout'>) => void>(),
  };
  private worker: WorkerLike;
  private readonly watchdogMs: number;
  private readonly bootMs: number;
  private readonly busyMs: number;
  /** The current worker has answered something: it has loaded, so the watchdog's clock is watchdogMs. */
  private booted = false;
  /** The latest request of each kind whose answer is still awaited. */
  private readonly awaiting = new Map<WorkerMessage['type'], Sent>();
  /** Posted requests the worker may still start (older ones of a kind are coalesced away). */
  private readonly inFlight = new Map<number, Sent>();
  /** The request the worker said it started and has not answered yet. */
  private running: Sent | null = null;
  /** Parts the watchdog stopped: not posted again until they change. */
  private blocked: WorkspaceParts | null = null;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private busyTimer: ReturnType<typeof setTimeout> | undefined;
  private busy = false;

  constructor(
    private readonly createWorker: () => WorkerLike,
    options: ClientOptions = {},
  ) {
    this.watchdogMs = options.watchdogMs ?? 2000;
    this.bootMs = options.bootMs ?? 15_000;
    this.busyMs = options.busyMs ?? 150;
    this.worker = this.start();
  }

  private start(): WorkerLike {
    const worker = this.createWorker();
    this.booted = false;
    worker.onmessage = (event) => {
      if (worker === this.worker) this.receive(event.data);
    };
    return worker;
  }

  private structure: WorkspaceStructure | null = null;
  private structureVersion = 0;
  /** The newest structure version already posted to the worker. */
  private postedVersion = 0;

  private decoder = new DeltaDecoder();

  /** Evaluates every probe; `traces` lists the probes whose full trace is wanted. */
  evaluate(parts: WorkspaceParts, traces: number[] = []): number {
    return this.request('evaluate', parts, traces);
  }

  matrix(parts: WorkspaceParts): number {
    return this.request('matrix', parts, []);
  }

  /**
   * The review baseline (rare requests, outside the keystroke path): latest request of each kind
   * wins; an unanswered one is posted again to a worker the watchdog restarted.
   */
  evaluateBaseline(parts: WorkspaceParts, traces: number[] = []): number {
    return this.postBaseline({ type: 'baseline', id: this.nextId++, parts, traces });
  }

  baselineMatrix(parts: WorkspaceParts): number {
    return this.postBaseline({ type: 'baselineMatrix', id: this.nextId++, parts });
  }

  private readonly baselineAwaited = new Map<BaselineRequest['type'], BaselineRequest>();
  /** The baseline request the worker said it started and has not answered yet. */
  private runningBaseline: BaselineRequest | null = null;

  private postBaseline(request: BaselineRequest): number {
    this.latest.set(request.type, request.id);
    this.baselineAwaited.set(request.type, request);
    this.worker.postMessage(request);
    return request.id;
  }

  private request(type: WorkerRequest['type'], parts: WorkspaceParts, traces: number[]): number {
    const id = this.nextId++;
    this.latest.set(type, id);
    if (this.blocked && sameParts(this.blocked, parts)) {
      // Still the text that was too slow: nothing is posted until it changes.
      this.awaiting.delete(type);
      this.settle();
      return id;
    }
    this.blocked = null;
    this.post({ id, type, parts, traces });
    return id;
  }

  private post(sent: Sent): void {
    const { type } = sent;
    const body = this.bodyOf(sent.parts);
    const request: WorkerRequest =
      type === 'evaluate'
        ? { type, id: sent.id, traces: sent.traces, ...body }
        : { type, id: sent.id, ...body };
    this.awaiting.set(type, sent);
    this.inFlight.set(sent.id, sent);
    this.worker.postMessage(request);
    this.watchdog ??= setTimeout(() => this.timeout(), this.clock());
    if (type === 'evaluate' && !this.busy)
      this.busyTimer ??= setTimeout(() => this.setBusy(true), this.busyMs);
  }

  private setBusy(busy: boolean): void {
    clearTimeout(this.busyTimer);
    this.busyTimer = undefined;
    if (this.busy === busy) return;
    this.busy = busy;
    this.listeners.busy.forEach((l) => l(busy));
  }

  /** The watchdog's time limit: the evaluation's, or a new worker's time to load and answer. */
  private clock(): number {
    return this.booted ? this.watchdogMs : this.bootMs;
  }

  /** Progress (or nothing left to wait for): the watchdog starts over, the busy flag follows. */
  private settle(): void {
    clearTimeout(this.watchdog);
    this.watchdog = this.awaiting.size > 0 ? setTimeout(() => this.timeout(), this.clock()) : undefined;
    if (!this.awaiting.has('evaluate')) this.setBusy(false);
  }

  private timeout(): void {
    this.watchdog = undefined;
    // For measurements (the journeys time the recovery from here).
    performance.mark('evaluation.watchdog');
    // A baseline that hangs the worker is dropped (and reported), never blamed on the current text.
    const baseline = this.runningBaseline;
    this.runningBaseline = null;
    if (baseline) this.baselineAwaited.delete(baseline.type);
    const slow = baseline
      ? this.running
      : (this.running ?? this.awaiting.get('evaluate') ?? this.awaiting.get('matrix'));
    this.worker.onmessage = null;
    this.worker.terminate();
    this.worker = this.start();
    this.decoder = new DeltaDecoder();
    this.postedVersion = 0;
    this.running = null;
    this.inFlight.clear();
    const again = [...this.awaiting.values()];
    this.awaiting.clear();
    if (slow) this.blocked = slow.parts;
    for (const sent of again) if (!slow || !sameParts(sent.parts, slow.parts)) this.post(sent);
    for (const request of this.baselineAwaited.values()) this.worker.postMessage(request);
    this.settle();
    if (slow) this.listeners.timeout.forEach((l) => l({ parts: slow.parts, ms: this.watchdogMs }));
    if (baseline) {
      const failure: Answer<'failure'> = {
        type: 'failure',
        id: baseline.id,
        request: baseline.type,
        message: `the review baseline took longer than ${this.watchdogMs} ms to evaluate`,
      };
      this.listeners.failure.forEach((l) => l(failure));
    }
  }

  /**
   * Finds what made `parts` slow, bisecting its policies in a throwaway worker under the same
   * time limit (diagnoseInWorker.ts). `cancel` terminates that worker (a newer edit makes the
   * question moot).
   */
  diagnose(parts: WorkspaceParts): { result: Promise<SlowCulprit | null>; cancel(): void } {
    return diagnoseInWorker(parts, this.createWorker, { watchdogMs: this.watchdogMs, bootMs: this.bootMs });
  }

  /** A new version whenever metadata, mesh or probes are different objects (the store never mutates them). */
  private bodyOf(parts: WorkspaceParts): Omit<WorkerRequest, 'type' | 'id' | 'traces'> {
    const s = this.structure;
    if (!s || s.metadata !== parts.metadata || s.mesh !== parts.mesh || s.probes !== parts.probes) {
      this.structure = { metadata: parts.metadata, mesh: parts.mesh, probes: parts.probes };
      this.structureVersion++;
    }
    const body = { policies: parts.policies, structureVersion: this.structureVersion };
    if (this.postedVersion === this.structureVersion) return body;
    this.postedVersion = this.structureVersion;
    return { ...body, structure: this.structure ?? undefined };
  }

  on<T extends keyof EvaluationClient['listeners']>(
    type: T,
    listener: (answer: Answer<T>) => void,
  ): () => void {
    const set = this.listeners[type] as Set<(answer: Answer<T>) => void>;
    set.add(listener);
    return () => set.delete(listener);
  }

  private receive(answer: WorkerResponse): void {
    this.booted = true;
    if (answer.type === 'started') {
      this.running = this.inFlight.get(answer.id) ?? null;
      this.runningBaseline = [...this.baselineAwaited.values()].find((r) => r.id === answer.id) ?? null;
      // Older requests of the same kind were coalesced away: they never start.
      for (const [id, sent] of this.inFlight)
        if (id < answer.id && sent.type === this.running?.type) this.inFlight.delete(id);
      this.settle();
      return;
    }
    const baselineKind: BaselineRequest['type'] | null =
      answer.type === 'baseline' || answer.type === 'baselineMatrix'
        ? answer.type
        : answer.type === 'failure' && (answer.request === 'baseline' || answer.request === 'baselineMatrix')
          ? answer.request
          : null;
    if (baselineKind) {
      if (this.running?.id === answer.id) this.running = null;
      if (this.runningBaseline?.id === answer.id) this.runningBaseline = null;
      if (this.baselineAwaited.get(baselineKind)?.id === answer.id) this.baselineAwaited.delete(baselineKind);
      this.settle();
      if (this.latest.get(baselineKind) !== answer.id) return;
      if (answer.type === 'baseline') this.listeners.baseline.forEach((l) => l(answer));
      else if (answer.type === 'baselineMatrix') this.listeners.baselineMatrix.forEach((l) => l(answer));
      else if (answer.type === 'failure') this.listeners.failure.forEach((l) => l(answer));
      return;
    }
    this.inFlight.delete(answer.id);
    if (this.running?.id === answer.id) this.running = null;
    const kindOf: WorkerMessage['type'] =
      answer.type === 'failure' ? answer.request : answer.type === 'evaluation' ? 'evaluate' : 'matrix';
    if (this.awaiting.get(kindOf)?.id === answer.id) this.awaiting.delete(kindOf);
    this.settle();
    // Every delta changes the mirror, in order, even one whose answer is not delivered.
    const evaluation = answer.type === 'evaluation' ? this.decoder.apply(answer.delta) : null;
    const kind: WorkerMessage['type'] =
      answer.type === 'failure' ? answer.request : answer.type === 'evaluation' ? 'evaluate' : 'matrix';
    if (this.latest.get(kind) !== answer.id) return; // stale: a newer request is on its way
    if (answer.type === 'evaluation' && evaluation) {
      const delivered: EvaluationAnswer = { type: 'evaluation', id: answer.id, evaluation, ms: answer.ms };
      this.listeners.evaluation.forEach((l) => l(delivered));
    } else if (answer.type === 'matrix') this.listeners.matrix.forEach((l) => l(answer));
    else if (answer.type === 'failure') this.listeners.failure.forEach((l) => l(answer));
  }
}

let shared: EvaluationClient | null = null;

/** The app's one evaluation client, backed by a module worker bundled by Vite. */
export function evaluationClient(): EvaluationClient {
  shared ??= new EvaluationClient(
    () =>
      new Worker(new URL('./evaluation.worker.ts', import.meta.url), {
        type: 'module',
      }) as unknown as WorkerLike,
  );
  return shared;
}
