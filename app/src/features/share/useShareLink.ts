/**
 * Opening a share link: the link's workspace replaces the page's only after the current work was
 * set aside in the history of recent workspaces (one click restores it, after a reload too); a broken or hostile link only produces a message; a link to
 * the workspace already shown (a reload) changes nothing.
 */
import type { AppStore as PlaygroundStore } from '../../store';
import { serializeWorkspace } from '@playground/evaluator';
import { readWorkspaceText } from '../../state/workspaceText';
import { decodeShareHash } from './shareLink';
import { syncAddressSoon } from './addressSync';
import { sitePath } from '../routing/route';

export async function openShareHash(store: PlaygroundStore, hash: string): Promise<void> {
  const decoded = await decodeShareHash(hash);
  if (decoded === null) return;
  const refuse = (message: string) => {
    store.getState().setNotice({
      kind: 'error',
      message: `This share link cannot be opened: ${message}. Your workspace is unchanged.`,
    });
    // The broken link leaves the address, which goes back to naming what is shown.
    history.replaceState(history.state, '', `${sitePath(location.pathname)}${location.search}`);
    syncAddressSoon(store);
  };
  if (!decoded.ok) return refuse(decoded.message);
  const read = readWorkspaceText(decoded.text);
  if (!read.ok) return refuse(read.message);
  const baseline = decoded.baseline === null ? null : readWorkspaceText(decoded.baseline);
  if (baseline && !baseline.ok) return refuse(`its review baseline: ${baseline.message}`);
  const previous = serializeWorkspace(store.getState().workspace).text;
  // The address always holds the link of what is shown (addressSync.ts), so a reload reopens the
  // workspace already there: nothing to replace or announce.
  const same = serializeWorkspace(read.parts).text === previous;
  if (!same) {
    store.getState().setAside();
    store.getState().replaceWorkspace(read.parts);
  }
  // A review link (`&b=`): its baseline replaces the one the opening just set, and review mode opens.
  if (baseline?.ok) {
    const current = store.getState().reviewBaseline;
    const sameBaseline =
      current !== null && serializeWorkspace(current).text === serializeWorkspace(baseline.parts).text;
    if (!sameBaseline) store.getState().setReviewBaseline(baseline.parts);
    store.getState().openReview();
  }
  if (same) return;
  store.getState().setNotice({
    kind: 'info',
    message: baseline?.ok ? 'You opened a review: the changes are marked.' : 'You opened a shared workspace.',
    ...(previous ? { previous } : {}),
  });
}
