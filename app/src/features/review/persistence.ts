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

export function saveReview(baseline: WorkspaceParts | null, open: boolean): void {
  try {
    window.localStorage.setItem(
      KEY,
      JSON.stringify({ baseline: baseline ? serializeWorkspace(baseline).text : null, open }),
    );
  } catch {
    // Storage refused: the baseline lives for this session only.
  }
}
