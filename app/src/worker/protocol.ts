/**
 * The typed messages between the app and the evaluation worker. Every request carries an id; the
 * client keeps only the answer to its latest request of each kind (stale answers are dropped).
 * `structureVersion` changes whenever metadata, mesh or probes change, so the worker can reuse their
 * serialisation while only the policies text changes.
 */
import type { Diagnostic, Evaluation, MatrixEntry, WorkspaceParts } from '@playground/evaluator';

/** Metadata, Mesh and Probes: everything but the policies text. */
export type WorkspaceStructure = Omit<WorkspaceParts, 'policies'>;

/**
 * `structure` travels only when its version is new to the worker: while the user types, a request
 * is just the policies text, so posting it does not clone 100 workloads and 300 probes each time.
 */
interface RequestBody {
  id: number;
  policies: string;
  structureVersion: number;
  structure?: WorkspaceStructure;
}

export type WorkerRequest = ({ type: 'evaluate' } & RequestBody) | ({ type: 'matrix' } & RequestBody);

export type WorkerResponse =
  | { type: 'evaluation'; id: number; text: string; policiesLine: number; evaluation: Evaluation }
  | { type: 'matrix'; id: number; entries: MatrixEntry[]; diagnostics: Diagnostic[] }
  | { type: 'failure'; id: number; request: WorkerRequest['type']; message: string };
