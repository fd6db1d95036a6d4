/**
 * Connects the store to the evaluation worker and to autosave.
 * - Every change of the workspace is posted to the worker (the client drops stale answers) and
 *   every answer is stored. Selecting another probe asks again, for that probe's trace.
 * - Autosave reads the store, not the worker: the workspace is written shortly after every change
 *   (throttled) and at once when the page is hidden or closed, so neither a slow evaluation nor a
 *   quick reload loses an edit.
 */
import { serializeWorkspace } from '@playground/evaluator';
import type { WorkspaceParts } from '@playground/evaluator';
import type { EvaluationClient } from '../worker/client';
import { saveCurrent } from './persistence';
import type { CoreStore } from './store';

/** The part of a zustand store this module needs. */
interface StoreLike {
  getState(): CoreStore;
  subscribe(listener: (state: CoreStore, previous: CoreStore) => void): () => void;
}

/** Traces are on demand: only the inspected probe's. */
const tracesWanted = (state: CoreStore): number[] =>
  state.selection?.kind === 'probe' ? [state.selection.index] : [];

export function connectEvaluation(store: StoreLike, client: EvaluationClient): () => void {
  const offEvaluation = client.on('evaluation', (answer) => store.getState().receive(answer.evaluation));
  const offFailure = client.on('failure', (answer) =>
    store.getState().setNotice({ kind: 'error', message: `Evaluation failed: ${answer.message}` }),
  );
  client.evaluate(store.getState().workspace, tracesWanted(store.getState()));
  const unsubscribe = store.subscribe((state, previous) => {
    const traces = tracesWanted(state);
    if (state.workspace !== previous.workspace || traces[0] !== tracesWanted(previous)[0])
      client.evaluate(state.workspace, traces);
  });
  return () => {
    unsubscribe();
    offEvaluation();
    offFailure();
  };
}

/**
 * Autosave: at most one write per `delayMs` while the user works, the last change always written,
 * and a flush on `pagehide` / hidden visibility. Returns a disconnect function.
 */
export function connectAutosave(
  store: StoreLike,
  options: { delayMs?: number; save?: (text: string) => boolean; onFailure?: () => void } = {},
): () => void {
  const { delayMs = 250, save = saveCurrent } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: WorkspaceParts | null = null;
  let failed = false;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const ok = save(serializeWorkspace(pending).text);
    pending = null;
    if (!ok && !failed) options.onFailure?.();
    failed = !ok;
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.workspace === previous.workspace) return;
    pending = state.workspace;
    timer ??= setTimeout(flush, delayMs);
  });
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    flush();
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onHide);
  };
}
