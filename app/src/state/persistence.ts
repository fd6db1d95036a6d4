/**
 * Autosave: the serialised workspace is written to localStorage shortly after every change and read
 * back on the next visit. The workspaces a link or an import replaced are kept in `recent.ts`.
 */
const CURRENT = 'playground.workspace.v1';
const THEME = 'playground.theme';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Returns false when the browser refuses (quota, privacy mode). */
function write(key: string, value: string): boolean {
  try {
    window.localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export const loadSaved = (): string | null => read(CURRENT);
export const saveCurrent = (text: string): boolean => write(CURRENT, text);
export const loadTheme = (): string | null => read(THEME);
export const saveTheme = (theme: string): boolean => write(THEME, theme);
