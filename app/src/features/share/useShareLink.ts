/**
 * Opening a share link: the link's workspace replaces the page's only after the current work was
 * put aside (one click restores it); a broken or hostile link only produces a message.
 */
import type { AppStore as PlaygroundStore } from '../../store';
import { serializeWorkspace } from '@playground/evaluator';
import { readWorkspaceText } from '../../state/workspaceText';
import { savePrevious } from '../../state/persistence';
import { decodeShareHash } from './shareLink';

export async function openShareHash(store: PlaygroundStore, hash: string): Promise<void> {
  const decoded = await decodeShareHash(hash);
  if (decoded === null) return;
  // Remove the payload from the address bar so a reload does not apply it again.
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  if (!decoded.ok) {
    store.getState().setNotice({
      kind: 'error',
      message: `This share link cannot be opened: ${decoded.message}. Your workspace is unchanged.`,
    });
    return;
  }
  const read = readWorkspaceText(decoded.text);
  if (!read.ok) {
    store.getState().setNotice({
      kind: 'error',
      message: `This share link cannot be opened: ${read.message}. Your workspace is unchanged.`,
    });
    return;
  }
  const previous = serializeWorkspace(store.getState().workspace).text;
  if (previous) savePrevious(previous);
  store.getState().replaceWorkspace(read.parts);
  store.getState().setNotice({
    kind: 'info',
    message: 'You opened a shared workspace.',
    ...(previous ? { previous } : {}),
  });
}
