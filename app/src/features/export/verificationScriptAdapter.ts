/**
 * The one place the export worker gets the verification script from: the evaluator's
 * `verificationScript` (packages/evaluator/src/review/script.ts), which quotes every value that
 * comes from the workspace.
 */
import { verificationScript } from '@playground/evaluator';
import type { Evaluation, WorkspaceParts } from '@playground/evaluator';

export function buildVerificationScript(parts: WorkspaceParts, evaluation: Evaluation): string {
  return verificationScript(parts, evaluation);
}
