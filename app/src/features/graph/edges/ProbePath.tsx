/** One probe's line (with its hit area and keyboard handling) and the verdict arrowheads. */
import { memo } from 'react';
import { expectationAria } from '../../pins/edgeMarks';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { ProbeEdgeModel } from '../model';
import { probeEdgeAttributes } from '../model';
import { verdictLook } from '../verdictStyle';
import { markWords } from '../../review/selectors';

/** Arrowheads, one per verdict colour (an SVG marker cannot take its line's colour everywhere). */
export function Markers() {
  const colours = ['allowed', 'denied', 'unauthenticated', 'mtls', 'noroute', 'pending'];
  return (
    <>
      {colours.map((c) => (
        <marker
          key={c}
          id={`edge-arrow-${c}`}
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0 0L10 5L0 10z" fill={`var(--verdict-${c})`} />
        </marker>
      ))}
    </>
  );
}

const markerOf = (colour: string): string => {
  const m = /--verdict-([a-z]+)/.exec(colour);
  return m ? `url(#edge-arrow-${m[1]})` : '';
};

interface ProbePathProps {
  probe: ProbeEdgeModel;
  d: string;
  group: string;
  onSelect(index: number): void;
  onDelete(index: number): void;
  onEnter(group: string): void;
  onLeave(): void;
}

export const ProbePath = memo(function ProbePath({
  probe,
  d,
  group,
  onSelect,
  onDelete,
  onEnter,
  onLeave,
}: ProbePathProps) {
  const look = verdictLook(probe.result?.verdict ?? 'pending', probe.result?.mtls ?? null);
  const onClick = (event: MouseEvent) => {
    event.stopPropagation();
    onSelect(probe.index);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(probe.index);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      onDelete(probe.index);
    }
  };
  return (
    <g
      {...probeEdgeAttributes(probe)}
      data-group={group}
      className={`probe-edge${probe.selected ? ' is-selected' : ''}${probe.stale ? ' is-stale' : ''}${probe.review ? ` review-${probe.review.kind}` : ''}`}
      role="button"
      tabIndex={0}
      aria-label={probe.review ? `${probe.ariaLabel}; ${markWords(probe.review)}` : probe.ariaLabel}
      aria-pressed={probe.selected}
      aria-description={expectationAria(probe) || undefined}
      onClick={onClick}
      onKeyDown={onKeyDown}
      onMouseEnter={() => onEnter(group)}
      onMouseLeave={onLeave}
      onFocus={() => onEnter(group)}
      onBlur={onLeave}
    >
      {probe.review ? (
        // Review mode: a halo says "this changed" (its style says which way) before any colour does.
        <path className={`probe-edge__halo review-halo--${probe.review.kind}`} d={d} />
      ) : null}
      <path className="probe-edge__hit" d={d} />
      <path
        className="probe-edge__line"
        d={d}
        stroke={look.color}
        strokeDasharray={look.dash}
        markerEnd={markerOf(look.color)}
      />
    </g>
  );
});
