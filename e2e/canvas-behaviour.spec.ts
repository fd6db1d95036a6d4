/**
 * How the canvas behaves as a person uses it: it refits when its room changes (unless the person
 * panned or zoomed), probes between the same two workloads share one labelled edge that lists each
 * probe when hovered or focused, and a new layout never moves the view on a keystroke.
 */
import { deflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { inside, measureCanvas } from './pages/CanvasGeometry';
import { clickToolbarItem } from './pages/toolbar';

const link = (text: string) => `/#w=1.${Buffer.from(deflateRawSync(text)).toString('base64url')}`;

/** Two probes from sleep to httpbin; POST is denied by an AuthorizationPolicy (DENY wins: 403). */
const GROUPED = `apiVersion: playground/v1
kind: Mesh
metadata: {name: grouped}
spec:
  namespaces: [{name: foo}]
  workloads:
    - {name: sleep, namespace: foo, labels: {app: sleep}}
    - {name: httpbin, namespace: foo, labels: {app: httpbin}, ports: [{name: http, port: 8000, targetPort: 8080}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: no-post, namespace: foo}
spec:
  selector: {matchLabels: {app: httpbin}}
  action: DENY
  rules: [{to: [{operation: {methods: ["POST"]}}]}]
---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
    - {from: foo/sleep, to: foo/httpbin, port: 8000, request: {path: /ip}}
    - {from: foo/sleep, to: foo/httpbin, port: 8000, request: {method: POST, path: /post}}
`;

const zoom = async (page: Page) => (await measureCanvas(page)).zoom;
/** How much of the canvas the graph fills along its tighter side (1 = fitted edge to edge). */
const fill = async (page: Page) => {
  const g = await measureCanvas(page);
  const boxes = [...g.namespaces, ...g.workloads, ...(g.external ? [g.external] : [])];
  const width = Math.max(...boxes.map((b) => b.x + b.width)) - Math.min(...boxes.map((b) => b.x));
  const height = Math.max(...boxes.map((b) => b.y + b.height)) - Math.min(...boxes.map((b) => b.y));
  return Math.max(width / g.canvas.width, height / g.canvas.height);
};
const allInside = async (page: Page) => {
  const g = await measureCanvas(page);
  return g.workloads.every((w) => inside(w, g.canvas));
};

test('the graph refits when the canvas grows or shrinks, but not after the user zoomed', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new PlaygroundPage(page);
  await app.open();
  const before = await zoom(page);

  // More room (the editor and inspector go away): the graph grows into it.
  await clickToolbarItem(page, 'toolbar.canvasOnly');
  await expect.poll(() => zoom(page)).toBeGreaterThan(before * 1.05);
  expect(await allInside(page)).toBe(true);
  expect(await fill(page)).toBeGreaterThan(0.85);
  await clickToolbarItem(page, 'toolbar.canvasOnly');
  await expect.poll(() => zoom(page)).toBeCloseTo(before, 2);

  // A smaller window: it still fits.
  await page.setViewportSize({ width: 1100, height: 650 });
  await expect.poll(() => allInside(page)).toBe(true);

  // The user zooms in: a resize no longer moves the view.
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (!box) throw new Error('no pane');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await expect.poll(() => zoom(page)).not.toBeCloseTo(before, 1);
  const zoomed = await zoom(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.waitForTimeout(300);
  expect(await zoom(page)).toBeCloseTo(zoomed, 3);

  // The fit button fits again, and from then on resizes refit.
  await page.locator('.react-flow__controls-fitview').click();
  await expect.poll(() => allInside(page)).toBe(true);
});

test('probes between the same two workloads share one edge, whose label lists them on hover and focus', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open(link(GROUPED));
  await expect(app.edges).toHaveCount(2); // one element per probe, as before
  await expect(app.edge('foo/sleep', 'foo/httpbin').nth(1)).toHaveAttribute('data-status', '403');
  const label = page.getByTestId('probe-edge.label');
  await expect(label).toHaveCount(1); // one label for the pair
  // Compact: each outcome with its icon, no request details.
  await expect(label).toContainText('200');
  await expect(label).toContainText('403');
  await expect(label).not.toContainText('GET');
  expect(
    await label.locator('[data-icon]').evaluateAll((els) => els.map((e) => e.getAttribute('data-icon'))),
  ).toEqual(['lock', 'cross']); // both have sidecars: mutual TLS (auto mTLS); the POST is denied

  // Hovered: every probe in full.
  await label.hover();
  await expect(label).toContainText(':8000 GET /ip → 200');
  await expect(label).toContainText(':8000 POST /post → 403');
  await page.mouse.move(5, 5);
  await expect(label).not.toContainText('GET');

  // Focused from the keyboard: the same, and Enter selects the probe.
  await app.edge('foo/sleep', 'foo/httpbin').nth(1).focus();
  await expect(label).toContainText(':8000 POST /post → 403');
  await page.keyboard.press('Enter');
  await expect(app.inspector.verdict).toContainText('403');
});

test('probes from a workload to itself share one loop that stays below its namespace title', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const probes = ['/a', '/b', '/c', '/d', '/e']
    .map((path) => `    - {from: foo/httpbin, to: foo/httpbin, port: 8000, request: {path: ${path}}}`)
    .join('\n');
  await app.open(link(GROUPED.replace(/ {2}probes:\n[^]*$/, `  probes:\n${probes}\n`)));
  await expect(app.edges).toHaveCount(5);
  const paths = await app.edges
    .locator('.probe-edge__line')
    .evaluateAll((els) => els.map((e) => e.getAttribute('d')));
  expect(new Set(paths).size).toBe(1);
  // The loop's top is below the namespace's title, which stays readable.
  const loop = await app.edges.first().locator('.probe-edge__line').boundingBox();
  const title = await app.namespace('foo').locator('.ns-node__label').boundingBox();
  expect(loop && title && loop.y >= title.y + title.height - 1).toBe(true);
});

test('typing in the editor recolours edges without moving the view or the nodes', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  const before = await measureCanvas(page);
  await editor.focusEnd();
  await editor.typeLines([
    'apiVersion: security.istio.io/v1',
    'kind: PeerAuthentication',
    'metadata: {name: default, namespace: istio-system}',
    'spec: {mtls: {mode: STRICT}}',
  ]);
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-verdict', 'mtls-failure');
  const after = await measureCanvas(page);
  expect(after.zoom).toBe(before.zoom);
  expect(after.workloads.map((w) => [w.id, Math.round(w.x), Math.round(w.y)])).toEqual(
    before.workloads.map((w) => [w.id, Math.round(w.x), Math.round(w.y)]),
  );
});
