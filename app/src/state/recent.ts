/**
 * The history of recent workspaces: before a link, an example, a lesson, an import or a restore
 * replaces the workspace, the one shown is kept here (localStorage), so no link ever costs the user
 * their work, across reloads too.
 *
 * - The newest entry first; saving a workspace already in the history moves it to the top instead of
 *   adding a copy (re-saving the same work never pushes others out).
 * - Bounded: at most `RECENT_LIMIT` entries and `RECENT_BUDGET` characters in all; the oldest go first.
 *   When the browser refuses the write (quota), older entries are dropped until it fits.
 * - Read back like all stored data: user-controlled, so validated entry by entry, anything odd dropped.
 */
import { isRecord } from '@playground/evaluator';

export const RECENT_KEY = 'playground.recent.v1';
/** The single "previous workspace" slot of earlier versions, moved into the history when read. */
export const LEGACY_PREVIOUS_KEY = 'playground.previous.v1';
export const RECENT_LIMIT = 12;
/** Characters of workspace text kept in all (localStorage holds about 5 M characters per origin). */
export const RECENT_BUDGET = 2_500_000;
const TITLE_MAX = 200;
const SUMMARY_MAX = 200;

export interface RecentEntry {
  /** Stable for one saved workspace: a hash of its text. */
  id: string;
  title: string;
  /** A short description of what is inside ("3 namespaces · 6 workloads · 9 probes"). */
  summary: string;
  /** When it was put aside (ms since the epoch). */
  savedAt: number;
  text: string;
}

export interface RecentInput {
  text: string;
  title: string;
  summary?: string;
}

interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** FNV-1a over the text: an id that is the same for the same workspace. */
export function textId(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(36)}-${text.length.toString(36)}`;
}

/** One line, no control characters, bounded: titles come from documents anyone can write. */
function cleanLine(value: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const line = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function validEntry(value: unknown): RecentEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { title, summary, savedAt, text } = value as Record<string, unknown>;
  if (typeof text !== 'string' || text.length === 0 || text.length > RECENT_BUDGET) return null;
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt) || savedAt < 0) return null;
  return {
    id: textId(text),
    title: cleanLine(typeof title === 'string' ? title : '', TITLE_MAX) || 'Untitled workspace',
    summary: cleanLine(typeof summary === 'string' ? summary : '', SUMMARY_MAX),
    savedAt,
    text,
  };
}

/** Newest first, at most the limit and the budget, one entry per workspace text. */
function bounded(entries: RecentEntry[]): RecentEntry[] {
  const seen = new Set<string>();
  const out: RecentEntry[] = [];
  let size = 0;
  for (const entry of entries) {
    if (seen.has(entry.text) || out.length >= RECENT_LIMIT) continue;
    if (size + entry.text.length > RECENT_BUDGET) continue;
    seen.add(entry.text);
    size += entry.text.length;
    out.push(entry);
  }
  return out;
}

function parse(raw: string | null): RecentEntry[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  const list = isRecord(data) ? data.entries : null;
  if (!Array.isArray(list)) return [];
  const entries = list.map(validEntry).filter((e): e is RecentEntry => e !== null);
  return bounded(entries.sort((a, b) => b.savedAt - a.savedAt));
}

/** Writes the list, dropping the oldest entries while the browser refuses. False when nothing fits. */
function write(store: Storage, entries: RecentEntry[]): RecentEntry[] | null {
  for (let keep = entries.length; keep >= 0; keep--) {
    const kept = entries.slice(0, keep);
    try {
      const payload = kept.map(({ title, summary, savedAt, text }) => ({ title, summary, savedAt, text }));
      store.setItem(RECENT_KEY, JSON.stringify({ version: 1, entries: payload }));
      return kept;
    } catch {
      // Quota: try again with one entry fewer.
    }
  }
  return null;
}

/** The history, newest first (validated; an unreadable history reads as empty). */
export function loadRecent(): RecentEntry[] {
  const store = storage();
  if (!store) return [];
  let raw: string | null = null;
  let legacy: string | null = null;
  try {
    raw = store.getItem(RECENT_KEY);
    legacy = store.getItem(LEGACY_PREVIOUS_KEY);
  } catch {
    return [];
  }
  const entries = parse(raw);
  if (legacy === null) return entries;
  // The old single slot joins the history once, as its oldest entry.
  const moved = validEntry({ title: 'Previous workspace', savedAt: 0, text: legacy });
  const merged = bounded(moved ? [...entries, moved] : entries);
  if (write(store, merged)) {
    try {
      store.removeItem(LEGACY_PREVIOUS_KEY);
    } catch {
      // It will be merged again next time: the same text is not duplicated.
    }
  }
  return merged;
}

/**
 * Puts a workspace into the history (at the top; an identical one already there moves up) and
 * returns the new history, or null when it could not be stored.
 */
export function saveRecent(input: RecentInput, now: number = Date.now()): RecentEntry[] | null {
  const store = storage();
  const entry = validEntry({ ...input, savedAt: now });
  if (!store || !entry) return null;
  const next = bounded([entry, ...loadRecent().filter((e) => e.text !== entry.text)]);
  const written = write(store, next);
  return written && written.length > 0 ? written : null;
}
