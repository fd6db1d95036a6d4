/**
 * Entry point: restores the autosaved workspace (or the default one), connects the store to the
 * evaluation worker, applies a share link if the address carries one, and renders the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppStore, StoreProvider } from './store';
import { loadSaved, loadTheme } from './state/persistence';
import { defaultParts } from './state/store';
import { connectAutosave, connectEvaluation } from './state/sync';
import { readWorkspaceText } from './state/workspaceText';
import { evaluationClient } from './worker/client';
import { openShareHash } from './features/share/useShareLink';
import { workerEngine } from './features/lessons/workerEngine';
import './styles.css';

const saved = loadSaved();
const restored = saved ? readWorkspaceText(saved) : null;
const store = createAppStore({
  lessonEngine: workerEngine,
  initial: restored?.ok ? restored.parts : defaultParts(),
});
if (restored && !restored.ok)
  store.getState().setNotice({
    kind: 'error',
    message: `The autosaved workspace could not be restored (${restored.message}); the default one is shown.`,
  });
const theme = loadTheme() ?? (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
store.getState().setTheme(theme === 'dark' ? 'dark' : 'light');

connectEvaluation(store, evaluationClient());
// An embed must not overwrite the playground's autosaved work.
if (!store.getState().embedded)
  connectAutosave(store, {
    onFailure: () =>
      store.getState().setNotice({
        kind: 'error',
        message:
          'Autosave failed: the browser refused to store this workspace (too large?). Export it to keep it.',
      }),
  });
void openShareHash(store, location.hash);
window.addEventListener('hashchange', () => void openShareHash(store, location.hash));

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
