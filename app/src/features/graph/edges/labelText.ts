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

export interface LabelLine {
  icon: IconName;
  text: string;
  /** The probe whose verdict colours this line (the first probe of a compact entry). */
  probe: ProbeEdgeModel;
}

/** The status, with a broken expectation's mark (`403 ≠ 200`, features/pins). */
const statusOf = (p: ProbeEdgeModel): string =>
  p.result ? [p.result.status, edgeBrokenMark(p)].filter(Boolean).join(' ') : '…';
const iconOf = (p: ProbeEdgeModel): IconName =>
  iconFor(p.result?.verdict ?? 'pending', p.result?.mtls ?? null);

export function compactLines(probes: ProbeEdgeModel[]): LabelLine[] {
  const entries = new Map<string, { line: LabelLine; count: number }>();
  for (const p of probes) {
    const icon = iconOf(p);
    const key = `${icon}|${statusOf(p)}`;
    const entry = entries.get(key);
    if (entry) entry.count++;
    else entries.set(key, { line: { icon, text: statusOf(p), probe: p }, count: 1 });
  }
  return [...entries.values()].map(({ line, count }) => ({
    ...line,
    text: count > 1 ? `${line.text} ×${count}` : line.text,
  }));
}

export const fullText = (p: ProbeEdgeModel): string =>
  `:${p.port} ${p.method} ${p.path} → ${statusOf(p)}${p.stale ? ' (stale)' : ''}`;

export function fullLines(probes: ProbeEdgeModel[]): LabelLine[] {
  return probes.map((p) => ({ icon: iconOf(p), text: fullText(p), probe: p }));
}

/** Box of a label with these lines (icon + gap + text per line, padding around). */
export function labelSize(
  lines: LabelLine[],
  fontSize: number,
  inline: boolean,
): { width: number; height: number } {
  const icon = fontSize;
  const pad = Math.round(fontSize * 0.45);
  const lineHeight = Math.round(fontSize * 1.45);
  const entry = (l: LabelLine) => icon + 4 + textWidth(l.text, fontSize);
  if (inline) {
    const width = lines.reduce((sum, l) => sum + entry(l), 0) + (lines.length - 1) * pad * 1.5;
    return { width: Math.ceil(width + 2 * pad), height: lineHeight + 4 };
  }
  const width = Math.max(...lines.map(entry));
  return { width: Math.ceil(width + 2 * pad), height: lineHeight * lines.length + 4 };
}
