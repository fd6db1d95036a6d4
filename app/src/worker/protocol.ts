/**
 * The typed messages between the app and the evaluation worker. Every request carries an id; the
 * client keeps only the answer to its latest request of each kind (stale answers are dropped).
 * `structureVersion` changes whenever metadata, mesh or probes change, so the worker can reuse their
 * serialisation while only the policies text changes.
 */
import type { Diagnostic, Evaluation, MatrixEntry, WorkspaceParts } from '@playground/evaluator';

export type WorkerRequest =
  | { type: 'evaluate'; id: number; parts: WorkspaceParts; structureVersion: number }
  | { type: 'matrix'; id: number; parts: WorkspaceParts; structureVersion: number };

export type WorkerResponse =
  | { type: 'evaluation'; id: number; text: string; policiesLine: number; evaluation: Evaluation }
  | { type: 'matrix'; id: number; entries: MatrixEntry[]; diagnostics: Diagnostic[] }
  | { type: 'failure'; id: number; request: WorkerRequest['type']; message: string };
