/**
 * Review mode's state in the one store (composed in `../../store.tsx`):
 * - `reviewBaseline`: the workspace a review compares with. It is set whenever a workspace is opened
 *   (link, example, import, file, lesson: anything that replaces the workspace, see `connect.ts`),
 *   by a review link's `&b=`, and by "Set baseline to now". Undo/redo never touch it.
 * - `reviewOpen`: review mode is shown (a review link, or "Review changes…"), until closed.
 * - `baselineEvaluation`: the worker's answer for the baseline (`baselineOf` says which baseline it
 *   belongs to, so an answer for an older baseline is never paired with a newer one).
 * The diff itself is derived (`selectors.ts`), never stored.
 */
import type { Evaluation, MatrixEntry, WorkspaceParts } from '@playground/evaluator';
import { loadReview } from './persistence';

export interface ReviewSliceState {
  reviewBaseline: WorkspaceParts | null;
  reviewOpen: boolean;
  baselineEvaluation: Evaluation | null;
  baselineOf: WorkspaceParts | null;
  /** The baseline's reachability matrix (asked for by the matrix's "changes only"). */
  baselineMatrix: { of: WorkspaceParts; entries: MatrixEntry[] } | null;
  policyDiffOpen: boolean;
}

export interface ReviewSliceActions {
  setReviewBaseline(parts: WorkspaceParts | null): void;
  /** The workspace shown now becomes the baseline. */
  setBaselineToNow(): void;
  openReview(): void;
  closeReview(): void;
  receiveBaseline(of: WorkspaceParts, evaluation: Evaluation): void;
  receiveBaselineMatrix(of: WorkspaceParts, entries: MatrixEntry[]): void;
  setPolicyDiffOpen(open: boolean): void;
}

export type ReviewSlice = ReviewSliceState & ReviewSliceActions;

export interface ReviewHost {
  workspace: WorkspaceParts;
}

export function createReviewSlice(
  set: (partial: Partial<ReviewSliceState>) => void,
  get: () => ReviewHost & ReviewSlice,
  initial: WorkspaceParts,
  restore: () => { baseline: WorkspaceParts | null; open: boolean } | null = loadReview,
): ReviewSlice {
  const restored = restore();
  const baseline = restored?.baseline ?? initial;
  return {
    reviewBaseline: baseline,
    reviewOpen: restored?.open ?? false,
    baselineEvaluation: null,
    baselineOf: null,
    baselineMatrix: null,
    policyDiffOpen: false,

    setReviewBaseline: (parts) => {
      if (parts !== get().reviewBaseline) set({ reviewBaseline: parts });
    },
    setBaselineToNow: () => set({ reviewBaseline: get().workspace }),
    openReview: () => set({ reviewOpen: true }),
    closeReview: () => set({ reviewOpen: false, policyDiffOpen: false }),
    receiveBaseline: (of, evaluation) => set({ baselineEvaluation: evaluation, baselineOf: of }),
    receiveBaselineMatrix: (of, entries) => set({ baselineMatrix: { of, entries } }),
    setPolicyDiffOpen: (policyDiffOpen) => set({ policyDiffOpen }),
  };
}
