/**
 * The canvas is readable at a glance (issue: "A canvas people can read"): on the seed mesh, on
 * golden examples with four namespaces and on a 12-workload workspace, at 1440×900 and 1280×720,
 * with the graph fitted — nothing off the canvas, no overlaps, every edge attached to its own two
 * nodes, edge labels ≥ 11 px and workload names ≥ 12 px on screen, no minimap over the graph.
 */
import { deflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { inside, measureCanvas, near, overlappingPairs } from './pages/CanvasGeometry';
import type { ScreenBox } from './pages/CanvasGeometry';

const link = (text: string) => `/#w=1.${Buffer.from(deflateRawSync(text)).toString('base64url')}`;

/** Four namespaces × three workloads, calls across them: a workspace of "about 12 workloads". */
function twelveWorkloads(): string {
  const ns = ['shop', 'cart', 'pay', 'ship'];
  const workloads = ns.flatMap((n) =>
    ['web', 'api', 'db'].map(
      (w) => `    - {name: ${w}, namespace: ${n}, labels: {app: ${w}}, ports: [{name: http, port: 8080}]}`,
    ),
  );
  const probes = [
    ['shop/web', 'shop/api'],
    ['shop/api', 'cart/api'],
    ['shop/api', 'pay/api'],
    ['cart/api', 'cart/db'],
    ['pay/api', 'pay/db'],
    ['pay/api', 'ship/api'],
    ['ship/api', 'ship/db'],
    ['shop/web', 'ship/web'],
    ['cart/web', 'cart/api'],
    ['pay/web', 'pay/api'],
    ['shop/api', 'shop/db'],
    ['ship/web', 'ship/api'],
  ].map(([from, to]) => `    - {from: ${from}, to: ${to}, port: 8080, request: {path: /}}`);
  return `apiVersion: playground/v1\nkind: Mesh\nmetadata: {name: twelve, title: Twelve workloads}\nspec:\n  namespaces: [${ns.map((n) => `{name: ${n}}`).join(', ')}]\n  workloads:\n${workloads.join('\n')}\n---\napiVersion: playground/v1\nkind: Probes\nspec:\n  probes:\n${probes.join('\n')}\n`;
}

const cases: { name: string; path: string }[] = [
  { name: 'the seed mesh', path: '/' },
  { name: 'concepts-authz-httpbin', path: '/#example=concepts-authz-httpbin' },
  { name: 'pattern-namespace-isolation-ingress', path: '/#example=pattern-namespace-isolation-ingress' },
  { name: 'authn-mesh-strict', path: '/#example=authn-mesh-strict' },
  { name: 'a 12-workload workspace', path: link(twelveWorkloads()) },
];
const sizes = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

/** Waits until the automatic layout is in place and the view has settled: the same geometry twice in a row. */
async function settled(page: Page) {
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-layout', 'ready');
  let last = '';
  for (let i = 0; i < 40; i++) {
    const g = await measureCanvas(page);
    const key = JSON.stringify([g.zoom, g.workloads.map((w) => [Math.round(w.x), Math.round(w.y)])]);
    if (key === last && g.workloads.length > 0) return g;
    last = key;
    await page.waitForTimeout(150);
  }
  return measureCanvas(page);
}

for (const size of sizes)
  for (const c of cases)
    test(`${c.name} is legible at ${size.width}×${size.height}`, async ({ page }) => {
      await page.setViewportSize(size);
      const app = new PlaygroundPage(page);
      await app.open(c.path);
      const g = await settled(page);
      const nodes: ScreenBox[] = [...g.workloads, ...(g.external ? [g.external] : [])];

      // No node outside the visible canvas.
      expect(nodes.filter((n) => !inside(n, g.canvas)).map((n) => n.id)).toEqual([]);
      // No two nodes, and no two namespaces, overlapping.
      expect(overlappingPairs(nodes)).toEqual([]);
      expect(overlappingPairs(g.namespaces)).toEqual([]);
      // No two labels overlapping, and no label on a node.
      expect(overlappingPairs(g.labels)).toEqual([]);
      const onNodes = g.labels.flatMap((l) =>
        overlappingPairs([l, ...nodes]).filter((p) => p.startsWith(`${l.id} ×`)),
      );
      expect(onNodes).toEqual([]);
      // Every edge's ends on its own two nodes (a few px for the stroke and the arrowhead).
      const byId = new Map(nodes.map((n) => [n.id, n]));
      const detached = g.edges.flatMap((e) => {
        const s = byId.get(e.from === 'external' ? 'external' : e.from);
        const t = byId.get(e.to);
        return s && t && near(e.start, s, 4) && near(e.end, t, 4) ? [] : [`${e.from} → ${e.to}`];
      });
      expect(detached).toEqual([]);
      // Every drawn edge group shows a label without hovering.
      expect(g.labels.length).toBeGreaterThan(0);
      expect(new Set(g.edges.map((e) => `${e.from}->${e.to}`)).size).toBe(g.labels.length);
      // Type sizes on screen.
      expect(Math.min(...g.labelFontPx)).toBeGreaterThanOrEqual(11);
      expect(Math.min(...g.nameFontPx)).toBeGreaterThanOrEqual(12);
      // The minimap is hidden by default.
      expect(g.minimapVisible).toBe(false);
    });
