/**
 * Replaces the workspace with an imported one (a workspace file, or what the import dialog read
 * from cluster objects). The workspace shown is set aside first, so it stays one click away: in the
 * notice's restore button and in File ▸ Recent workspaces.
 */
import { serializeWorkspace } from '@playground/evaluator';
import type { Store } from '../../store';
import { readWorkspaceText } from '../../state/workspaceText';

export function openImported(state: Store, name: string, text: string): boolean {
  const read = readWorkspaceText(text);
  if (!read.ok) {
    state.setNotice({
      kind: 'error',
      message: `${name} cannot be imported: ${read.message}. Your workspace is unchanged.`,
    });
    return false;
  }
  const previous = serializeWorkspace(state.workspace).text;
  state.setAside();
  state.closeLesson();
  state.replaceWorkspace(read.parts);
  state.setNotice({
    kind: 'info',
    message: `Imported ${name}. Your previous workspace is in File ▸ Recent workspaces.`,
    previous,
  });
  return true;
}
