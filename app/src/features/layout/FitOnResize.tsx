/**
 * Refits the graph when its panel changes size (a lesson column opens, the editor is hidden, the
 * window is resized): the graph should use the room it is given, and a smaller panel must not leave
 * workloads out of sight or under a neighbouring panel. Render inside the canvas's ReactFlowProvider.
 */
import { useEffect } from 'react';
import type { RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';

const SETTLE_MS = 120;

export function FitOnResize({ target }: { target: RefObject<HTMLElement | null> }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const element = target.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let last: { width: number; height: number } | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      // The first report is the initial size, which the canvas fits by itself.
      const changed =
        last !== null && (Math.abs(last.width - width) > 1 || Math.abs(last.height - height) > 1);
      last = { width, height };
      if (!changed) return;
      clearTimeout(timer);
      timer = setTimeout(() => void fitView({ padding: 0.1 }), SETTLE_MS);
    });
    observer.observe(element);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [target, fitView]);
  return null;
}
