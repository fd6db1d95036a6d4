/**
 * Page object for the toolbar's Export menu: each item is a real download. Also reads what was
 * downloaded: a PNG's size (its IHDR) and pixels, an SVG laid out in the page to measure it.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { clickToolbarItem } from './toolbar';

export interface Downloaded {
  name: string;
  path: string;
  bytes: Buffer;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The pixel ratio the app exports PNGs at (app/src/features/export/canvasImage.ts). */
export const PNG_PIXEL_RATIO = 2;

export class ExportsPage {
  constructor(readonly page: Page) {}

  /** Collects every request that leaves the page's origin (data: and blob: URLs stay in the page). */
  watchOrigin(baseURL: string | undefined): string[] {
    const outside: string[] = [];
    this.page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(baseURL ?? 'http://localhost') && !/^(data|blob):/.test(url)) outside.push(url);
    });
    return outside;
  }

  /** Chooses an Export item (`toolbar.exportPng|exportSvg|exportScript`) and waits for its download. */
  async download(testId: string): Promise<Downloaded> {
    const [file] = await Promise.all([
      this.page.waitForEvent('download'),
      clickToolbarItem(this.page, testId),
    ]);
    const path = await file.path();
    return { name: file.suggestedFilename(), path, bytes: readFileSync(path) };
  }

  /** The canvas's CSS size, as the export measures it. */
  canvasSize(): Promise<{ width: number; height: number }> {
    return this.page
      .getByTestId('canvas')
      .evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
  }

  /** Width and height from a PNG's IHDR chunk (after the 8-byte signature and the chunk header). */
  static pngHeader(bytes: Buffer): { signature: boolean; width: number; height: number } {
    const signature = bytes.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    return { signature, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }

  /** Decodes a PNG in the page: its size and the colours (`r,g,b`) of some of its pixels. */
  decodePng(bytes: Buffer, points: { x: number; y: number }[]) {
    return this.page.evaluate(
      async ({ base64, points }) => {
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d');
        context?.drawImage(bitmap, 0, 0);
        const pixels = points.map(({ x, y }) =>
          [...(context?.getImageData(x, y, 1, 1).data ?? [])].slice(0, 3).join(','),
        );
        return { width: bitmap.width, height: bitmap.height, pixels };
      },
      { base64: bytes.toString('base64'), points },
    );
  }

  /**
   * Parses an SVG with DOMParser, then lays its drawing out in the page (off to the side, at its
   * size) to measure where the legend and the nodes are, relative to the image.
   */
  inspectSvg(text: string) {
    return this.page.evaluate((svgText) => {
      const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
      const root = doc.documentElement;
      const errors = doc.getElementsByTagName('parsererror').length;
      const width = Number(root.getAttribute('width'));
      const height = Number(root.getAttribute('height'));
      const drawing = root.querySelector('foreignObject > *');
      const box = (el: Element, origin: DOMRect) => {
        const r = el.getBoundingClientRect();
        return { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height };
      };
      let legend = null;
      let nodes: { x: number; y: number; width: number; height: number }[] = [];
      let controls = -1;
      let texts: string[] = [];
      if (drawing) {
        const host = document.createElement('div');
        host.style.cssText = `position:fixed;left:0;top:0;width:${width}px;height:${height}px;z-index:-1`;
        host.append(document.importNode(drawing, true));
        document.body.append(host);
        const origin = host.getBoundingClientRect();
        const legendEl = host.querySelector('[data-testid="export-legend"]');
        legend = legendEl ? box(legendEl, origin) : null;
        // What the legend must never cover: workloads, the outside client and edge labels.
        nodes = [
          ...host.querySelectorAll(
            '.react-flow__node-workload, .react-flow__node-external, [data-testid="probe-edge.label"]',
          ),
        ].map((n) => box(n, origin));
        controls = host.querySelectorAll('.react-flow__controls, .react-flow__minimap').length;
        texts = [...host.querySelectorAll('.edge-label text')].map((t) => t.textContent ?? '');
        host.remove();
      }
      return { rootName: root.localName, errors, width, height, legend, nodes, controls, texts };
    }, text);
  }
}

export const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
