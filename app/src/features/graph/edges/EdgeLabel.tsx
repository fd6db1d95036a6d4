/**
 * Edge labels: compact (icon + status per outcome) along the edge, or the active one listing every
 * probe of its group in full. `[data-testid="probe-edge.label"]` is a contract.
 */
import { memo } from 'react';
import type { MouseEvent } from 'react';
import type { EdgeGroupModel } from '../model';
import { verdictLook } from '../verdictStyle';
import { VerdictIcon } from '../VerdictIcon';
import { isBroken } from '../../pins/edgeMarks';
import { textWidth } from '../textWidth';
import type { Curve } from './geometry';
import { activeLines, labelSize, tagOffset, tagText } from './labelText';
import { ReviewTag } from '../../review/ReviewTag';
import type { LabelLine } from './labelText';

interface EdgeLabelProps {
  group: EdgeGroupModel;
  lines: LabelLine[];
  size: { width: number; height: number };
  x: number;
  y: number;
  inline: boolean;
  fontSize: number;
  active?: boolean;
  onSelect(index: number): void;
  onEnter(group: string): void;
  onLeave(): void;
}

export const EdgeLabel = memo(function EdgeLabel({
  group,
  lines,
  size,
  x,
  y,
  inline,
  fontSize,
  active = false,
  onSelect,
  onEnter,
  onLeave,
}: EdgeLabelProps) {
  const pad = Math.round(fontSize * 0.45);
  const lineHeight = Math.round(fontSize * 1.45);
  const first = lines[0]?.probe;
  const look = verdictLook(first?.result?.verdict ?? 'pending', first?.result?.mtls ?? null);
  const stale = group.probes.some((p) => p.stale);
  const broken = group.probes.some(isBroken);
  const onClick = (event: MouseEvent) => {
    event.stopPropagation();
    // A click on a group's label selects its next probe: repeated clicks walk through them.
    const at = group.probes.findIndex((p) => p.selected);
    const next = group.probes[(at + 1) % group.probes.length];
    if (next) onSelect(next.index);
  };
  // Inline entries side by side: each starts where the previous one's text ended.
  const starts = lines.reduce<number[]>((xs, _line, i) => {
    const prev = lines[i - 1];
    const prevWidth = prev
      ? prev.review
        ? tagOffset(prev, fontSize) + textWidth(tagText(prev.review), fontSize)
        : fontSize + 4 + textWidth(prev.text, fontSize)
      : 0;
    return [...xs, i === 0 ? pad : (xs[i - 1] ?? pad) + prevWidth + pad * 1.5];
  }, []);
  return (
    <g
      className={`edge-label${active ? ' is-active' : ''}${stale ? ' is-stale' : ''}${broken ? ' is-broken' : ''}`}
      data-testid="probe-edge.label"
      data-group={group.id}
      transform={`translate(${Math.round(x - size.width / 2)} ${Math.round(y - size.height / 2)})`}
      onClick={onClick}
      onMouseEnter={() => onEnter(group.id)}
      onMouseLeave={onLeave}
      style={{ fontSize }}
    >
      <rect
        className="edge-label__box"
        width={size.width}
        height={size.height}
        // A pill for one line; a list keeps small corners, so no line runs into the curve.
        rx={Math.min(size.height / 2.4, fontSize * 0.7)}
        stroke={look.color}
      />
      {lines.map((line, i) => {
        const lineLook = verdictLook(
          line.probe.result?.verdict ?? 'pending',
          line.probe.result?.mtls ?? null,
        );
        const lx = inline ? (starts[i] ?? pad) : pad;
        const ly = inline ? 2 : 2 + i * lineHeight;
        return (
          <g
            key={`${line.icon}-${line.text}-${i}`}
            transform={`translate(${lx} ${ly})`}
            className={line.more ? 'edge-label__more' : undefined}
            data-testid={line.more ? 'probe-edge.label.more' : undefined}
          >
            {line.more ? null : (
              <g
                transform={`translate(0 ${(lineHeight - fontSize) / 2}) scale(${fontSize / 12})`}
                style={{ color: lineLook.color }}
              >
                <VerdictIcon name={line.icon} />
              </g>
            )}
            <text x={fontSize + 4} y={lineHeight / 2} dominantBaseline="central">
              {line.text}
            </text>
            {line.review ? (
              <ReviewTag
                mark={line.review}
                full={line.reviewFull}
                x={tagOffset(line, fontSize)}
                y={lineHeight / 2}
              />
            ) : null}
          </g>
        );
      })}
    </g>
  );
});

/**
 * The label of the hovered, focused or selected group, on top of everything: its probes in full
 * (at most ACTIVE_LINES lines, see activeLines).
 */
export function ActiveLabel({
  group,
  at,
  spine,
  fontSize,
  onSelect,
  onEnter,
  onLeave,
}: {
  group: EdgeGroupModel;
  at: { x: number; y: number } | null;
  spine: Curve | null;
  fontSize: number;
  onSelect(index: number): void;
  onEnter(group: string): void;
  onLeave(): void;
}) {
  const lines = activeLines(group.probes);
  const size = labelSize(lines, fontSize, false);
  const point = at ?? spine?.pointAt(0.5) ?? null;
  if (!point) return null;
  return (
    <EdgeLabel
      group={group}
      lines={lines}
      size={size}
      x={point.x}
      y={point.y}
      inline={false}
      fontSize={fontSize}
      active
      onSelect={onSelect}
      onEnter={onEnter}
      onLeave={onLeave}
    />
  );
}
