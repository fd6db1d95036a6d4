/**
 * Keeps the address bar a link to what is shown, with history.replaceState only (edits never pile
 * up history entries): an open lesson is `#lesson=<id>&step=<n>`, an example just opened and
 * unchanged is `#example=<id>`, anything else is the share link `#w=1.<…>` of the workspace
 * (encoded ~400 ms after the last change, the stale hash dropped at once meanwhile; too large a
 * link drops the hash instead). The `present` and other query flags are kept. Embeds keep the
 * address they were opened with.
 */
import type { StoreApi } from 'zustand';
import { serializeWorkspace } from '@playground/evaluator';
import type { WorkspaceParts } from '@playground/evaluator';
import type { Store } from '../../store';
import { exampleHash, lessonHash, sitePath } from '../routing/route';
import { encodeWorkspace, MAX_ENCODED_LENGTH } from './shareLink';

export const ADDRESS_DEBOUNCE_MS = 400;

/** What the address should say now, or `share` when the workspace must be encoded first. */
export function addressFor(state: Store): { hash: string } | 'share' {
  if (state.lessonId && state.lessonStep > 0) return { hash: lessonHash(state.lessonId, state.lessonStep) };
  const example = state.shownExample;
  // In review mode the address carries the baseline too (`&b=`): only a share link can.
  if (example && example.workspace === state.workspace && !state.reviewOpen)
    return { hash: exampleHash(example.id) };
  return 'share';
}

function writeHash(hash: string): void {
  if (location.hash === hash || (hash === '' && location.hash === '')) return;
  history.replaceState(history.state, '', `${sitePath(location.pathname)}${location.search}${hash}`);
}

const syncs = new WeakMap<object, () => void>();

/** A baseline is encoded once (it changes rarely), not on every edit of the workspace. */
const encodedBaselines = new WeakMap<WorkspaceParts, Promise<string>>();
function encodeBaseline(parts: WorkspaceParts): Promise<string> {
  let encoded = encodedBaselines.get(parts);
  if (!encoded) encodedBaselines.set(parts, (encoded = encodeWorkspace(serializeWorkspace(parts).text)));
  return encoded;
}

/** `#w=…`, and `&b=…` in review mode; '' when too long for an address. */
export async function shareHash(workspace: WorkspaceParts, baseline: WorkspaceParts | null): Promise<string> {
  const [payload, base] = await Promise.all([
    encodeWorkspace(serializeWorkspace(workspace).text),
    baseline ? encodeBaseline(baseline) : Promise.resolve(null),
  ]);
  const length = payload.length + (base?.length ?? 0);
  if (length > MAX_ENCODED_LENGTH) return '';
  return `#w=${payload}${base ? `&b=${base}` : ''}`;
}

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
    // Until the new link is encoded, the old one (a lesson, an example, an earlier `#w=`) no longer
    // says what is shown: drop it at once, so a reload meanwhile opens the autosave, not the old link.
    writeHash('');
    const workspace = state.workspace;
    const baseline = state.reviewOpen ? state.reviewBaseline : null;
    timer = setTimeout(() => {
      void shareHash(workspace, baseline).then((hash) => {
        // A newer change (or a lesson/example) has taken over meanwhile.
        if (mine !== ticket || store.getState().workspace !== workspace) return;
        writeHash(hash);
      });
    }, ADDRESS_DEBOUNCE_MS);
  };

  syncs.set(store, sync);
  const unsubscribe = store.subscribe((state, previous) => {
    if (
      state.workspace !== previous.workspace ||
      state.lessonId !== previous.lessonId ||
      state.lessonStep !== previous.lessonStep ||
      state.shownExample !== previous.shownExample ||
      state.reviewOpen !== previous.reviewOpen ||
      (state.reviewOpen && state.reviewBaseline !== previous.reviewBaseline)
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
