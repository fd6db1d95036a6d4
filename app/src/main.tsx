/**
 * Entry point: restores the autosaved workspace (or the default one), connects the store to the
 * evaluation worker, applies a share link if the address carries one, and renders the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppStore, StoreProvider } from './store';
import { loadCorruptBackups, loadSaved, loadTheme, saveCorruptBackup } from './state/persistence';
import { defaultParts } from './state/store';
import { connectAutosave, connectEvaluation } from './state/sync';
import { readWorkspaceText } from './state/workspaceText';
import { evaluationClient } from './worker/client';
import { openShareHash } from './features/share/useShareLink';
import { workerEngine } from './features/lessons/workerEngine';
import { connectReview } from './features/review/connect';
import './styles.css';

const saved = loadSaved();
const restored = saved ? readWorkspaceText(saved) : null;
const unreadable = saved !== null && restored !== null && !restored.ok ? saved : null;
// An unreadable entry is kept raw under a backup key before anything can write over it (next to
// those kept before); its notice (download, discard) stays on every load until the user discards.
if (unreadable !== null) saveCorruptBackup(unreadable);
const store = createAppStore({
  lessonEngine: workerEngine,
  initial: restored?.ok ? restored.parts : defaultParts(),
});
const corrupt = loadCorruptBackups();
// Storage refused it (full, or private mode): still offered for download in this session.
if (unreadable !== null && !corrupt.includes(unreadable)) corrupt.push(unreadable);
if (corrupt.length > 0) store.getState().setHealth({ corruptAutosaves: corrupt });
const theme = loadTheme() ?? (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
store.getState().setTheme(theme === 'dark' ? 'dark' : 'light');

connectEvaluation(store, evaluationClient());
connectReview(store, evaluationClient());
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
