/** The messages between the app and the export worker (export.worker.ts). */
import type { WorkspaceParts } from '@playground/evaluator';

/** `script`: the bash verification script of the workspace's evaluated outcomes. */
export interface ExportRequest {
  id: number;
  kind: 'script';
  parts: WorkspaceParts;
}

export type ExportResponse =
  { id: number; ok: true; text: string } | { id: number; ok: false; message: string };
