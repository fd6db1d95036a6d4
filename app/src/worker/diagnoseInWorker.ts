/**
 * Runs the slow-document bisection (diagnose.ts) in a throwaway evaluation worker: each try is an
 * `evaluate` request that must finish within `watchdogMs` of its `started` message; a worker
 * that has not answered anything yet first gets `bootMs` to load. A try that runs out of time
 * terminates the worker, and the next try starts a new one.
 */
import type { WorkspaceParts } from '@playground/evaluator';
import type { WorkerLike } from './client';
import { findSlowDocument } from './diagnose';
import type { SlowCulprit } from './diagnose';
import type { WorkspaceStructure } from './protocol';

export interface DiagnoseLimits {
  watchdogMs: number;
  bootMs: number;
}

export function diagnoseInWorker(
  parts: WorkspaceParts,
  createWorker: () => WorkerLike,
  limits: DiagnoseLimits,
): { result: Promise<SlowCulprit | null>; cancel(): void } {
  let worker: WorkerLike | null = null;
  /** The throwaway worker has answered: it has loaded, so a try gets watchdogMs from its start. */
  let spoke = false;
  let cancelled = false;
  let stop: (() => void) | null = null;
  let id = 0;
  const structure: WorkspaceStructure = { metadata: parts.metadata, mesh: parts.mesh, probes: parts.probes };
  const finishes = (policies: string) =>
    new Promise<boolean>((resolve, reject) => {
      if (cancelled) return reject(new Error('cancelled'));
      if (!worker) {
        worker = createWorker();
        spoke = false;
      }
      const current = worker;
      const request = ++id;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          current.onmessage = null;
          current.terminate();
          worker = null;
          resolve(false);
        }, ms);
      };
      arm(spoke ? limits.watchdogMs : limits.bootMs);
      stop = () => {
        clearTimeout(timer);
        reject(new Error('cancelled'));
      };
      current.onmessage = (event) => {
        spoke = true;
        const answer = event.data;
        if (answer.id !== request) return;
        // Started: the time limit counts from here.
        if (answer.type === 'started') return arm(limits.watchdogMs);
        clearTimeout(timer);
        resolve(true);
      };
      current.postMessage({
        type: 'evaluate',
        id: request,
        traces: [],
        policies,
        structureVersion: request,
        structure,
      });
    });
  const result = findSlowDocument(parts.policies, finishes)
    .catch(() => null)
    .finally(() => {
      worker?.terminate();
      worker = null;
    });
  return {
    result,
    cancel: () => {
      cancelled = true;
      stop?.();
    },
  };
}
