/**
 * Connects the store to the evaluation worker and to autosave: every change of the workspace
 * parts is posted to the worker (the client drops stale answers); every answer is stored; the
 * serialised text it carries is autosaved after a short pause.
 */
import type { WorkspaceParts } from '@playground/evaluator';
import type { EvaluationClient } from '../worker/client';
import { saveCurrent } from './persistence';
import type { PlaygroundStore, Store } from './store';

const partsOf = (s: Store): WorkspaceParts => ({
  metadata: s.metadata,
  mesh: s.mesh,
  policies: s.policies,
  probes: s.probes,
});

export function connectEvaluation(
  store: PlaygroundStore,
  client: EvaluationClient,
  autosaveDelayMs = 300,
  autosave = true,
): () => void {
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const offEvaluation = client.on('evaluation', (answer) => {
    store.getState().receive(answer.evaluation, answer.policiesLine, answer.text);
    clearTimeout(saveTimer);
    if (!autosave) return; // an embed must not overwrite the playground's autosaved work
    saveTimer = setTimeout(() => {
      if (!saveCurrent(answer.text)) {
        store.getState().setNotice({
          kind: 'error',
          message:
            'Autosave failed: the browser refused to store this workspace (too large?). Export it to keep it.',
        });
      }
    }, autosaveDelayMs);
  });
  const offFailure = client.on('failure', (answer) =>
    store.getState().setNotice({ kind: 'error', message: `Evaluation failed: ${answer.message}` }),
  );
  client.evaluate(partsOf(store.getState()));
  const unsubscribe = store.subscribe((state, previous) => {
    if (
      state.metadata !== previous.metadata ||
      state.mesh !== previous.mesh ||
      state.policies !== previous.policies ||
      state.probes !== previous.probes
    ) {
      client.evaluate(partsOf(state));
    }
  });
  return () => {
    unsubscribe();
    offEvaluation();
    offFailure();
    clearTimeout(saveTimer);
  };
}

export { partsOf };
