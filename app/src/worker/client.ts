/**
 * The app's side of the worker protocol: latest request wins, answers to older requests are
 * dropped. The worker is created lazily so tests can inject a fake.
 */
import type { Evaluation, WorkspaceParts } from '@playground/evaluator';
import { DeltaDecoder } from './delta';
import type { WorkerRequest, WorkerResponse, WorkspaceStructure } from './protocol';

export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
}

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
  failure: Response<'failure'>;
}
type Answer<T extends keyof Answers> = Answers[T];

export class EvaluationClient {
  private nextId = 1;
  private readonly latest = new Map<WorkerRequest['type'], number>();
  private readonly listeners = {
    evaluation: new Set<(answer: Answer<'evaluation'>) => void>(),
    matrix: new Set<(answer: Answer<'matrix'>) => void>(),
    failure: new Set<(answer: Answer<'failure'>) => void>(),
  };

  constructor(private readonly worker: WorkerLike) {
    worker.onmessage = (event) => this.receive(event.data);
  }

  private structure: WorkspaceStructure | null = null;
  private structureVersion = 0;
  /** The newest structure version already posted to the worker. */
  private postedVersion = 0;

  private readonly decoder = new DeltaDecoder();

  /** Evaluates every probe; `traces` lists the probes whose full trace is wanted. */
  evaluate(parts: WorkspaceParts, traces: number[] = []): number {
    return this.send({ type: 'evaluate', id: this.nextId++, traces, ...this.bodyOf(parts) });
  }

  matrix(parts: WorkspaceParts): number {
    return this.send({ type: 'matrix', id: this.nextId++, ...this.bodyOf(parts) });
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

  private send(request: WorkerRequest): number {
    this.latest.set(request.type, request.id);
    this.worker.postMessage(request);
    return request.id;
  }

  private receive(answer: WorkerResponse): void {
    // Every delta changes the mirror, in order, even one whose answer is not delivered.
    const evaluation = answer.type === 'evaluation' ? this.decoder.apply(answer.delta) : null;
    const kind: WorkerRequest['type'] =
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
    new Worker(new URL('./evaluation.worker.ts', import.meta.url), {
      type: 'module',
    }) as unknown as WorkerLike,
  );
  return shared;
}
