/**
 * The mesh canvas: namespaces, workloads and the outside client as React Flow nodes; probes in one
 * SVG edge layer (edges/EdgeLayer) above the namespace boxes and below the workloads.
 * - Positions: the user's (the Mesh `layout`, written when a drag ends) over the automatic
 *   layout's (ELK in a worker, useAutoLayout). A new placement animates in briefly.
 * - Fit: the whole graph fits the visible canvas on load and again after any resize of the canvas
 *   (panels, splitters, "Canvas only", the window), a workspace change or a new layout — unless
 *   the user panned or zoomed since the last fit.
 * - Drag from one workload's handle to another creates a probe; Delete/Backspace removes the selection.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  applyNodeChanges,
  Background,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore as useFlowStore,
  ViewportPortal,
} from '@xyflow/react';
import type { Connection, NodeChange, ReactFlowState } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { usePlayground } from '../../store';
import {
  buildNodes,
  buildProbeEdges,
  drawnNamespaces,
  EXTERNAL_ID,
  GroupReuser,
  nodeSignature,
  Reuser,
} from './model';
import type { PlaygroundNode } from './model';
import {
  aggregateEdges,
  AUTO_COLLAPSE_ABOVE,
  collapsedNamespaces,
  isFiltering,
  matchesSearch,
} from './bigMesh';
import type { AggregateEdgeModel } from './bigMesh';
import { selectCanvasFilter, selectCollapseOverrides } from './canvasViewSlice';
import { CanvasControls } from './CanvasControls';
import { FilterBar } from './FilterBar';
import { ExternalNode, NamespaceNode, WorkloadNode } from './nodes';
import { EdgeLayer } from './edges/EdgeLayer';
import { useAutoLayout } from './useAutoLayout';
import { useCanvasNodes } from './useCanvasNodes';
import { FIT, FIT_UNDER_BAR, useCanvasFit } from './useCanvasFit';
import { useMeshActions } from './useMeshActions';
import { removedInMesh, reviewMarks, selectReviewDiff } from '../review/selectors';

const nodeTypes = { namespace: NamespaceNode, workload: WorkloadNode, external: ExternalNode };
/** Constant props: new objects on every render would make React Flow re-render and re-bind its keys. */
const DELETE_KEYS = ['Delete', 'Backspace'];
const PRO_OPTIONS = { hideAttribution: true };
const BAR_ROOM = 36;
/** Below this on-screen size a compact label cannot be read: only the active one is drawn. */
const MIN_LABEL_PX = 8;

/** Edge label type size in graph units; node type sizes are in canvas.css. */
const LABEL_FONT = 15;
const labelsReadable = (s: ReactFlowState) => s.transform[2] * LABEL_FONT >= MIN_LABEL_PX;

export function Canvas() {
  const embedded = usePlayground((s) => s.embedded);
  const mesh = usePlayground((s) => s.workspace.mesh);
  const probes = usePlayground((s) => s.workspace.probes);
  const verdicts = usePlayground((s) => s.verdicts);
  const selection = usePlayground((s) => s.selection);
  const theme = usePlayground((s) => s.theme);
  const select = usePlayground((s) => s.select);
  const setLayout = usePlayground((s) => s.setLayout);
  const epoch = usePlayground((s) => s.epoch);
  const actions = useMeshActions();
  const containerRef = useRef<HTMLDivElement | null>(null);
  // Big meshes (bigMesh.ts): collapsed namespaces and the filter bar, view state in canvasViewSlice.
  const overrides = usePlayground(selectCollapseOverrides);
  const filter = usePlayground(selectCanvasFilter);
  const barChoice = usePlayground((s) => s.filterBarOpen);
  const setFilterBarOpen = usePlayground((s) => s.setFilterBarOpen);
  const barOpen =
    !embedded && (barChoice ?? ((mesh.workloads?.length ?? 0) > AUTO_COLLAPSE_ABOVE || isFiltering(filter)));
  const barRef = useRef(barOpen);
  useLayoutEffect(() => {
    barRef.current = barOpen;
  }, [barOpen]);
  const canvasSize = useCallback(() => {
    const el = containerRef.current;
    // The fit's padding is not room for the drawing.
    const bar = barRef.current ? BAR_ROOM : 0;
    return el ? { width: el.clientWidth - 76, height: el.clientHeight - 32 - bar } : null;
  }, []);
  const setCollapsed = usePlayground((s) => s.setCollapsed);
  const collapsed = useMemo(() => collapsedNamespaces(mesh, overrides), [mesh, overrides]);
  const placement = useAutoLayout(mesh, probes, canvasSize, collapsed, filter.namespace);

  const evaluating = usePlayground((s) => s.evaluating);
  const stale = verdicts?.stale ? true : evaluating && verdicts ? 'evaluating' : false;
  // Unchanged edges and groups keep their objects: a flipped verdict re-renders one edge and one label.
  const [groupReuser] = useState(() => new GroupReuser());
  // Review mode (features/review): marks on changed and added probes, ghosts of removed ones.
  const reviewDiff = usePlayground(selectReviewDiff);
  const marks = reviewMarks(reviewDiff);
  const removed = useMemo(() => removedInMesh(reviewDiff, mesh), [reviewDiff, mesh]);
  const split = useMemo(
    () =>
      aggregateEdges(
        buildProbeEdges(mesh, probes, verdicts?.probes, stale, selection, marks, filter),
        collapsed,
      ),
    [mesh, probes, verdicts?.probes, stale, selection, marks, filter, collapsed],
  );
  const groups = useMemo(() => groupReuser.reuse(split.expanded), [groupReuser, split]);
  const aggregates = split.aggregates;

  const [nodeReuser] = useState(() => new Reuser<PlaygroundNode>(nodeSignature));
  const base = useMemo(
    () =>
      nodeReuser.reuse(
        buildNodes(mesh, verdicts?.workloads, selection, placement, {
          collapsed,
          worst: split.worstByNamespace,
          filter,
        }),
      ),
    [nodeReuser, mesh, verdicts?.workloads, selection, placement, collapsed, split, filter],
  );

  const { nodes, setNodes, moving } = useCanvasNodes(base, placement);

  const { setCenter, getZoom } = useReactFlow();
  const { markMoved, fittedPlacement, onMoveStart, onFitView } = useCanvasFit({
    containerRef,
    barRef,
    barOpen,
    placement,
    epoch,
    storedPositions: Object.keys(mesh.layout ?? {}).length,
    nodeCount: nodes.length,
    namespaceFilter: filter.namespace,
  });

  // --- interaction ---------------------------------------------------------------------------
  const onNodesChange = useCallback(
    (changes: NodeChange<PlaygroundNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      for (const c of changes) {
        if (c.type === 'select' && c.selected) {
          if (c.id === EXTERNAL_ID) select({ kind: 'external' });
          else if (c.id.startsWith('ns:')) select({ kind: 'namespace', name: c.id.slice(3) });
          else select({ kind: 'workload', key: c.id });
        }
      }
    },
    [select, setNodes],
  );

  /** A finished drag persists the positions in the workspace layout (one undo step). */
  const onNodeDragStop = useCallback(
    (_event: unknown, _node: PlaygroundNode, dragged: PlaygroundNode[]) => {
      const moved: Record<string, { x: number; y: number }> = {};
      for (const n of dragged)
        moved[n.type === 'namespace' ? n.data.name : n.id] = {
          x: Math.round(n.position.x),
          y: Math.round(n.position.y),
        };
      if (Object.keys(moved).length) setLayout(moved);
    },
    [setLayout],
  );

  const onPaneClick = useCallback(() => select(null), [select]);
  const onSelectProbe = useCallback((index: number) => select({ kind: 'probe', index }), [select]);
  // An embed is read-only: nothing is deleted, dragged or connected there.
  const onDeleteProbe = useCallback(
    (index: number) => {
      if (!embedded) actions.deleteProbes([index]);
    },
    [actions, embedded],
  );
  const onConnect = useCallback(
    (c: Connection) => actions.addProbe(c.source === EXTERNAL_ID ? 'external' : c.source, c.target),
    [actions],
  );

  const onOpenAggregate = useCallback(
    (a: AggregateEdgeModel) =>
      setCollapsed(
        [a.source, a.target].filter((id) => id.startsWith('ns:')).map((id) => id.slice(3)),
        false,
      ),
    [setCollapsed],
  );
  const namespaces = useMemo(() => drawnNamespaces(mesh), [mesh]);
  /** Enter in the search: centre the first matching workload (or the collapsed namespace holding it). */
  const onFind = useCallback(
    (search: string) => {
      if (!search.trim()) return;
      const byId = new Map(nodes.map((n) => [n.id, n]));
      const key = (mesh.workloads ?? [])
        .map((w) => `${w.namespace}/${w.name}`)
        .find((k) => matchesSearch(k, search) && byId.get(`ns:${k.split('/')[0]}`)?.hidden !== true);
      if (!key) return;
      const node = byId.get(key) ?? byId.get(`ns:${key.split('/')[0]}`);
      if (!node) return;
      const parent = node.parentId ? byId.get(node.parentId) : undefined;
      const x = node.position.x + (parent?.position.x ?? 0) + (node.width ?? 0) / 2;
      const y = node.position.y + (parent?.position.y ?? 0) + (node.height ?? 0) / 2;
      markMoved();
      void setCenter(x, y, { zoom: Math.max(getZoom(), 1), duration: 200 });
    },
    [nodes, mesh, setCenter, getZoom, markMoved],
  );

  const readable = useFlowStore(labelsReadable);
  // Presenter mode raises the label size through the same CSS property the nodes read.
  const presenting = usePlayground((s) => s.presenting);
  const [labelFont, setLabelFont] = useState(LABEL_FONT);
  useLayoutEffect(() => {
    const el = containerRef.current;
    const size = el ? Number.parseFloat(getComputedStyle(el).getPropertyValue('--canvas-label-size')) : NaN;
    setLabelFont(Number.isFinite(size) && size > 0 ? size : LABEL_FONT);
  }, [presenting]);
  // Until the first automatic layout arrives the grid is not shown (it would jump); after 2 s it is.
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const id = setTimeout(() => setWaited(true), 2000);
    return () => clearTimeout(id);
  }, []);
  const layoutState =
    placement === null
      ? waited
        ? 'fallback'
        : 'pending'
      : moving || fittedPlacement !== placement
        ? 'moving'
        : 'ready';
  const [minimap, setMinimap] = useState(false);

  return (
    <div
      className="canvas"
      data-testid="canvas"
      data-layout={layoutState}
      data-evaluating={evaluating}
      data-review={reviewDiff !== null}
      ref={containerRef}
    >
      {evaluating ? (
        <div className="canvas-busy" role="status" data-testid="canvas.busy">
          <span className="canvas-busy__spinner" aria-hidden="true" />
          Evaluating…
        </div>
      ) : null}
      {barOpen ? <FilterBar namespaces={namespaces} onFind={onFind} /> : null}
      <ReactFlow<PlaygroundNode>
        nodes={nodes}
        edges={[]}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onConnect={onConnect}
        onNodeDragStop={onNodeDragStop}
        onNodesDelete={actions.deleteNodes}
        onPaneClick={onPaneClick}
        onMoveStart={onMoveStart}
        deleteKeyCode={embedded ? null : DELETE_KEYS}
        nodesDraggable={!embedded}
        nodesConnectable={!embedded}
        panActivationKeyCode={null}
        colorMode={theme}
        fitView
        fitViewOptions={barOpen ? FIT_UNDER_BAR : FIT}
        minZoom={0.1}
        maxZoom={3}
        onlyRenderVisibleElements={nodes.length > 60}
        elevateNodesOnSelect={false}
        nodesFocusable
        aria-label="Mesh canvas"
        proOptions={PRO_OPTIONS}
      >
        <ViewportPortal>
          <EdgeLayer
            nodes={nodes}
            orientation={placement?.orientation ?? 'LR'}
            groups={groups}
            fontSize={labelFont}
            showLabels={readable}
            onSelect={onSelectProbe}
            onDelete={onDeleteProbe}
            removed={removed}
            aggregates={aggregates}
            onOpenAggregate={onOpenAggregate}
          />
        </ViewportPortal>
        <Background gap={24} />
        {embedded ? null : (
          <CanvasControls
            onFitView={onFitView}
            filterBar={barOpen}
            onToggleFilterBar={() => setFilterBarOpen(!barOpen)}
            minimap={minimap}
            onToggleMinimap={() => setMinimap((on) => !on)}
          />
        )}
        {minimap && !embedded ? (
          <MiniMap pannable zoomable ariaLabel="Minimap of the mesh" className="canvas-minimap" />
        ) : null}
      </ReactFlow>
    </div>
  );
}
