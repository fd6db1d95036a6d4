/** The messages between the app and the export worker (export.worker.ts). */
import type { WorkspaceParts } from '@playground/evaluator';
import type { WorkerAnswer } from '../../worker/requestClient';

/**
 * - `script`: the bash verification script of the workspace's evaluated outcomes;
 * - `markdown`: the report for a pull request comment: what changed since `baseline` (with the
 *   policy diff), or every outcome when there is no baseline; `link` is the share link it ends with.
 */
export type ExportRequest =
  | { id: number; kind: 'script'; parts: WorkspaceParts }
  | {
      id: number;
      kind: 'markdown';
      parts: WorkspaceParts;
      baseline: WorkspaceParts | null;
      title: string;
      link: string | null;
    };

export type ExportKind = ExportRequest['kind'];

export type ExportResponse = WorkerAnswer<{ text: string }>;
