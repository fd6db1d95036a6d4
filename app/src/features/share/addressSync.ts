/**
 * Keeps the address bar a link to what is shown, with history.replaceState only (edits never pile
 * up history entries): an open lesson is `#lesson=<id>&step=<n>`, an example just opened and
 * unchanged is `#example=<id>`, anything else is the share link `#w=1.<…>` of the workspace
 * (encoded ~400 ms after the last change; too large a link drops the hash instead). The `present`
 * and other query flags are kept. Embeds keep the address they were opened with.
 */
import type { StoreApi } from 'zustand';
import { serializeWorkspace } from '@playground/evaluator';
import type { Store } from '../../store';
import { exampleHash, lessonHash, sitePath } from '../routing/route';
import { encodeWorkspace, MAX_ENCODED_LENGTH } from './shareLink';

export const ADDRESS_DEBOUNCE_MS = 400;

/** What the address should say now, or `share` when the workspace must be encoded first. */
export function addressFor(state: Store): { hash: string } | 'share' {
  if (state.lessonId && state.lessonStep > 0) return { hash: lessonHash(state.lessonId, state.lessonStep) };
  const example = state.shownExample;
  if (example && example.workspace === state.workspace) return { hash: exampleHash(example.id) };
  return 'share';
}

function writeHash(hash: string): void {
  if (location.hash === hash || (hash === '' && location.hash === '')) return;
  history.replaceState(history.state, '', `${sitePath(location.pathname)}${location.search}${hash}`);
}

const syncs = new WeakMap<object, () => void>();

/** Asks a connected store's address to be brought up to date (after a link that changed nothing). */
export function syncAddressSoon(store: StoreApi<Store>): void {
  syncs.get(store)?.();
}

/** Starts keeping the address in step with `store`; returns the way to stop. */
export function connectAddress(store: StoreApi<Store>, { initial }: { initial: boolean }): () => void {
  let ticket = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const sync = () => {
    const state = store.getState();
    if (state.embedded) return;
    const mine = ++ticket;
    clearTimeout(timer);
    const target = addressFor(state);
    if (target !== 'share') {
      writeHash(target.hash);
      return;
    }
    const workspace = state.workspace;
    timer = setTimeout(() => {
      void encodeWorkspace(serializeWorkspace(workspace).text).then((payload) => {
        // A newer change (or a lesson/example) has taken over meanwhile.
        if (mine !== ticket || store.getState().workspace !== workspace) return;
        const body = payload.slice(payload.indexOf('.') + 1);
        writeHash(body.length > MAX_ENCODED_LENGTH ? '' : `#w=${payload}`);
      });
    }, ADDRESS_DEBOUNCE_MS);
  };

  syncs.set(store, sync);
  const unsubscribe = store.subscribe((state, previous) => {
    if (
      state.workspace !== previous.workspace ||
      state.lessonId !== previous.lessonId ||
      state.lessonStep !== previous.lessonStep ||
      state.shownExample !== previous.shownExample
    )
      sync();
  });
  if (initial) sync();
  return () => {
    clearTimeout(timer);
    ticket++;
    unsubscribe();
    if (syncs.get(store) === sync) syncs.delete(store);
  };
}
