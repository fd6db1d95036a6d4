/**
 * The policies editor in presenter mode: the presenter's high-contrast theme and type a room can
 * read. Monaco's theme is global and the editor module is not ours to change, so this talks to
 * Monaco directly: it restyles the editors that exist and every editor created while presenting
 * ("Show editor", key `e`, mounts a fresh one).
 */
import type { Theme } from '../../state/types';
import type * as MonacoModule from '../editor/monacoSetup';

export const PRESENTER_EDITOR_FONT_SIZE = 20;
const NORMAL_FONT_SIZE = 13;
const PRESENTER_THEME = 'playground-presenter';

type Monaco = typeof MonacoModule.monaco;

function present(monaco: Monaco): void {
  // The editor component sets its own theme right after creating an editor: ours goes after it.
  requestAnimationFrame(() => monaco.editor.setTheme(PRESENTER_THEME));
  for (const editor of monaco.editor.getEditors())
    editor.updateOptions({ fontSize: PRESENTER_EDITOR_FONT_SIZE, lineHeight: 30 });
}

/** Starts presenting the editor; returns the way back to `theme`. */
export function presentEditor(theme: Theme): () => void {
  let stopped = false;
  let undo = () => {};
  void import('../editor/monacoSetup').then(({ monaco }) => {
    if (stopped) return;
    monaco.editor.defineTheme(PRESENTER_THEME, {
      base: 'hc-black',
      inherit: true,
      rules: [],
      colors: { 'editor.background': '#000000' },
    });
    present(monaco);
    const created = monaco.editor.onDidCreateEditor(() => present(monaco));
    undo = () => {
      created.dispose();
      monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
      for (const editor of monaco.editor.getEditors())
        editor.updateOptions({ fontSize: NORMAL_FONT_SIZE, lineHeight: 0 });
    };
  });
  return () => {
    stopped = true;
    undo();
  };
}
