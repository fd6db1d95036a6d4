/// <reference lib="webworker" />
/**
 * The evaluation worker: runs the evaluator on the workspace parts off the main thread.
 * - The evaluator parses only the parts that changed (the same mesh and probes objects are reused
 *   while only the policies text changes).
 * - Requests that arrive while one is being evaluated are coalesced: only the newest of each kind
 *   is evaluated next, so typing never queues up work.
 * - Answers are deltas against the previous answer (see delta.ts), with traces only for the probes
 *   the app asked for.
 */
import { createEvaluator, matrixOfWorkspace, serializeWorkspace } from '@playground/evaluator';
import { DeltaEncoder } from './delta';
import type { WorkspaceParts } from '@playground/evaluator';
import type { WorkerMessage, WorkerResponse, WorkspaceStructure } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const evaluator = createEvaluator();
/** The review baseline's own evaluator: evaluating it never evicts the current workspace's parses. */
const baselineEvaluator = createEvaluator();
const encoder = new DeltaEncoder();
const pending = new Map<WorkerMessage['type'], WorkerMessage>();
/** Structures by version, as the client sent them (only when new); older ones are dropped once unused. */
const structures = new Map<number, WorkspaceStructure>();
let running = false;

function post(message: WorkerResponse): void {
  scope.postMessage(message);
}

const matrixOf = (parts: WorkspaceParts) =>
  matrixOfWorkspace(serializeWorkspace(parts).text, { path: '/ip' });

async function handle(request: WorkerMessage): Promise<void> {
  post({ type: 'started', id: request.id });
  try {
    if (request.type === 'baseline') {
      const evaluation = await baselineEvaluator.evaluateParts(request.parts, { traces: request.traces });
      post({ type: 'baseline', id: request.id, evaluation });
      return;
    }
    if (request.type === 'baselineMatrix') {
      const { entries } = await matrixOf(request.parts);
      post({ type: 'baselineMatrix', id: request.id, entries });
      return;
    }
    const structure = structures.get(request.structureVersion);
    if (!structure) throw new Error(`workspace structure ${request.structureVersion} never arrived`);
    const parts = { ...structure, policies: request.policies };
    if (request.type === 'evaluate') {
      const started = performance.now();
      const evaluation = await evaluator.evaluateParts(parts, { traces: request.traces });
      const delta = encoder.encode(evaluation);
      post({ type: 'evaluation', id: request.id, delta, ms: performance.now() - started });
    } else {
      const { entries, diagnostics } = await matrixOf(parts);
      post({ type: 'matrix', id: request.id, entries, diagnostics });
    }
  } catch (error) {
    post({
      type: 'failure',
      id: request.id,
      request: request.type,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Lets the messages queued meanwhile arrive (a macrotask later), so only the latest of a burst runs. */
const messagesArrive = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Evaluates what is pending, newest of each kind, until nothing is. An idle worker starts on a
 * request at once (a lone keystroke waits for no timer); after each evaluation it first lets the
 * requests posted meanwhile arrive, so a burst of keystrokes is evaluated once, at its latest text.
 */
async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (;;) {
      const next =
        pending.get('evaluate') ??
        pending.get('matrix') ??
        pending.get('baseline') ??
        pending.get('baselineMatrix');
      if (!next) break;
      pending.delete(next.type);
      await handle(next);
      await messagesArrive();
    }
  } finally {
    running = false;
  }
}

scope.onmessage = (event: MessageEvent<WorkerMessage>) => {
  const request = event.data;
  pending.set(request.type, request);
  if (request.type !== 'baseline' && request.type !== 'baselineMatrix') {
    if (request.structure) structures.set(request.structureVersion, request.structure);
    // Keep the structures a pending request still needs (and the newest, which later requests reuse).
    const versions = [...pending.values()].flatMap((r) =>
      'structureVersion' in r ? [r.structureVersion] : [],
    );
    const needed = Math.min(request.structureVersion, ...versions);
    for (const version of structures.keys()) if (version < needed) structures.delete(version);
  }
  void drain();
};
