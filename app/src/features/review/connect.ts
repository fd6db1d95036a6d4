/**
 * Connects review mode to the rest of the app:
 * - a workspace opened (anything that replaces it: link, example, import, file, lesson, restore —
 *   the store's `epoch`) becomes the review baseline, and closes review mode; undo/redo never do;
 * - while review mode is open, the baseline is evaluated by the worker once per baseline, and again
 *   only when the inspector wants one of its traces (never per keystroke);
 * - the baseline and the open flag are saved (on change only) so a reload keeps them.
 */
import type { StoreApi } from 'zustand';
import type { Store } from '../../store';
import type { EvaluationClient } from '../../worker/client';
import { saveReview } from './persistence';
import { selectReviewDiff } from './selectors';

/** The baseline probe whose trace the inspector shows (the selected probe's partner), if any. */
function baselineTrace(state: Store): number[] {
  if (state.selection?.kind !== 'probe') return [];
  const index = state.selection.index;
  const change = selectReviewDiff(state)?.changes.find((c) => c.afterIndex === index);
  return change ? [change.beforeIndex] : [];
}

export function connectReview(
  store: StoreApi<Store>,
  client: Pick<EvaluationClient, 'evaluateBaseline' | 'baselineMatrix' | 'on'>,
  options: { save?: typeof saveReview } = {},
): () => void {
  const save = options.save ?? saveReview;
  let asked: { baseline: unknown; trace: number | undefined } | null = null;
  let askedMatrix: unknown = null;

  const evaluate = (state: Store) => {
    const baseline = state.reviewBaseline;
    if (!state.reviewOpen || !baseline) return;
    const trace = baselineTrace(state)[0];
    if (asked && asked.baseline === baseline && (trace === undefined || asked.trace === trace)) return;
    asked = { baseline, trace };
    client.evaluateBaseline(baseline, trace === undefined ? [] : [trace]);
  };
  const matrix = (state: Store) => {
    const baseline = state.reviewBaseline;
    if (!state.matrixOpen || !state.reviewOpen || !baseline || askedMatrix === baseline) return;
    askedMatrix = baseline;
    client.baselineMatrix(baseline);
  };

  const offBaseline = client.on('baseline', (answer) => {
    const baseline = asked?.baseline;
    const state = store.getState();
    if (baseline === state.reviewBaseline && state.reviewBaseline)
      state.receiveBaseline(state.reviewBaseline, answer.evaluation);
  });
  const offMatrix = client.on('baselineMatrix', (answer) => {
    const state = store.getState();
    if (askedMatrix === state.reviewBaseline && state.reviewBaseline)
      state.receiveBaselineMatrix(state.reviewBaseline, answer.entries);
  });

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.epoch !== previous.epoch && !state.embedded) {
      // A workspace just opened is its own baseline: nothing to review until it changes (a review
      // link sets its baseline and opens review mode right after this).
      state.setReviewBaseline(state.workspace);
      if (state.reviewOpen) state.closeReview();
    }
    const now = store.getState();
    if (
      now.reviewBaseline !== previous.reviewBaseline ||
      now.reviewOpen !== previous.reviewOpen ||
      now.selection !== previous.selection ||
      now.baselineEvaluation !== previous.baselineEvaluation ||
      now.verdicts !== previous.verdicts
    )
      evaluate(now);
    if (
      now.matrixOpen !== previous.matrixOpen ||
      now.reviewOpen !== previous.reviewOpen ||
      now.reviewBaseline !== previous.reviewBaseline
    )
      matrix(now);
    if (
      !now.embedded &&
      (now.reviewBaseline !== previous.reviewBaseline || now.reviewOpen !== previous.reviewOpen)
    )
      save(now.reviewBaseline, now.reviewOpen);
  });
  evaluate(store.getState());
  matrix(store.getState());
  return () => {
    unsubscribe();
    offBaseline();
    offMatrix();
  };
}
