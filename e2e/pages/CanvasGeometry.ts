/**
 * Measures the canvas as a person sees it, in screen pixels: node, namespace and label boxes,
 * edge path ends (through getScreenCTM), the React Flow zoom, and on-screen type sizes
 * (CSS font size × zoom). The legibility specs assert on what this returns.
 */
import type { Page } from '@playwright/test';

export interface ScreenBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgeEnds {
  from: string;
  to: string;
  start: { x: number; y: number };
  end: { x: number; y: number };
}

export interface CanvasGeometry {
  canvas: ScreenBox;
  zoom: number;
  workloads: ScreenBox[];
  external: ScreenBox | null;
  namespaces: ScreenBox[];
  labels: ScreenBox[];
  edges: EdgeEnds[];
  /** On-screen font sizes: CSS size × zoom. */
  nameFontPx: number[];
  labelFontPx: number[];
  minimapVisible: boolean;
}

export async function measureCanvas(page: Page): Promise<CanvasGeometry> {
  return page.evaluate(() => {
    const box = (el: Element, id: string) => {
      const r = el.getBoundingClientRect();
      return { id, x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const canvasEl =
      document.querySelector('[data-testid="canvas"] .react-flow') ??
      document.querySelector('[data-testid="canvas"]');
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 1;
    const cssPx = (el: Element) => Number.parseFloat(getComputedStyle(el).fontSize);
    const edges = [...document.querySelectorAll<SVGGElement>('[data-testid="probe-edge"]')].flatMap((g) => {
      const path =
        g.querySelector<SVGPathElement>('path.probe-edge__line') ?? g.querySelector<SVGPathElement>('path');
      const ctm = path?.getScreenCTM();
      if (!path || !ctm) return [];
      const at = (len: number) =>
        new DOMPoint(path.getPointAtLength(len).x, path.getPointAtLength(len).y).matrixTransform(ctm);
      const a = at(0);
      const b = at(path.getTotalLength());
      return [
        {
          from: g.getAttribute('data-from') ?? '',
          to: g.getAttribute('data-to') ?? '',
          start: { x: a.x, y: a.y },
          end: { x: b.x, y: b.y },
        },
      ];
    });
    const labels = [...document.querySelectorAll('[data-testid="probe-edge.label"]')];
    const names = [...document.querySelectorAll('[data-testid="workload-node"] .wl-node__name')];
    const external = document.querySelector('[data-testid="external-node"]');
    return {
      canvas: canvasEl ? box(canvasEl, 'canvas') : { id: 'canvas', x: 0, y: 0, width: 0, height: 0 },
      zoom,
      workloads: [...document.querySelectorAll('[data-testid="workload-node"]')].map((el) =>
        box(el, el.getAttribute('data-workload') ?? ''),
      ),
      external: external ? box(external, 'external') : null,
      namespaces: [...document.querySelectorAll('[data-testid="namespace-node"]')].map((el) =>
        box(el, el.getAttribute('data-namespace') ?? ''),
      ),
      labels: labels.map((el) => box(el.querySelector('rect') ?? el, el.getAttribute('data-group') ?? '')),
      edges,
      // The label's font is set on its <g>; the SVG is inside the zoomed viewport.
      labelFontPx: labels.map((el) => cssPx(el) * zoom),
      nameFontPx: names.map((el) => cssPx(el) * zoom),
      minimapVisible: !!document.querySelector('.react-flow__minimap'),
    };
  });
}

export const overlaps = (a: ScreenBox, b: ScreenBox, gap = 0): boolean =>
  a.x < b.x + b.width - gap &&
  b.x < a.x + a.width - gap &&
  a.y < b.y + b.height - gap &&
  b.y < a.y + a.height - gap;

export const inside = (inner: ScreenBox, outer: ScreenBox, tolerance = 1): boolean =>
  inner.x >= outer.x - tolerance &&
  inner.y >= outer.y - tolerance &&
  inner.x + inner.width <= outer.x + outer.width + tolerance &&
  inner.y + inner.height <= outer.y + outer.height + tolerance;

export const near = (p: { x: number; y: number }, b: ScreenBox, tolerance: number): boolean =>
  p.x >= b.x - tolerance &&
  p.x <= b.x + b.width + tolerance &&
  p.y >= b.y - tolerance &&
  p.y <= b.y + b.height + tolerance;

/** Every pair of boxes that overlap, as `a × b`, so a failing assertion names them. */
export function overlappingPairs(boxes: ScreenBox[], gap = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a && b && overlaps(a, b, gap)) out.push(`${a.id} × ${b.id}`);
    }
  return out;
}
