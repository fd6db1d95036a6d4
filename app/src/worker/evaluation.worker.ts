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
import type { WorkerRequest, WorkerResponse, WorkspaceStructure } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const evaluator = createEvaluator();
const encoder = new DeltaEncoder();
const pending = new Map<WorkerRequest['type'], WorkerRequest>();
/** Structures by version, as the client sent them (only when new); older ones are dropped once unused. */
const structures = new Map<number, WorkspaceStructure>();
let running = false;

function post(message: WorkerResponse): void {
  scope.postMessage(message);
}

async function handle(request: WorkerRequest): Promise<void> {
  post({ type: 'started', id: request.id });
  try {
    const structure = structures.get(request.structureVersion);
    if (!structure) throw new Error(`workspace structure ${request.structureVersion} never arrived`);
    const parts = { ...structure, policies: request.policies };
    if (request.type === 'evaluate') {
      const started = performance.now();
      const evaluation = await evaluator.evaluateParts(parts, { traces: request.traces });
      const delta = encoder.encode(evaluation);
      post({ type: 'evaluation', id: request.id, delta, ms: performance.now() - started });
    } else {
      const { entries, diagnostics } = await matrixOfWorkspace(serializeWorkspace(parts).text, {
        path: '/ip',
      });
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

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (;;) {
      const next = pending.get('evaluate') ?? pending.get('matrix');
      if (!next) break;
      pending.delete(next.type);
      await handle(next);
    }
  } finally {
    running = false;
  }
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.structure) structures.set(request.structureVersion, request.structure);
  pending.set(request.type, request);
  // Keep the structures a pending request still needs (and the newest, which later requests reuse).
  const needed = Math.min(request.structureVersion, ...[...pending.values()].map((r) => r.structureVersion));
  for (const version of structures.keys()) if (version < needed) structures.delete(version);
  // Let queued messages arrive first so only the latest of a burst is evaluated.
  setTimeout(() => void drain(), 0);
};
