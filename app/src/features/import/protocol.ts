/** The messages between the app and the import worker (import.worker.ts). */
import type { ImportDiagnostic, ImportFile, ImportSummary } from '@playground/evaluator';
import type { WorkerAnswer } from '../../worker/requestClient';

export interface ImportRequest {
  id: number;
  files: ImportFile[];
  probes: 'none' | 'services';
}

/**
 * What the files hold, before anything replaces the workspace:
 * - `workspace`: one playground workspace file, opened as it is;
 * - `kubernetes`: cluster objects and manifests, read into a workspace (`text`), with what was read,
 *   skipped and warned about, and the files that do not parse.
 */
export type ImportPreview =
  | { kind: 'workspace'; file: string; text: string }
  | { kind: 'kubernetes'; text: string; summary: ImportSummary; diagnostics: ImportDiagnostic[] };

export type ImportResponse = WorkerAnswer<{ preview: ImportPreview }>;
