/**
 * The typed messages between the app and the evaluation worker.
 *
 * - Every request carries an id; the client keeps only the answer to its latest request of each
 *   kind for its listeners.
 * - `structureVersion` changes whenever metadata, mesh or probes change, and `structure` travels
 *   only when its version is new to the worker: while the user types, a request is just the
 *   policies text, so posting it does not clone 100 workloads and 300 probes each time.
 * - Traces are on demand (`traces`: the probe indices whose trace is wanted, usually the one the
 *   inspector shows), and an answer carries only what changed since the worker's previous answer
 *   (`EvaluationDelta`): most keystrokes change a few verdicts, not 300.
 */
import type {
  Diagnostic,
  DocumentSummary,
  Evaluation,
  MatrixEntry,
  ProbeResult,
  WorkloadFacts,
  WorkspaceMetadata,
  WorkspaceParts,
} from '@playground/evaluator';

/** Metadata, Mesh and Probes: everything but the policies text. */
export type WorkspaceStructure = Omit<WorkspaceParts, 'policies'>;

interface RequestBody {
  id: number;
  policies: string;
  structureVersion: number;
  structure?: WorkspaceStructure;
}

/**
 * The review baseline (review mode): evaluated once per baseline change, and again only when the
 * inspector asks for one of its traces, never per keystroke. The whole baseline travels each time
 * (rare), and it is evaluated apart from the current workspace so neither evicts the other's parses.
 */
export type BaselineRequest =
  | { type: 'baseline'; id: number; parts: WorkspaceParts; traces: number[] }
  | { type: 'baselineMatrix'; id: number; parts: WorkspaceParts };

export type WorkerRequest =
  ({ type: 'evaluate'; traces: number[] } & RequestBody) | ({ type: 'matrix' } & RequestBody);

/** Everything the worker may be sent. */
export type WorkerMessage = WorkerRequest | BaselineRequest;

/**
 * An evaluation as a change of the worker's previous answer (the first answer is complete):
 * `probes` lists only the results that differ, `probeCount` is the new length; `workloads` and
 * `documents` are present only when they changed.
 */
export interface EvaluationDelta {
  metadata: WorkspaceMetadata;
  diagnostics: Diagnostic[];
  probeCount: number;
  probes: ProbeResult[];
  workloads?: WorkloadFacts[];
  documents?: DocumentSummary[];
}

export type WorkerResponse =
  /** Posted when the worker starts on a request (coalesced requests never start): the watchdog's clock. */
  | { type: 'started'; id: number }
  | { type: 'evaluation'; id: number; delta: EvaluationDelta; ms: number }
  | { type: 'matrix'; id: number; entries: MatrixEntry[]; diagnostics: Diagnostic[] }
  /** The baseline's evaluation, whole (it is asked for rarely). */
  | { type: 'baseline'; id: number; evaluation: Evaluation }
  | { type: 'baselineMatrix'; id: number; entries: MatrixEntry[] }
  | { type: 'failure'; id: number; request: WorkerMessage['type']; message: string };
