/**
 * The shapes of the application state: the workspace document (what is saved, shared and undone)
 * and the session around it (selection, view settings, the engine's latest answer).
 */
import type {
  Diagnostic,
  Evaluation,
  ProbeResult,
  WorkloadFacts,
  WorkspaceParts,
} from '@playground/evaluator';

export type Selection =
  | { kind: 'workload'; key: string }
  | { kind: 'namespace'; name: string }
  | { kind: 'probe'; index: number }
  | { kind: 'external' }
  | null;

/** Lines to reveal and highlight in the policies editor (Monaco lines, 1-based). */
export interface EditorHighlight {
  ranges: { startLine: number; endLine: number; startColumn?: number; endColumn?: number }[];
  /** Changes on every request so the same range can be revealed twice. */
  nonce: number;
}

export interface Notice {
  kind: 'error' | 'info';
  message: string;
  /** Workspace text the user had before a link, an example or an import replaced it: one click restores it. */
  previous?: string;
}

/** The engine's latest answer plus what the UI keeps while the YAML does not parse. */
export interface Verdicts {
  probes: ProbeResult[];
  workloads: WorkloadFacts[];
  diagnostics: Diagnostic[];
  evaluation: Evaluation;
  /** The YAML did not parse: the probes/workloads shown are the last good ones. */
  stale: boolean;
}

/**
 * What undo/redo restores: the canvas-edited parts (Monaco keeps its own undo for the policies text).
 * An undo step. Typing in the policies editor is Monaco's own undo; a step that replaced the whole
 * workspace (a link, an example, an import, another tab's workspace) also carries the policies text
 * it replaced, so undoing it brings that text back too.
 */
export type WorkspaceSnapshot = Omit<WorkspaceParts, 'policies'> & { policies?: string };

export type Theme = 'light' | 'dark';

export type PanelToggle = 'matrixOpen' | 'legendOpen' | 'canvasOnly';
