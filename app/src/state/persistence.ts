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

/** The key autosave writes: other tabs' `storage` events for it mean they saved over this tab's work. */
export const AUTOSAVE_KEY = CURRENT;

/** An autosaved entry that could not be read is kept here, raw, until the user dismisses it. */
const CORRUPT = 'playground.workspace.corrupt.v1';

export const loadCorruptBackup = (): string | null => read(CORRUPT);
/** Keeps the first unreadable entry: an existing backup is never replaced by another one. */
export const saveCorruptBackup = (text: string): boolean => read(CORRUPT) !== null || write(CORRUPT, text);
export function removeCorruptBackup(): void {
  try {
    window.localStorage.removeItem(CORRUPT);
  } catch {
    // Storage refused: nothing to remove.
  }
}
