/**
 * PNG and SVG images of the canvas as it is shown, with a legend, through html-to-image (the
 * library React Flow's own docs use for this).
 *
 * - What is drawn: the canvas element at its size on screen (nodes, edges, labels, the selection,
 *   the background grid), without the zoom controls, the minimap and the "Evaluating…" badge. The
 *   legend (ExportLegend) is put into the corner that covers the least of the drawing while the
 *   image is taken (clipped away on the page, whole in the image), then removed.
 * - Size: the PNG is the canvas's CSS size × PIXEL_RATIO (2: sharp on high-density screens and in a
 *   pull request, whatever the screen it was taken on). The SVG keeps the CSS size.
 * - SVG styles: html-to-image copies each HTML element's computed style inline, but clones an
 *   <svg> subtree as it is, so the edges, labels and icons would lose their class-based CSS (paths
 *   filled black, label text unstyled). The stylesheet rules that style SVG elements of the canvas
 *   go into the image as one <style> element, through the `fontEmbedCSS` option (inserted
 *   verbatim; it replaces font embedding).
 * - Offline: no font is embedded (html-to-image would otherwise fetch every stylesheet's fonts);
 *   the image uses the fonts the viewer has. Rules with `url(` are left out, so an exported SVG
 *   references nothing outside itself. The canvas has no images: nothing is fetched.
 * - Background: the canvas's own colour in the current theme.
 */
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Verdict } from '@playground/evaluator';
import { ExportLegend, lookKey } from './ExportLegend';
import { legendCorner } from './files';
import type { Box } from './files';
import { STYLE_PROPERTIES, usedCustomProperties } from './styleProperties';

export const PIXEL_RATIO = 2;
export type ImageFormat = 'png' | 'svg';

/** Parts of the canvas that are controls, not drawing. */
const LEFT_OUT = '.react-flow__controls, .react-flow__minimap, .react-flow__panel, .canvas-busy';

const transparent = (colour: string) =>
  !colour || colour === 'transparent' || /^rgba\(.*,\s*0\)$/.test(colour.replace(/\s+/g, ' '));

function backgroundOf(canvas: HTMLElement): string {
  for (const el of [canvas.querySelector('.react-flow'), canvas, document.body]) {
    if (!(el instanceof HTMLElement)) continue;
    const colour = getComputedStyle(el).backgroundColor;
    if (!transparent(colour)) return colour;
  }
  return '#ffffff';
}

/** Every stylesheet rule (of media that apply) that styles an SVG element inside `root`. */
function svgRules(root: HTMLElement): string {
  const out: string[] = [];
  const visit = (rules: CSSRuleList) => {
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule) {
        if (window.matchMedia(rule.conditionText).matches) visit(rule.cssRules);
      } else if (rule instanceof CSSStyleRule && !rule.cssText.includes('url(')) {
        let matched: NodeListOf<Element>;
        try {
          matched = root.querySelectorAll(rule.selectorText);
        } catch {
          continue; // pseudo-elements and selectors querySelectorAll does not take
        }
        if ([...matched].some((el) => el instanceof SVGElement)) out.push(rule.cssText);
      }
    }
  };
  for (const sheet of document.styleSheets) {
    try {
      visit(sheet.cssRules);
    } catch {
      /* a stylesheet whose rules cannot be read */
    }
  }
  return out.join('\n');
}

/** The outcomes the canvas shows, as legend rows. */
function shownLooks(canvas: HTMLElement): Set<string> {
  const looks = new Set<string>();
  for (const edge of canvas.querySelectorAll('[data-testid="probe-edge"]')) {
    const verdict = edge.getAttribute('data-verdict') as Verdict | 'pending' | null;
    if (!verdict || verdict === 'pending') continue;
    const mtls = edge.getAttribute('data-mtls');
    looks.add(lookKey(verdict, mtls === 'true' ? true : mtls === 'false' ? false : null));
  }
  return looks;
}

function relativeBox(el: Element, origin: DOMRect): Box {
  const r = el.getBoundingClientRect();
  return { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height };
}

/**
 * Covering a workload or a label (or coming within a few px of one) costs far more than covering a
 * namespace box's empty corner.
 */
const OBSTACLES: [selector: string, weight: number, room: number][] = [
  ['.react-flow__node-namespace', 1, 0],
  ['.react-flow__node-workload, .react-flow__node-external', 50, 8],
  ['[data-testid="probe-edge.label"]', 50, 8],
];

/**
 * The legend's shapes, tried in turn: a column, narrower columns whose long rows wrap, two columns
 * (wide and short). Each is a class and a maximum width.
 */
const SHAPES: [className: string, maxWidth: string][] = [
  ['export-legend-host', ''],
  ['export-legend-host export-legend-host--wrap', '330px'],
  ['export-legend-host export-legend-host--wrap', '250px'],
  ['export-legend-host export-legend-host--wide', ''],
];

/**
 * Puts the legend into the canvas for as long as `take` runs: in the shape and corner where it
 * covers the least of the drawing.
 */
async function withLegend<T>(canvas: HTMLElement, title: string, take: () => Promise<T>): Promise<T> {
  const host = document.createElement('div');
  host.className = 'export-legend-host';
  canvas.append(host);
  const root = createRoot(host);
  try {
    const broken = canvas.querySelector('[data-testid="probe-edge"][data-pass="false"]') !== null;
    flushSync(() => root.render(createElement(ExportLegend, { title, shown: shownLooks(canvas), broken })));
    const origin = canvas.getBoundingClientRect();
    const obstacles = OBSTACLES.flatMap(([selector, weight, room]) =>
      [...canvas.querySelectorAll(selector)].map((el) => {
        const b = relativeBox(el, origin);
        return {
          x: b.x - room,
          y: b.y - room,
          width: b.width + 2 * room,
          height: b.height + 2 * room,
          weight,
        };
      }),
    );
    const size = { width: canvas.clientWidth, height: canvas.clientHeight };
    let best: { shape: (typeof SHAPES)[number]; x: number; y: number; cost: number } | null = null;
    for (const shape of SHAPES) {
      [host.className, host.style.maxWidth] = shape;
      const legend = host.getBoundingClientRect();
      const place = legendCorner(size, { width: legend.width, height: legend.height }, obstacles);
      if (!best || place.cost < best.cost) best = { shape, ...place };
    }
    if (best) {
      [host.className, host.style.maxWidth] = best.shape;
      host.style.left = `${Math.round(best.x)}px`;
      host.style.top = `${Math.round(best.y)}px`;
    }
    return await take();
  } finally {
    root.unmount();
    host.remove();
  }
}

/** The image of `canvas` (the `[data-testid=canvas]` element) with its legend. */
export async function canvasImage(canvas: HTMLElement, format: ImageFormat, title: string): Promise<Blob> {
  const { toBlob, toSvg } = await import('html-to-image');
  return withLegend(canvas, title, async () => {
    const rules = svgRules(canvas);
    // Custom properties are inherited: the ones the canvas refers to, resolved on every element.
    const custom = usedCustomProperties(rules, canvas.innerHTML);
    const options = {
      width: canvas.clientWidth,
      height: canvas.clientHeight,
      backgroundColor: backgroundOf(canvas),
      pixelRatio: PIXEL_RATIO,
      skipFonts: true,
      fontEmbedCSS: rules,
      includeStyleProperties: [...STYLE_PROPERTIES, ...custom],
      filter: (node: HTMLElement) => !(node instanceof Element && node.matches(LEFT_OUT)),
    };
    if (format === 'png') {
      const blob = await toBlob(canvas, options);
      if (!blob) throw new Error('the browser could not encode the image');
      return blob;
    }
    const url = await toSvg(canvas, options);
    const svg = decodeURIComponent(url.slice(url.indexOf(',') + 1));
    return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`], { type: 'image/svg+xml' });
  });
}
