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

/**
 * Unreadable autosaved entries are kept raw until the user discards them: the first under
 * CORRUPT (as older versions kept it), any later different ones, oldest first, as a JSON list
 * under CORRUPT_LATER. At most MAX_CORRUPT_BACKUPS in all: a kept one is never dropped for a newer.
 */
const CORRUPT = 'playground.workspace.corrupt.v1';
const CORRUPT_LATER = 'playground.workspace.corrupt.v1.later';
export const MAX_CORRUPT_BACKUPS = 5;

function texts(json: string | null): string[] {
  if (json === null) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** The kept unreadable entries, oldest first. */
export function loadCorruptBackups(): string[] {
  const first = read(CORRUPT);
  const later = texts(read(CORRUPT_LATER));
  return first === null ? later : [first, ...later.filter((t) => t !== first)];
}

/** Keeps an unreadable entry next to those already kept; false when storage refuses or is full. */
export function saveCorruptBackup(text: string): boolean {
  const kept = loadCorruptBackups();
  if (kept.includes(text)) return true;
  if (kept.length === 0) return write(CORRUPT, text);
  if (kept.length >= MAX_CORRUPT_BACKUPS) return false;
  return write(CORRUPT_LATER, JSON.stringify([...kept.slice(1), text]));
}

export function removeCorruptBackups(): void {
  try {
    window.localStorage.removeItem(CORRUPT);
    window.localStorage.removeItem(CORRUPT_LATER);
  } catch {
    // Storage refused: nothing to remove.
  }
}
