/**
 * Review mode's derived data: the diff between the baseline's results and the current ones, the
 * marks the canvas draws on changed and added probes, and the baseline-only probes it draws ghosted.
 * Each is memoised on the identity of its inputs, so a keystroke that leaves the results alone costs
 * nothing and one that changes them recomputes only the (cheap) diff.
 */
import { diffReview } from '@playground/evaluator';
import type {
  ChangeKind,
  MeshSpec,
  ProbeOutcome,
  ProbeResult,
  ProbeSpec,
  RemovedProbe,
  ReviewDiff,
} from '@playground/evaluator';
import type { ReviewSliceState } from './reviewSlice';
import type { CoreState } from '../../state/store';

/** What the canvas shows of a probe in review mode. */
export interface ReviewMark {
  kind: ChangeKind | 'added';
  /** The baseline's outcome (changed probes only). */
  before: ProbeOutcome | null;
}

type ReviewInput = Pick<CoreState, 'workspace' | 'verdicts'> &
  Pick<ReviewSliceState, 'reviewOpen' | 'reviewBaseline' | 'baselineEvaluation' | 'baselineOf'>;

/** Results that still belong to the probe at their index (an edit may be ahead of the answer). */
function currentResults(probes: readonly ProbeSpec[], results: readonly ProbeResult[]): ProbeResult[] {
  return results.filter((r) => {
    const p = probes[r.index];
    return p !== undefined && p.from === r.from && p.to === r.to && p.port === r.port;
  });
}

let last: { inputs: unknown[]; diff: ReviewDiff } | null = null;

/** The diff shown (null outside review mode, or until both sides are evaluated). */
export function selectReviewDiff(s: ReviewInput): ReviewDiff | null {
  if (!s.reviewOpen || !s.reviewBaseline || !s.verdicts) return null;
  const baseline = s.baselineOf === s.reviewBaseline ? s.baselineEvaluation : null;
  if (!baseline) return null;
  const before = s.reviewBaseline.probes.probes ?? [];
  const after = s.workspace.probes.probes ?? [];
  const inputs = [before, baseline.probes, after, s.verdicts.probes];
  if (last && last.inputs.every((x, i) => x === inputs[i])) return last.diff;
  const diff = diffReview(
    { probes: before, results: currentResults(before, baseline.probes) },
    { probes: after, results: currentResults(after, s.verdicts.probes) },
  );
  last = { inputs, diff };
  return diff;
}

const markCache = new WeakMap<ReviewDiff, ReadonlyMap<number, ReviewMark>>();

/** Marks by current probe index: changed probes (with their old outcome) and added ones. */
export function reviewMarks(diff: ReviewDiff | null): ReadonlyMap<number, ReviewMark> | undefined {
  if (!diff) return undefined;
  let marks = markCache.get(diff);
  if (!marks) {
    const out = new Map<number, ReviewMark>();
    for (const c of diff.changes) out.set(c.afterIndex, { kind: c.kind, before: c.before });
    for (const a of diff.added) out.set(a.afterIndex, { kind: 'added', before: null });
    markCache.set(diff, (marks = out));
  }
  return marks;
}

export const sameMark = (a: ReviewMark | null, b: ReviewMark | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.kind === b.kind &&
    a.before?.status === b.before?.status &&
    a.before?.verdict === b.before?.verdict &&
    a.before?.mtls === b.before?.mtls);

/** The probes only the baseline has whose both endpoints still exist: drawn ghosted as "removed". */
export function removedInMesh(diff: ReviewDiff | null, mesh: MeshSpec): RemovedProbe[] {
  if (!diff || diff.removed.length === 0) return [];
  const known = new Set((mesh.workloads ?? []).map((w) => `${w.namespace}/${w.name}`));
  return diff.removed.filter((r) => (r.from === 'external' || known.has(r.from)) && known.has(r.to));
}

/** The changed probes in the order Next/Previous visits them (the current Probes list's order). */
export function changeOrder(diff: ReviewDiff | null): number[] {
  return diff ? diff.changes.map((c) => c.afterIndex).sort((a, b) => a - b) : [];
}

const ARROWS: Record<ReviewMark['kind'], string> = {
  'newly-denied': '▼',
  'newly-allowed': '▲',
  other: '◆',
  added: '✚',
};

/**
 * The words a changed or added probe's label carries: `▼ was 200`, `✚ new`; in a full label (the
 * active one, with room) the old verdict too: `▼ was 200 allowed`.
 */
export function markTag(mark: ReviewMark, full = false): { arrow: string; lead: string; was: string } {
  const arrow = ARROWS[mark.kind];
  if (mark.kind === 'added' || !mark.before) return { arrow, lead: 'new', was: '' };
  return {
    arrow,
    lead: 'was',
    was: full ? `${mark.before.status} ${mark.before.verdict}` : mark.before.status,
  };
}

export const markWords = (mark: ReviewMark): string =>
  mark.kind === 'added'
    ? 'new probe'
    : `${mark.kind === 'other' ? 'changed' : mark.kind.replace('-', ' ')}, was ${mark.before?.status ?? ''} ${mark.before?.verdict ?? ''}`;

/** The banner's sentence. */
export function summaryText(diff: ReviewDiff): string {
  const count = (kind: ChangeKind) => diff.changes.filter((c) => c.kind === kind).length;
  const n = diff.changes.length;
  const parts = [
    `${n} connection${n === 1 ? '' : 's'} changed: ${count('newly-denied')} newly denied, ${count('newly-allowed')} newly allowed, ${count('other')} other`,
  ];
  if (diff.added.length) parts.push(`${diff.added.length} added`);
  if (diff.removed.length) parts.push(`${diff.removed.length} removed`);
  return parts.join(' · ');
}
