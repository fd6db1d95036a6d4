/**
 * The one place the export worker gets the verification script from. `verificationScript` is the
 * evaluator's (packages/evaluator/src/review/script.ts); until it is merged this adapter refuses,
 * so the app never offers a made-up script.
 */
import type { Evaluation, WorkspaceParts } from '@playground/evaluator';

export function buildVerificationScript(_parts: WorkspaceParts, _evaluation: Evaluation): string {
  throw new Error('the verification script is not available in this build yet');
}
