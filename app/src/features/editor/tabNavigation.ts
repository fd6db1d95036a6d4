/**
 * Tab in the policies editor. A keyboard user moving through the page must not change the YAML, so
 * Tab moves focus past the editor until the user types in it; from then on Tab indents, and Escape
 * hands the next Tab back to navigation.
 */
import type { editor as MonacoEditor, IDisposable } from 'monaco-editor';
import { TabFocus } from 'monaco-editor/esm/vs/editor/browser/config/tabFocus.js';
import { monaco } from './monacoSetup';

export interface TabState {
  /** The editor's text has the focus. */
  focused: boolean;
  /** Tab moves the focus (true) or indents (false). */
  tabMovesFocus: boolean;
}

export function keepTabForNavigation(
  editor: MonacoEditor.IStandaloneCodeEditor,
  onChange: (state: TabState) => void,
): IDisposable {
  const emit = () => onChange({ focused: editor.hasTextFocus(), tabMovesFocus: TabFocus.getTabFocusMode() });
  const tabMovesFocus = (on: boolean) => {
    // The switch is Monaco-wide; setting it to its own value would still re-layout every editor.
    if (TabFocus.getTabFocusMode() !== on) TabFocus.setTabFocusMode(on);
    emit();
  };
  const disposables = [
    // Every arrival starts in navigation: arriving by Tab must not make the next Tab indent.
    editor.onDidFocusEditorText(() => tabMovesFocus(true)),
    editor.onDidBlurEditorText(emit),
    // A text change while the editor has the focus is the user typing (or pasting, or deleting).
    editor.onDidChangeModelContent((e) => {
      if (!e.isFlush && editor.hasTextFocus()) tabMovesFocus(false);
    }),
    editor.onKeyDown((e) => {
      if (e.keyCode === monaco.KeyCode.Escape) tabMovesFocus(true);
    }),
    // Ctrl+M, Monaco's own toggle, changes the same switch.
    TabFocus.onDidChangeTabFocus(emit),
  ];
  emit();
  return { dispose: () => disposables.forEach((d) => d.dispose()) };
}
