/**
 * Probes only the baseline has, drawn ghosted (faint, dashed, "✖ removed") between their endpoints
 * when both still exist. Their test id is `probe-edge.removed`, never `probe-edge`, so counts of the
 * current probes stay true.
 */
import { memo, useMemo } from 'react';
import { placeLabels } from '../graph/edges/labels';
import type { RemovedProbe } from '@playground/evaluator';
import type { Curve, Rect } from '../graph/edges/geometry';
import { textWidth } from '../graph/textWidth';

const EXTERNAL_ID = '@external';

export const RemovedEdges = memo(function RemovedEdges({
  removed,
  rects,
  curve,
  fontSize,
  obstacles,
}: {
  removed: RemovedProbe[];
  rects: ReadonlyMap<string, Rect>;
  curve(source: Rect, target: Rect, options?: { offset?: number }): Curve;
  fontSize: number;
  /** Nodes, namespace headers and the current probes' labels: a ghost's label goes where none is. */
  obstacles: readonly Rect[];
}) {
  const small = Math.round(fontSize * 0.85);
  const ghosts = useMemo(() => {
    // Several removed probes between the same pair fan out, away from the current ones.
    const seen = new Map<string, number>();
    return removed.flatMap((r) => {
      const s = rects.get(r.from === 'external' ? EXTERNAL_ID : r.from);
      const t = rects.get(r.to);
      if (!s || !t) return [];
      const pair = `${r.from}>${r.to}`;
      const k = seen.get(pair) ?? 0;
      seen.set(pair, k + 1);
      // Short, so it fits between two workloads; the request is in its title and accessible name.
      const text = `✖ removed`;
      const width = Math.ceil(textWidth(text, small) + 12);
      return [{ r, c: curve(s, t, { offset: 22 + k * 14 }), text, width, height: Math.round(small * 1.4) }];
    });
  }, [removed, rects, curve, small]);
  const placed = useMemo(
    () =>
      placeLabels(
        ghosts.map((g) => ({ id: String(g.r.beforeIndex), curve: g.c, width: g.width, height: g.height })),
        obstacles,
        { gap: 3 },
      ),
    [ghosts, obstacles],
  );
  return (
    <g className="removed-edges">
      {ghosts.map(({ r, c, text, width, height }) => {
        const at = placed.get(String(r.beforeIndex));
        return (
          <g
            key={r.beforeIndex}
            className="removed-edge"
            data-testid="probe-edge.removed"
            data-from={r.from}
            data-to={r.to}
            data-port={String(r.port)}
            data-before-status={r.before.status}
            data-before-verdict={r.before.verdict}
            aria-label={`Removed probe ${r.name}: ${r.from} to ${r.to} port ${r.port}, was ${r.before.status} ${r.before.verdict}`}
            role="img"
          >
            <path className="removed-edge__line" d={c.d} />
            <title>{`Removed since the baseline: ${r.name} (${r.request.method} ${r.request.path}, port ${r.port}), was ${r.before.status} ${r.before.verdict}`}</title>
            {at ? (
              <g
                className="removed-edge__label"
                data-testid="probe-edge.removed.label"
                transform={`translate(${Math.round(at.x - width / 2)} ${Math.round(at.y - height / 2)})`}
              >
                <rect className="removed-edge__box" width={width} height={height} rx={6} />
                <text x={6} y={height / 2} dominantBaseline="central" style={{ fontSize: small }}>
                  {text}
                </text>
              </g>
            ) : null}
          </g>
        );
      })}
    </g>
  );
});
