/**
 * The nodes React Flow holds: derived nodes from the store (`base`) merged into the local ones so
 * React Flow's measurements survive, and a new automatic placement animated in briefly
 * (ANIMATION_MS) from where the nodes were — never on a keystroke, only when the placement changes.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';
import type { Placement, PlaygroundNode } from './model';

export const ANIMATION_MS = 180;
/** Above this many nodes a new placement is applied at once: animating them would cost frames. */
const ANIMATE_UP_TO = 150;

type Positions = Map<string, { x: number; y: number }>;

const positionsOf = (nodes: PlaygroundNode[]): Positions => new Map(nodes.map((n) => [n.id, n.position]));

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

/**
 * Moves nodes from their old positions to their new ones over a few frames. Only positions are
 * touched (functional updates), so a verdict that arrives meanwhile is not lost.
 */
function tween(
  from: Positions,
  to: Positions,
  setNodes: (update: (nodes: PlaygroundNode[]) => PlaygroundNode[]) => void,
  done: () => void,
): () => void {
  const start = performance.now();
  let frame = 0;
  const step = (now: number) => {
    const k = Math.min(1, (now - start) / ANIMATION_MS);
    const ease = 1 - (1 - k) ** 3;
    setNodes((nodes) =>
      nodes.map((n) => {
        const a = from.get(n.id);
        const b = to.get(n.id);
        if (!a || !b) return n;
        const position = k === 1 ? b : { x: a.x + (b.x - a.x) * ease, y: a.y + (b.y - a.y) * ease };
        return position.x === n.position.x && position.y === n.position.y ? n : { ...n, position };
      }),
    );
    if (k < 1) frame = requestAnimationFrame(step);
    else done();
  };
  frame = requestAnimationFrame(step);
  return () => cancelAnimationFrame(frame);
}

export interface CanvasNodes {
  nodes: PlaygroundNode[];
  setNodes: Dispatch<SetStateAction<PlaygroundNode[]>>;
  /** A new placement is being animated in. */
  moving: boolean;
}

export function useCanvasNodes(base: PlaygroundNode[], placement: Placement | null): CanvasNodes {
  const [nodes, setNodes] = useState<PlaygroundNode[]>(base);
  // New derived nodes (store change) replace the local ones during render, keeping measurements.
  const [shownBase, setShownBase] = useState(base);
  const [moving, setMoving] = useState(false);
  if (shownBase !== base) {
    setShownBase(base);
    setNodes(mergeMeasured(base, shownBase, nodes));
  }

  // A new automatic layout (not the first) moves nodes: animate it, briefly, from where they were.
  const committed = useRef<Positions>(new Map());
  useEffect(() => {
    committed.current = positionsOf(nodes);
  }, [nodes]);
  const firstPlacement = useRef(true);
  useLayoutEffect(() => {
    if (placement === null) return;
    if (firstPlacement.current || nodes.length > ANIMATE_UP_TO) {
      firstPlacement.current = false;
      return;
    }
    setMoving(true);
    return tween(committed.current, positionsOf(nodes), setNodes, () => setMoving(false));
    // Runs when the placement changes; `nodes` is read as it is then (already the new positions).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [placement]);

  return { nodes, setNodes, moving };
}
