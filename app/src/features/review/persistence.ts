/**
 * The review baseline and whether review mode is open, kept in localStorage next to the autosave so
 * a reload keeps them. Written only when they change (never per keystroke).
 */
import { serializeWorkspace } from '@playground/evaluator';
import type { WorkspaceParts } from '@playground/evaluator';
import { readWorkspaceText } from '../../state/workspaceText';

const KEY = 'playground.review.v1';

export function loadReview(): { baseline: WorkspaceParts | null; open: boolean } | null {
  try {
    const raw = typeof window === 'undefined' ? null : window.localStorage.getItem(KEY);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object') return null;
    const { baseline, open } = value as Record<string, unknown>;
    const read = typeof baseline === 'string' ? readWorkspaceText(baseline) : null;
    return { baseline: read?.ok ? read.parts : null, open: open === true && read?.ok === true };
  } catch {
    return null;
  }
}

/**
 * A baseline larger than this is not kept across reloads: it would compete with the autosave for
 * the browser's storage quota (a reload then compares with the workspace as reloaded).
 */
export const MAX_SAVED_BASELINE = 512 * 1024;

export function saveReview(baseline: WorkspaceParts | null, open: boolean): void {
  try {
    const text = baseline ? serializeWorkspace(baseline).text : null;
    if (text !== null && text.length > MAX_SAVED_BASELINE) {
      window.localStorage.removeItem(KEY);
      return;
    }
    window.localStorage.setItem(KEY, JSON.stringify({ baseline: text, open }));
  } catch {
    // Storage refused: the baseline lives for this session only (and takes no room from the autosave).
    try {
      window.localStorage.removeItem(KEY);
    } catch {
      // Nothing stored either.
    }
  }
}
