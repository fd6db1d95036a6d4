/**
 * The probe edges, all in one SVG layer above the namespace boxes and below the workload nodes
 * (React Flow would give every edge its own <svg> plus an HTML label, which costs Chrome a layer
 * each). Probes between the same two nodes are drawn as one fanned group with one label; a label
 * is placed along its own curve where it covers no node and no other label (`placeLabels`).
 *
 * Test hooks (contracts): one `[data-testid=probe-edge]` <g> per probe, with its data-* attributes,
 * containing its SVG path; one `[data-testid="probe-edge.label"]` per drawn group.
 */
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { EdgeLabelRenderer } from '@xyflow/react';
import type { EdgeGroupModel, Orientation, PlaygroundNode } from '../model';
import { NS_HEADER } from '../model';
import { edgeCurve, facingSidesCurve, verticalEdgeCurve } from './geometry';
import type { Curve, Rect } from './geometry';
import { placeLabels } from './labels';
import { isBroken } from '../../pins/edgeMarks';
import { compactLines, labelSize } from './labelText';
import type { LabelLine } from './labelText';
import { ActiveLabel, EdgeLabel } from './EdgeLabel';
import { Markers, ProbePath } from './ProbePath';
import type { RemovedProbe } from '@playground/evaluator';
import { RemovedEdges } from '../../review/RemovedEdges';
import type { AggregateEdgeModel } from '../bigMesh';
import { aggregateLabel } from '../bigMesh';
import { AggregateEdge } from './AggregateEdge';
import { textWidth } from '../textWidth';

export interface EdgeLayerProps {
  nodes: PlaygroundNode[];
  orientation: Orientation;
  groups: EdgeGroupModel[];
  /** Label font size in graph units (CSS px at zoom 1). */
  fontSize: number;
  /** False when the zoom makes compact labels unreadable: only the active label is drawn. */
  showLabels: boolean;
  onSelect(index: number): void;
  onDelete(index: number): void;
  /** Review mode: the baseline's probes that are gone, drawn ghosted. */
  removed?: RemovedProbe[];
  /** Edges to and from collapsed namespaces (features/graph/bigMesh.ts). */
  aggregates?: AggregateEdgeModel[];
  onOpenAggregate?(edge: AggregateEdgeModel): void;
}

const NO_AGGREGATES: AggregateEdgeModel[] = [];
const noop = () => {};

/** Absolute rectangles of the nodes edges attach to (workloads and the external client). */
function nodeRects(nodes: PlaygroundNode[]): { rects: Map<string, Rect>; headers: Rect[] } {
  const parents = new Map(nodes.filter((n) => n.type === 'namespace').map((n) => [n.id, n]));
  const rects = new Map<string, Rect>();
  const headers: Rect[] = [];
  for (const n of nodes) {
    const width = n.measured?.width ?? n.width ?? 0;
    const height = n.measured?.height ?? n.height ?? 0;
    if (n.hidden) continue;
    if (n.type === 'namespace' && n.data.collapsed) {
      // A collapsed namespace is a node edges attach to.
      rects.set(n.id, { x: n.position.x, y: n.position.y, width, height });
      continue;
    }
    if (n.type === 'namespace') {
      headers.push({ x: n.position.x, y: n.position.y, width, height: NS_HEADER - 4 });
      continue;
    }
    const parent = n.parentId ? parents.get(n.parentId) : undefined;
    const x = n.position.x + (parent?.position.x ?? 0);
    const y = n.position.y + (parent?.position.y ?? 0);
    rects.set(n.id, { x, y, width, height });
  }
  return { rects, headers };
}

interface CompactLabel {
  lines: LabelLine[];
  size: { width: number; height: number };
}

/** Compact label lines and sizes, remembered per group object and font size. */
class CompactCache {
  private cache = new WeakMap<EdgeGroupModel, CompactLabel>();
  private fontSize = NaN;

  of(groups: EdgeGroupModel[], fontSize: number): Map<string, CompactLabel> {
    if (fontSize !== this.fontSize) {
      this.cache = new WeakMap();
      this.fontSize = fontSize;
    }
    return new Map(
      groups.map((g) => {
        let c = this.cache.get(g);
        if (!c) {
          const lines = compactLines(g.probes);
          this.cache.set(g, (c = { lines, size: labelSize(lines, fontSize, true) }));
        }
        return [g.id, c] as const;
      }),
    );
  }
}

/** Parallel probes of a group fan out a few px apart, never wider than ±14 px. */
const fanOffset = (k: number, n: number): number =>
  n <= 1 ? 0 : (k - (n - 1) / 2) * Math.min(6, 28 / (n - 1));

interface GroupGeometry {
  curves: Curve[];
  /** The curve the label sits on (the middle one). */
  spine: Curve;
}

export const EdgeLayer = memo(function EdgeLayer({
  nodes,
  orientation,
  groups,
  fontSize,
  showLabels,
  onSelect,
  onDelete,
  removed,
  aggregates = NO_AGGREGATES,
  onOpenAggregate = noop,
}: EdgeLayerProps) {
  const [hovered, setHovered] = useState<string | null>(null);
  const { rects, headers } = useMemo(() => nodeRects(nodes), [nodes]);

  // Geometry depends on positions and on which probes each group has, never on verdicts.
  const shapeKey = groups.map((g) => `${g.id}#${g.probes.length}`).join('|');
  const geometry = useMemo(() => {
    const out = new Map<string, GroupGeometry>();
    const curve = orientation === 'TB' ? verticalEdgeCurve : edgeCurve;
    for (const g of groups) {
      const s = rects.get(g.source);
      const t = rects.get(g.target);
      if (!s || !t) continue;
      // A workload's probes to itself share one loop: fanned, 29 of them made a band over its
      // namespace's title.
      const fan = g.source === g.target ? 1 : g.probes.length;
      const curves = g.probes.map((_, k) => curve(s, t, { offset: fanOffset(fan === 1 ? 0 : k, fan) }));
      out.set(g.id, { curves, spine: curve(s, t) });
    }
    return out;
    // `groups` changes with every verdict; what matters here is their ids and sizes (shapeKey).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rects, orientation, shapeKey]);

  // Per group object (unchanged groups keep theirs, see GroupReuser): a verdict change measures one label.
  const [compactCache] = useState(() => new CompactCache());
  // Filtered probes (data-filtered) keep their path element but get no label line.
  const labelled = useMemo(
    () =>
      groups.flatMap((g) => {
        if (!g.probes.some((p) => p.filtered)) return [g];
        const probes = g.probes.filter((p) => !p.filtered);
        return probes.length ? [{ ...g, probes }] : [];
      }),
    [groups],
  );
  const compact = useMemo(() => compactCache.of(labelled, fontSize), [compactCache, labelled, fontSize]);

  // Aggregate edges: geometry from the same curves, labels placed with the others.
  const aggregateShape = aggregates.map((x) => `${x.id}:${aggregateLabel(x)}`).join('|');
  const aggregateGeometry = useMemo(() => {
    // Collapsed namespaces may sit in a grid (layout/overview.ts): edges leave by the facing sides.
    const curve = orientation === 'TB' ? verticalEdgeCurve : facingSidesCurve;
    const out = new Map<string, { spine: Curve; width: number; height: number }>();
    for (const a of aggregates) {
      const s = rects.get(a.source);
      const t = rects.get(a.target);
      if (!s || !t) continue;
      const text = aggregateLabel(a);
      out.set(a.id, {
        spine: curve(s, t),
        width: Math.ceil(textWidth(text, fontSize) * 1.1 + fontSize),
        height: Math.round(fontSize * 1.6),
      });
    }
    return out;
    // Aggregates are rebuilt with every verdict; their geometry depends on ends and label text only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [aggregateShape, rects, orientation, fontSize]);

  const sizesKey = [...compact].map(([id, c]) => `${id}:${c.size.width}x${c.size.height}`).join('|');
  const placed = useMemo(() => {
    const aggregateItems = [...aggregateGeometry].map(([id, geo]) => ({
      id: `agg:${id}`,
      curve: geo.spine,
      width: geo.width,
      height: geo.height,
      priority: 0,
    }));
    const items = [...geometry].flatMap(([id, geo]) => {
      const c = compact.get(id);
      // Changed probes (review mode) and broken expectations (features/pins) are placed first, so
      // neither is ever the label left out.
      const priority = c?.lines.some((l) => l.review || isBroken(l.probe)) ? 1 : 0;
      return c ? [{ id, curve: geo.spine, width: c.size.width, height: c.size.height, priority }] : [];
    });
    return placeLabels([...items, ...aggregateItems], [...rects.values(), ...headers], { gap: 3 });
    // Placement depends on geometry and label sizes only (sizesKey), not on which icon a label shows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [geometry, sizesKey, headers, rects, aggregateGeometry]);

  // Review mode's ghosts place their labels around everything drawn for the current probes.
  const ghostObstacles = useMemo(() => {
    if (!removed?.length) return [];
    const labels = [...placed].flatMap(([id, at]) => {
      const c = compact.get(id);
      return at && c
        ? [
            {
              x: at.x - c.size.width / 2,
              y: at.y - c.size.height / 2,
              width: c.size.width,
              height: c.size.height,
            },
          ]
        : [];
    });
    return [...rects.values(), ...headers, ...labels];
  }, [removed, placed, compact, rects, headers]);

  const activeGroup = useMemo(
    () =>
      labelled.find((g) => g.id === hovered) ??
      labelled.find((g) => g.probes.some((p) => p.selected)) ??
      null,
    [labelled, hovered],
  );

  const onEnter = useCallback((id: string) => setHovered(id), []);
  const onLeave = useCallback(() => setHovered(null), []);

  // The hovered compact label is swapped for the full one under a still pointer; if the pointer
  // then leaves before the browser has noticed the new element, no mouseleave ever fires. So while
  // a group is hovered, any pointer move outside it (and not onto its focused edge) ends the hover.
  useEffect(() => {
    if (hovered === null) return;
    const groupOf = (el: Element | null) => el?.closest('[data-group]')?.getAttribute('data-group') ?? null;
    const onMove = (event: PointerEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (groupOf(target) === hovered || groupOf(document.activeElement) === hovered) return;
      setHovered(null);
    };
    document.addEventListener('pointermove', onMove, { passive: true });
    return () => document.removeEventListener('pointermove', onMove);
  }, [hovered]);

  return (
    <svg className="edge-layer" aria-hidden={false} data-testid="edge-layer">
      <defs>
        <Markers />
      </defs>
      {removed?.length ? (
        <RemovedEdges
          removed={removed}
          rects={rects}
          curve={orientation === 'TB' ? verticalEdgeCurve : edgeCurve}
          fontSize={fontSize}
          obstacles={ghostObstacles}
        />
      ) : null}
      <g className="edge-layer__paths">
        {groups.map((g) => {
          const geo = geometry.get(g.id);
          if (!geo) return null;
          return g.probes.map((p, k) => (
            <ProbePath
              key={p.index}
              probe={p}
              d={geo.curves[k]?.d ?? geo.spine.d}
              group={g.id}
              onSelect={onSelect}
              onDelete={onDelete}
              onEnter={onEnter}
              onLeave={onLeave}
            />
          ));
        })}
      </g>
      {aggregates.length ? (
        <g className="edge-layer__aggregates">
          {aggregates.map((a) => {
            const geo = aggregateGeometry.get(a.id);
            if (!geo) return null;
            return (
              <AggregateEdge
                key={a.id}
                edge={a}
                d={geo.spine.d}
                at={showLabels ? (placed.get(`agg:${a.id}`) ?? null) : null}
                size={geo}
                fontSize={fontSize}
                onOpen={onOpenAggregate}
              />
            );
          })}
        </g>
      ) : null}
      <g className="edge-layer__labels">
        {labelled.map((g) => {
          if (g === activeGroup) return null; // drawn last, on top
          const at = placed.get(g.id);
          const c = compact.get(g.id);
          if (!at || !c || !showLabels) return null;
          return (
            <EdgeLabel
              key={g.id}
              group={g}
              lines={c.lines}
              size={c.size}
              x={at.x}
              y={at.y}
              inline
              fontSize={fontSize}
              onSelect={onSelect}
              onEnter={onEnter}
              onLeave={onLeave}
            />
          );
        })}
      </g>
      {activeGroup ? (
        // Above the nodes too (React Flow's label layer, raised in canvas.css): nothing hides it.
        <EdgeLabelRenderer>
          <svg className="edge-layer edge-layer--active">
            <ActiveLabel
              group={activeGroup}
              at={placed.get(activeGroup.id) ?? null}
              spine={geometry.get(activeGroup.id)?.spine ?? null}
              fontSize={fontSize}
              onSelect={onSelect}
              onEnter={onEnter}
              onLeave={onLeave}
            />
          </svg>
        </EdgeLabelRenderer>
      ) : null}
    </svg>
  );
});
