/**
 * The YAML difference between a baseline's Istio resources and the current ones, as a unified diff
 * (the Markdown report's fenced `diff` block; the app shows the same change in Monaco's diff editor).
 * jsdiff (`diff` on npm) computes it; its Myers diff is capped so that two large, wholly different
 * texts cannot stall a Web Worker: past the cap the patch replaces every line.
 */
import { createTwoFilesPatch, formatPatch, type StructuredPatch } from 'diff';

export interface PolicyDiffNames {
  /** Shown on the `---` line; default `before`. */
  before?: string;
  /** Shown on the `+++` line; default `after`. */
  after?: string;
}

/** The most edits (inserted + removed lines) the line diff searches for before giving up. */
export const POLICY_DIFF_MAX_EDITS = 5000;

/** The lines of a text for a patch hunk, and whether its last line lacks a line break. */
function linesOf(text: string): { lines: string[]; noEol: boolean } {
  if (text === '') return { lines: [], noEol: false };
  const noEol = !text.endsWith('\n');
  const lines = (noEol ? text : text.slice(0, -1)).split('\n');
  return { lines, noEol };
}

/** One hunk that removes every line of `before` and adds every line of `after`. */
function wholeReplacement(oldName: string, newName: string, before: string, after: string): string {
  const old = linesOf(before);
  const now = linesOf(after);
  const lines = [
    ...old.lines.map((l) => `-${l}`),
    ...(old.noEol ? ['\\ No newline at end of file'] : []),
    ...now.lines.map((l) => `+${l}`),
    ...(now.noEol ? ['\\ No newline at end of file'] : []),
  ];
  const patch: StructuredPatch = {
    oldFileName: oldName,
    newFileName: newName,
    oldHeader: undefined,
    newHeader: undefined,
    hunks: [
      {
        oldStart: old.lines.length ? 1 : 0,
        oldLines: old.lines.length,
        newStart: now.lines.length ? 1 : 0,
        newLines: now.lines.length,
        lines,
      },
    ],
  };
  return formatPatch(patch, { includeIndex: false, includeUnderline: false, includeFileHeaders: true });
}

/**
 * A unified diff (`--- before`, `+++ after`, `@@` hunks with 3 lines of context) from the baseline's
 * Istio resources text to the current one; `''` when the texts are equal.
 */
export function policyDiff(before: string, after: string, names: PolicyDiffNames = {}): string {
  if (before === after) return '';
  const oldName = names.before ?? 'before';
  const newName = names.after ?? 'after';
  const patch = createTwoFilesPatch(oldName, newName, before, after, undefined, undefined, {
    context: 3,
    maxEditLength: POLICY_DIFF_MAX_EDITS,
    headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true },
  });
  return patch ?? wholeReplacement(oldName, newName, before, after);
}
