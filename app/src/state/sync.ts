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
import { describeCulprit } from '../worker/diagnose';
import { AUTOSAVE_KEY, loadSaved, saveCurrent } from './persistence';
import type { CoreStore } from './store';
import { readWorkspaceText } from './workspaceText';

/** The part of a zustand store this module needs. */
interface StoreLike {
  getState(): CoreStore;
  subscribe(listener: (state: CoreStore, previous: CoreStore) => void): () => void;
}

/** Traces are on demand: only the inspected probe's. */
const tracesWanted = (state: CoreStore): number[] =>
  state.selection?.kind === 'probe' ? [state.selection.index] : [];

export function connectEvaluation(store: StoreLike, client: EvaluationClient): () => void {
  let diagnosis: ReturnType<EvaluationClient['diagnose']> | null = null;
  const offEvaluation = client.on('evaluation', (answer) => {
    store.getState().receive(answer.evaluation);
    // A good answer after a timeout: the slow text is gone.
    if (store.getState().slowEvaluation) {
      diagnosis?.cancel();
      diagnosis = null;
      store.getState().setHealth({ slowEvaluation: null });
    }
  });
  const offBusy = client.on('busy', (busy) => store.getState().setHealth({ evaluating: busy }));
  const offTimeout = client.on('timeout', ({ parts }) => {
    diagnosis?.cancel();
    store.getState().setHealth({ slowEvaluation: { culprit: null } });
    const current = client.diagnose(parts);
    diagnosis = current;
    void current.result.then((culprit) => {
      if (diagnosis !== current || !store.getState().slowEvaluation) return;
      diagnosis = null;
      store.getState().setHealth({
        slowEvaluation: { culprit: culprit ? describeCulprit(culprit) : 'the workspace as a whole' },
      });
    });
  });
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
    diagnosis?.cancel();
    offEvaluation();
    offBusy();
    offTimeout();
    offFailure();
  };
}

/** The text a workspace file reads back as (key order and style as this app writes them). */
function canonical(text: string): string {
  const read = readWorkspaceText(text);
  return read.ok ? serializeWorkspace(read.parts).text : text;
}

/**
 * Autosave: at most one write per `delayMs` while the user works, the last change always written,
 * and a flush on `pagehide` / hidden visibility. Returns a disconnect function.
 *
 * Two tabs: when another tab writes the autosave entry (a `storage` event) with a workspace other
 * than this one, `tabConflict` holds its text and nothing is written until the user chooses: "Load
 * theirs" replaces the workspace (nothing to write: it is what is stored), "Keep mine" clears the
 * conflict and this tab's workspace is written at once (the other tab hears of it in turn).
 */
export function connectAutosave(
  store: StoreLike,
  options: {
    delayMs?: number;
    save?: (text: string) => boolean;
    load?: () => string | null;
    onFailure?: () => void;
  } = {},
): () => void {
  const { delayMs = 250, save = saveCurrent, load = loadSaved } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: WorkspaceParts | null = null;
  let failed = false;
  /** What this tab knows the entry holds (written or read by it): writing it again is pointless. */
  let stored = load();
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending || store.getState().tabConflict !== null) return;
    const text = serializeWorkspace(pending).text;
    pending = null;
    if (text === stored) return;
    const ok = save(text);
    if (ok) stored = text;
    if (!ok && !failed) options.onFailure?.();
    failed = !ok;
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.tabConflict === null && previous.tabConflict !== null) {
      // The user chose: this tab's workspace is what should be stored now.
      pending = state.workspace;
      flush();
      return;
    }
    if (state.workspace === previous.workspace) return;
    pending = state.workspace;
    timer ??= setTimeout(flush, delayMs);
  });
  const onStorage = (event: StorageEvent) => {
    if (event.key !== AUTOSAVE_KEY || event.newValue === null) return;
    stored = event.newValue;
    const mine = serializeWorkspace(store.getState().workspace).text;
    if (event.newValue === mine || canonical(event.newValue) === canonical(mine)) {
      // The same workspace (e.g. the other tab loaded ours): nothing to choose.
      if (store.getState().tabConflict !== null) store.getState().setHealth({ tabConflict: null });
      return;
    }
    store.getState().setHealth({ tabConflict: event.newValue });
  };
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('storage', onStorage);
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    flush();
    unsubscribe();
    window.removeEventListener('storage', onStorage);
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onHide);
  };
}
