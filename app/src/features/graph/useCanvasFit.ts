/**
 * Fitting the canvas: the whole graph fits the visible canvas on load and again after any resize
 * of the canvas (panels, splitters, "Canvas only", the window), a workspace change (`epoch`), Tidy
 * up, a new placement or a filter that changes what is drawn — unless the user panned or zoomed
 * since the last fit (a move with an input event; programmatic moves have none).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MutableRefObject, RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { FitViewOptions } from '@xyflow/react';
import type { Placement } from './model';
import { ANIMATION_MS } from './useCanvasNodes';

/** Room on the left for the zoom controls, so no node is fitted under them. */
export const FIT: FitViewOptions = {
  padding: { top: '16px', right: '16px', bottom: '16px', left: '60px' },
  // A small mesh is drawn large, not huge.
  maxZoom: 1.5,
  duration: 0,
};
/** With the filter bar shown: room for it at the top too. */
export const FIT_UNDER_BAR: FitViewOptions = {
  ...FIT,
  padding: { top: '52px', right: '16px', bottom: '16px', left: '60px' },
};

export interface CanvasFitInput {
  containerRef: RefObject<HTMLDivElement | null>;
  /** Whether the filter bar is shown now (read when fitting). */
  barRef: MutableRefObject<boolean>;
  barOpen: boolean;
  placement: Placement | null;
  epoch: number;
  /** How many positions the Mesh `layout` stores: dropping to none is Tidy up. */
  storedPositions: number;
  nodeCount: number;
  namespaceFilter: string;
}

export interface CanvasFit {
  /** The view was moved on the user's behalf (search centring): no automatic fit until the next reason. */
  markMoved: () => void;
  /** The placement whose final fit has run: until then the layout is still "moving". */
  fittedPlacement: Placement | null;
  onMoveStart: (event: MouseEvent | TouchEvent | null) => void;
  onFitView: () => void;
}

export function useCanvasFit(input: CanvasFitInput): CanvasFit {
  const { containerRef, barRef, barOpen, placement, epoch, storedPositions, nodeCount, namespaceFilter } =
    input;
  const { fitView } = useReactFlow();
  const userMoved = useRef(false);
  const fit = useCallback(() => {
    if (userMoved.current) return;
    void fitView(barRef.current ? FIT_UNDER_BAR : FIT);
  }, [fitView, barRef]);
  // A workspace replaced, or Tidy up (every stored position dropped): fit again whatever the user
  // did. Dragging a first node (positions appear) is no reason to move the view.
  const [tidied, setTidied] = useState(0);
  const storedBefore = useRef(storedPositions);
  useEffect(() => {
    if (storedBefore.current > 0 && storedPositions === 0) setTidied((n) => n + 1);
    storedBefore.current = storedPositions;
  }, [storedPositions]);
  useEffect(() => {
    userMoved.current = false;
  }, [epoch, tidied]);
  const [fittedPlacement, setFittedPlacement] = useState<Placement | null>(null);
  useEffect(() => {
    const id = requestAnimationFrame(fit);
    const settle = setTimeout(() => {
      fit();
      setFittedPlacement(placement);
    }, ANIMATION_MS + 40);
    return () => {
      cancelAnimationFrame(id);
      clearTimeout(settle);
    };
    // A namespace filter changes what is drawn: fit what is left.
  }, [fit, placement, epoch, tidied, nodeCount, namespaceFilter, barOpen]);
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
  }, [fit, containerRef]);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) userMoved.current = true; // a person panned or zoomed; programmatic moves have no event
  }, []);
  const onFitView = useCallback(() => {
    userMoved.current = false;
  }, []);
  const markMoved = useCallback(() => {
    userMoved.current = true;
  }, []);
  return { markMoved, fittedPlacement, onMoveStart, onFitView };
}
