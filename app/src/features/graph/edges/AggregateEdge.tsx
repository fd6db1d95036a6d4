/**
 * One edge standing for every probe between two nodes when at least one end is a collapsed
 * namespace (features/graph/bigMesh.ts): drawn in the style of its worst verdict, labelled with
 * counts per verdict ("12 ✓ · 3 ✕"). Clicking it (or Enter) expands the collapsed namespaces at its
 * ends, so its probes are drawn one by one again.
 *
 * Test hooks (contract): `[data-testid=aggregate-edge]` with `data-from`, `data-to` (node ids, e.g.
 * `ns:foo`), `data-count` (probes it stands for) and `data-worst` (the worst verdict).
 */
import { memo } from 'react';
import type { KeyboardEvent } from 'react';
import type { AggregateEdgeModel } from '../bigMesh';
import { aggregateLabel, aggregateWords } from '../bigMesh';
import { verdictLook } from '../verdictStyle';

interface AggregateEdgeProps {
  edge: AggregateEdgeModel;
  d: string;
  /** Label centre, or null where no room was found (or labels are unreadable). */
  at: { x: number; y: number } | null;
  size: { width: number; height: number };
  fontSize: number;
  onOpen(edge: AggregateEdgeModel): void;
}

const markerOf = (colour: string): string => {
  const m = /--verdict-([a-z]+)/.exec(colour);
  return m ? `url(#edge-arrow-${m[1]})` : '';
};

export const AggregateEdge = memo(function AggregateEdge({
  edge,
  d,
  at,
  size,
  fontSize,
  onOpen,
}: AggregateEdgeProps) {
  const look = verdictLook(edge.worst.verdict, edge.worst.mtls);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(edge);
    }
  };
  return (
    <g
      className="aggregate-edge"
      data-testid="aggregate-edge"
      data-from={edge.source}
      data-to={edge.target}
      data-count={edge.probes.length}
      data-worst={edge.worst.verdict}
      role="button"
      tabIndex={0}
      aria-label={`${aggregateWords(edge)}. Expand to see them.`}
      onClick={(event) => {
        event.stopPropagation();
        onOpen(edge);
      }}
      onKeyDown={onKeyDown}
    >
      <path className="aggregate-edge__hit" d={d} />
      <path
        className="aggregate-edge__line"
        d={d}
        stroke={look.color}
        strokeWidth={2.5}
        strokeDasharray={look.dash}
        markerEnd={markerOf(look.color)}
      />
      {at ? (
        <g
          className="aggregate-edge__label"
          data-testid="aggregate-edge.label"
          style={{ color: look.color }}
          transform={`translate(${at.x} ${at.y})`}
        >
          <rect x={-size.width / 2} y={-size.height / 2} width={size.width} height={size.height} rx={6} />
          <text fontSize={fontSize}>{aggregateLabel(edge)}</text>
        </g>
      ) : null}
    </g>
  );
});
