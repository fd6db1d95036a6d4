/**
 * What an edge label says. A label is compact until its edge is active (hovered, focused or
 * selected): icon + status (`✕ 403`), one entry per distinct outcome of the probes it groups, with a
 * count when several probes share it; active, it lists every probe as `:8000 GET /ip → 403`.
 */
import type { ProbeEdgeModel } from '../model';
import { edgeBrokenMark } from '../../pins/edgeMarks';
import { iconFor } from '../VerdictIcon';
import type { IconName } from '../VerdictIcon';
import { textWidth } from '../textWidth';
import { markTag } from '../../review/selectors';
import type { ReviewMark } from '../../review/selectors';

export interface LabelLine {
  icon: IconName;
  text: string;
  /** The probe whose verdict colours this line (the first probe of a compact entry). */
  probe: ProbeEdgeModel;
  /** Review mode: the tag after the text (`▼ was 200`, `✚ new`). */
  review?: ReviewMark;
  /** The tag names the old verdict too (full labels). */
  reviewFull?: boolean;
  /** The line counting the probes an active label leaves out (activeLines). */
  more?: boolean;
}

/** The review tag's words as one string (its width, its accessible text). */
export const tagText = (mark: ReviewMark, full = false): string => {
  const t = markTag(mark, full);
  return [t.arrow, t.lead, t.was].filter(Boolean).join(' ');
};
/** Room between a line's text and its review tag. */
const TAG_GAP = 8;

/** The status, with a broken expectation's mark (`403 ≠ 200`, features/pins). */
const statusOf = (p: ProbeEdgeModel): string =>
  p.result ? [p.result.status, edgeBrokenMark(p)].filter(Boolean).join(' ') : '…';
const iconOf = (p: ProbeEdgeModel): IconName =>
  iconFor(p.result?.verdict ?? 'pending', p.result?.mtls ?? null);

export function compactLines(probes: ProbeEdgeModel[]): LabelLine[] {
  const entries = new Map<string, { line: LabelLine; count: number }>();
  for (const p of probes) {
    const icon = iconOf(p);
    const key = `${icon}|${statusOf(p)}|${p.review ? tagText(p.review) : ''}`;
    const entry = entries.get(key);
    if (entry) entry.count++;
    else
      entries.set(key, {
        line: { icon, text: statusOf(p), probe: p, ...(p.review ? { review: p.review } : {}) },
        count: 1,
      });
  }
  return [...entries.values()].map(({ line, count }) => ({
    ...line,
    text: count > 1 ? `${line.text} ×${count}` : line.text,
  }));
}

export const fullText = (p: ProbeEdgeModel): string =>
  `:${p.port} ${p.method} ${p.path} → ${statusOf(p)}${p.stale ? ' (stale)' : ''}`;

export function fullLines(probes: ProbeEdgeModel[]): LabelLine[] {
  return probes.map((p) => ({
    icon: iconOf(p),
    text: fullText(p),
    probe: p,
    ...(p.review ? { review: p.review, reviewFull: true } : {}),
  }));
}

/** The most lines an active label lists in full: a bigger group would cover the canvas. */
export const ACTIVE_LINES = 8;

/**
 * The active label's lines: every probe in full up to ACTIVE_LINES; past that, a window of them
 * holding the selected probe (else the first changed or broken one, else the first), and one line
 * saying how many more there are (a click on the label steps through all of them).
 */
export function activeLines(probes: ProbeEdgeModel[], max = ACTIVE_LINES): LabelLine[] {
  if (probes.length <= max) return fullLines(probes);
  const shown = max - 1;
  const found = [
    probes.findIndex((p) => p.selected),
    probes.findIndex((p) => p.review !== null),
    probes.findIndex((p) => edgeBrokenMark(p) !== ''),
  ].find((i) => i >= 0);
  const anchor = found ?? 0;
  const start = Math.min(Math.max(0, anchor - Math.floor(shown / 2)), probes.length - shown);
  const window = probes.slice(start, start + shown);
  const hidden = probes.length - shown;
  const more: LabelLine = {
    icon: 'none',
    text: `… ${hidden} more (${start + 1}–${start + shown} of ${probes.length} shown)`,
    probe: probes[anchor] ?? window[0]!,
    more: true,
  };
  return [...fullLines(window), more];
}

/** Box of a label with these lines (icon + gap + text per line, padding around). */
/** Where a line's review tag starts, after its icon and text. */
export const tagOffset = (l: LabelLine, fontSize: number): number =>
  fontSize + 4 + textWidth(l.text, fontSize) + TAG_GAP;

export function labelSize(
  lines: LabelLine[],
  fontSize: number,
  inline: boolean,
): { width: number; height: number } {
  const icon = fontSize;
  const pad = Math.round(fontSize * 0.45);
  const lineHeight = Math.round(fontSize * 1.45);
  const entry = (l: LabelLine) =>
    icon +
    4 +
    textWidth(l.text, fontSize) +
    (l.review ? TAG_GAP + textWidth(tagText(l.review, l.reviewFull), fontSize) : 0);
  if (inline) {
    const width = lines.reduce((sum, l) => sum + entry(l), 0) + (lines.length - 1) * pad * 1.5;
    return { width: Math.ceil(width + 2 * pad), height: lineHeight + 4 };
  }
  const width = Math.max(...lines.map(entry));
  return { width: Math.ceil(width + 2 * pad), height: lineHeight * lines.length + 4 };
}
