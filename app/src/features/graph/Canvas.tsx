/**
 * The mesh canvas: namespaces, workloads and the outside client as nodes, probes as edges.
 * Dragging a node persists its position in the workspace layout; dragging from one workload's
 * handle to another creates a probe; Delete/Backspace removes the selection.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
} from '@xyflow/react';
import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { usePlayground } from '../../store';
import { buildEdges, buildNodes, edgeSignature, EXTERNAL_ID, nodeSignature, Reuser } from './model';
import type { PlaygroundNode, ProbeEdge as ProbeEdgeType } from './model';
import { ExternalNode, NamespaceNode, WorkloadNode } from './nodes';
import { ProbeEdge } from './ProbeEdge';
import { useMeshActions } from './useMeshActions';

const nodeTypes = { namespace: NamespaceNode, workload: WorkloadNode, external: ExternalNode };
const edgeTypes = { probe: ProbeEdge };
/** Constant props: new objects on every render would make React Flow re-render and re-bind its keys. */
const DELETE_KEYS = ['Delete', 'Backspace'];
const FIT_VIEW_OPTIONS = { padding: 0.15 };
const PRO_OPTIONS = { hideAttribution: true };

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

export function Canvas() {
  const mesh = usePlayground((s) => s.workspace.mesh);
  const probes = usePlayground((s) => s.workspace.probes);
  const verdicts = usePlayground((s) => s.verdicts);
  const selection = usePlayground((s) => s.selection);
  const theme = usePlayground((s) => s.theme);
  const select = usePlayground((s) => s.select);
  const setLayout = usePlayground((s) => s.setLayout);
  const actions = useMeshActions();

  const [nodeReuser] = useState(() => new Reuser<PlaygroundNode>(nodeSignature));
  const [edgeReuser] = useState(() => new Reuser<ProbeEdgeType>(edgeSignature));
  const base = useMemo(
    () => nodeReuser.reuse(buildNodes(mesh, verdicts?.workloads, selection, probes)),
    [nodeReuser, mesh, verdicts?.workloads, selection, probes],
  );
  const edges = useMemo(
    () => edgeReuser.reuse(buildEdges(mesh, probes, verdicts?.probes, verdicts?.stale ?? false, selection)),
    [edgeReuser, mesh, probes, verdicts?.probes, verdicts?.stale, selection],
  );
  const [nodes, setNodes] = useState<PlaygroundNode[]>(base);
  // New derived nodes (store change) replace the local ones during render, keeping measurements.
  const [shownBase, setShownBase] = useState(base);
  if (shownBase !== base) {
    setShownBase(base);
    setNodes(mergeMeasured(base, shownBase, nodes));
  }

  // Fit the view once the first verdicts (and node facts) are drawn.
  const { fitView } = useReactFlow();
  const initialized = useNodesInitialized();
  const epoch = usePlayground((s) => s.epoch);
  useEffect(() => {
    if (initialized) void fitView({ padding: 0.1 });
  }, [initialized, epoch, fitView]);

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

  const onEdgesChange = useCallback(
    (changes: EdgeChange<ProbeEdgeType>[]) => {
      for (const c of changes) {
        if (c.type === 'select' && c.selected)
          select({ kind: 'probe', index: Number(c.id.slice('probe-'.length)) });
      }
    },
    [select],
  );

  const onPaneClick = useCallback(() => select(null), [select]);

  const onConnect = useCallback(
    (c: Connection) => actions.addProbe(c.source === EXTERNAL_ID ? 'external' : c.source, c.target),
    [actions],
  );

  return (
    <div className="canvas" data-testid="canvas">
      <ReactFlow<PlaygroundNode, ProbeEdgeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStop={onNodeDragStop}
        onNodesDelete={actions.deleteNodes}
        onEdgesDelete={actions.deleteEdges}
        onPaneClick={onPaneClick}
        deleteKeyCode={DELETE_KEYS}
        panActivationKeyCode={null}
        colorMode={theme}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.2}
        nodesFocusable
        edgesFocusable
        elevateEdgesOnSelect
        aria-label="Mesh canvas"
        proOptions={PRO_OPTIONS}
      >
        <Background gap={24} />
        <Controls />
        <MiniMap pannable zoomable ariaLabel="Minimap of the mesh" />
      </ReactFlow>
    </div>
  );
}
