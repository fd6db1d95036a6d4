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
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  applyNodeChanges,
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore as useFlowStore,
  ViewportPortal,
} from '@xyflow/react';
import type { Connection, FitViewOptions, NodeChange, ReactFlowState } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { usePlayground } from '../../store';
import { buildNodes, buildProbeEdges, EXTERNAL_ID, GroupReuser, nodeSignature, Reuser } from './model';
import type { PlaygroundNode } from './model';
import { ExternalNode, NamespaceNode, WorkloadNode } from './nodes';
import { EdgeLayer } from './edges/EdgeLayer';
import { useAutoLayout } from './useAutoLayout';
import { useMeshActions } from './useMeshActions';

const nodeTypes = { namespace: NamespaceNode, workload: WorkloadNode, external: ExternalNode };
/** Constant props: new objects on every render would make React Flow re-render and re-bind its keys. */
const DELETE_KEYS = ['Delete', 'Backspace'];
const PRO_OPTIONS = { hideAttribution: true };
/** Room on the left for the zoom controls, so no node is fitted under them. */
const FIT: FitViewOptions = {
  padding: { top: '16px', right: '16px', bottom: '16px', left: '60px' },
  maxZoom: 2,
  duration: 0,
};
const ANIMATION_MS = 180;
/** Below this on-screen size a compact label cannot be read: only the active one is drawn. */
const MIN_LABEL_PX = 8;

/**
 * Rebuilt nodes replace the local ones, keeping React Flow's measurements; a node whose derived
 * object did not change keeps its local object (identity), so React Flow skips it.
 */
function mergeMeasured(
  next: PlaygroundNode[],
  previousBase: PlaygroundNode[],
  local: PlaygroundNode[],
): PlaygroundNode[] {
  const before = new Map(previousBase.map((n) => [n.id, n]));
  const old = new Map(local.map((n) => [n.id, n]));
  return next.map((n) => {
    const o = old.get(n.id);
    if (o && before.get(n.id) === n) return o;
    return o?.measured ? ({ ...n, measured: o.measured } as PlaygroundNode) : n;
  });
}

/** Moves nodes from their old positions to their new ones over a few frames. */
function tween(
  from: Map<string, { x: number; y: number }>,
  target: PlaygroundNode[],
  setNodes: (nodes: PlaygroundNode[]) => void,
  done: () => void,
): () => void {
  const start = performance.now();
  let frame = 0;
  const step = (now: number) => {
    const k = Math.min(1, (now - start) / ANIMATION_MS);
    const ease = 1 - (1 - k) ** 3;
    setNodes(
      target.map((n) => {
        const a = from.get(n.id);
        if (!a || (a.x === n.position.x && a.y === n.position.y) || k === 1) return n;
        return {
          ...n,
          position: { x: a.x + (n.position.x - a.x) * ease, y: a.y + (n.position.y - a.y) * ease },
        };
      }),
    );
    if (k < 1) frame = requestAnimationFrame(step);
    else done();
  };
  frame = requestAnimationFrame(step);
  return () => cancelAnimationFrame(frame);
}

/** Holds the cancel function of the running node tween, if any. */
class AnimationHolder {
  private stop: (() => void) | null = null;
  start(stop: () => void): void {
    this.stop = stop;
  }
  done(): void {
    this.stop = null;
  }
  cancel(): void {
    this.stop?.();
    this.stop = null;
  }
}

const labelsReadable = (s: ReactFlowState) => s.transform[2] * 14 >= MIN_LABEL_PX;

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
  const placement = useAutoLayout(mesh, probes);

  const [nodeReuser] = useState(() => new Reuser<PlaygroundNode>(nodeSignature));
  const base = useMemo(
    () => nodeReuser.reuse(buildNodes(mesh, verdicts?.workloads, selection, placement)),
    [nodeReuser, mesh, verdicts?.workloads, selection, placement],
  );
  const [groupReuser] = useState(() => new GroupReuser());
  const groups = useMemo(
    () =>
      groupReuser.reuse(buildProbeEdges(mesh, probes, verdicts?.probes, verdicts?.stale ?? false, selection)),
    [groupReuser, mesh, probes, verdicts?.probes, verdicts?.stale, selection],
  );

  const [nodes, setNodes] = useState<PlaygroundNode[]>(base);
  // New derived nodes (store change) replace the local ones during render, keeping measurements.
  const [shownBase, setShownBase] = useState(base);
  const [shownPlacement, setShownPlacement] = useState(placement);
  // The running tween's cancel function; started during render (with the nodes it moves), so held
  // in a mutable holder rather than a ref.
  const [animation] = useState(() => new AnimationHolder());
  const [moving, setMoving] = useState(false);
  if (shownBase !== base) {
    setShownBase(base);
    const merged = mergeMeasured(base, shownBase, nodes);
    setNodes(merged);
    if (shownPlacement !== placement) {
      setShownPlacement(placement);
      // A new automatic layout (not the first) moves nodes: animate it, briefly.
      if (shownPlacement !== null && merged.length <= 150) {
        const from = new Map(nodes.map((n) => [n.id, n.position]));
        animation.cancel();
        setNodes(nodes);
        setMoving(true);
        animation.start(
          tween(from, merged, setNodes, () => {
            animation.done();
            setMoving(false);
          }),
        );
      }
    }
  }
  useEffect(() => () => animation.cancel(), [animation]);

  // --- fitting -------------------------------------------------------------------------------
  const { fitView } = useReactFlow();
  const userMoved = useRef(false);
  const containerRef = useRef<HTMLDivElement | null>(null);
  const fit = useCallback(() => {
    if (userMoved.current) return;
    void fitView(FIT);
  }, [fitView]);
  // A workspace replaced, or Tidy up (every stored position dropped): fit again whatever the user did.
  const tidy = Object.keys(mesh.layout ?? {}).length === 0;
  useEffect(() => {
    userMoved.current = false;
  }, [epoch, tidy]);
  useEffect(() => {
    const id = requestAnimationFrame(fit);
    const settle = setTimeout(fit, ANIMATION_MS + 40);
    return () => {
      cancelAnimationFrame(id);
      clearTimeout(settle);
    };
  }, [fit, placement, epoch, tidy, nodes.length]);
  useEffect(() => {
    const el = containerRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [fit]);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) userMoved.current = true; // a person panned or zoomed; programmatic moves have no event
  }, []);
  const onFitView = useCallback(() => {
    userMoved.current = false;
  }, []);

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
    [select],
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

  const readable = useFlowStore(labelsReadable);
  // Until the first automatic layout arrives the grid is not shown (it would jump); after 2 s it is.
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const id = setTimeout(() => setWaited(true), 2000);
    return () => clearTimeout(id);
  }, []);
  const layoutState = placement === null ? (waited ? 'fallback' : 'pending') : moving ? 'moving' : 'ready';
  const [minimap, setMinimap] = useState(false);

  return (
    <div className="canvas" data-testid="canvas" data-layout={layoutState} ref={containerRef}>
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
        fitViewOptions={FIT}
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
            groups={groups}
            fontSize={14}
            showLabels={readable}
            onSelect={onSelectProbe}
            onDelete={onDeleteProbe}
          />
        </ViewportPortal>
        <Background gap={24} />
        {embedded ? null : (
          <Controls onFitView={onFitView} showInteractive={false}>
            <ControlButton
              onClick={() => setMinimap((on) => !on)}
              title={minimap ? 'Hide the minimap' : 'Show the minimap'}
              aria-label={minimap ? 'Hide the minimap' : 'Show the minimap'}
              aria-pressed={minimap}
              data-testid="canvas.minimap-toggle"
            >
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <rect
                  x="2"
                  y="3"
                  width="12"
                  height="10"
                  rx="1"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.5"
                />
                <rect x="8" y="8" width="5" height="4" fill="currentColor" />
              </svg>
            </ControlButton>
          </Controls>
        )}
        {minimap && !embedded ? (
          <MiniMap pannable zoomable ariaLabel="Minimap of the mesh" className="canvas-minimap" />
        ) : null}
      </ReactFlow>
    </div>
  );
}
