/**
 * Big meshes on the canvas (issue 10, section 2): collapsing namespaces into one node with
 * aggregate edges, collapsed by default above 40 workloads, and the filter bar (namespace, verdict,
 * workload search). Geometry at 1440×900 and 1280×720: collapsed labels readable, the filter bar
 * over no node. Screenshots go to $SHOTS_DIR (default /tmp/h7-shots) for a person to look at.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { bigWorkspace } from './bench/workspace';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { overlaps } from './pages/CanvasGeometry';

const WORKSPACE_KEY = 'playground.workspace.v1';
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/h7-shots';

/** The seed's three namespaces, with every call into foo denied (an ALLOW-nothing policy). */
const SMALL = `apiVersion: playground/v1
kind: Mesh
metadata: {name: small}
spec:
  namespaces: [{name: foo}, {name: bar}, {name: legacy}]
  workloads:
${['foo', 'bar', 'legacy']
  .flatMap((ns) => [
    `    - {name: httpbin, namespace: ${ns}, labels: {app: httpbin}, serviceAccount: httpbin, ports: [{name: http, port: 8000, targetPort: 8080}]}`,
    `    - {name: sleep, namespace: ${ns}, labels: {app: sleep}, serviceAccount: sleep, ports: [{name: http, port: 80, targetPort: 80}]}`,
  ])
  .join('\n')}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow-nothing, namespace: foo}
spec: {}
---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
${['foo', 'bar', 'legacy']
  .flatMap((from) =>
    ['foo', 'bar', 'legacy'].map(
      (to) => `    - {from: ${from}/sleep, to: ${to}/httpbin, port: 8000, request: {path: /ip}}`,
    ),
  )
  .join('\n')}
`;

/** `from`/`to` of every probe in a workspace written one probe a line. */
const probePairs = (text: string): { from: string; to: string }[] =>
  [...text.matchAll(/- \{from: ([\w/-]+), to: ([\w/-]+),/g)].map((m) => ({
    from: m[1] ?? '',
    to: m[2] ?? '',
  }));

async function openWith(page: Page, text: string): Promise<PlaygroundPage> {
  await page.addInitScript(({ key, value }) => window.localStorage.setItem(key, value), {
    key: WORKSPACE_KEY,
    value: text,
  });
  const app = new PlaygroundPage(page);
  await page.goto('/');
  await expect(page.getByTestId('namespace-node').first()).toBeVisible();
  await app.layoutSettled();
  return app;
}

const nsOf = (key: string) => key.split('/')[0] ?? '';

test('a small mesh starts expanded; a namespace collapses into one node with aggregate edges and expands back', async ({
  page,
}) => {
  const app = await openWith(page, SMALL);
  await expect(app.edges.first()).toHaveAttribute('data-status', /\S/);
  await expect(page.getByTestId('namespace-node')).toHaveCount(3);
  for (const ns of ['foo', 'bar', 'legacy'])
    await expect(app.namespace(ns)).toHaveAttribute('data-collapsed', 'false');
  await expect(app.edges).toHaveCount(9);

  // Keyboard: focus the control, Enter.
  const control = app.namespace('foo').getByTestId('namespace-node.collapse');
  await expect(control).toHaveAttribute('aria-expanded', 'true');
  await control.focus();
  await page.keyboard.press('Enter');
  await expect(app.namespace('foo')).toHaveAttribute('data-collapsed', 'true');
  await expect(control).toHaveAttribute('aria-expanded', 'false');
  await expect(app.namespace('foo')).toHaveAttribute('data-count', '2');
  await expect(app.namespace('foo')).toHaveAttribute('data-worst', 'denied');
  await expect(app.workload('foo/httpbin')).toHaveCount(0);

  // Probes touching foo are no longer drawn one by one; the rest still are.
  const pairs = probePairs(SMALL);
  const outside = pairs.filter((p) => nsOf(p.from) !== 'foo' && nsOf(p.to) !== 'foo');
  await expect(app.edges).toHaveCount(outside.length);
  const aggregates = page.getByTestId('aggregate-edge');
  // foo→bar, foo→legacy, bar→foo, legacy→foo (foo→foo is inside the collapsed namespace).
  await expect(aggregates).toHaveCount(4);
  for (const a of await aggregates.all()) {
    const from = (await a.getAttribute('data-from')) ?? '';
    const to = (await a.getAttribute('data-to')) ?? '';
    const drawn = (key: string) => (nsOf(key) === 'foo' ? 'ns:foo' : key);
    const standsFor = pairs.filter((p) => drawn(p.from) === from && drawn(p.to) === to).length;
    expect(Number(await a.getAttribute('data-count'))).toBe(standsFor);
    expect(standsFor).toBeGreaterThan(0);
  }
  const intoFoo = page.locator('[data-testid="aggregate-edge"][data-from="bar/sleep"][data-to="ns:foo"]');
  await expect(intoFoo).toHaveAttribute('data-worst', 'denied');
  await expect(intoFoo.getByTestId('aggregate-edge.label')).toHaveText('1 ✕');

  // Expanding restores every probe edge.
  await control.click();
  await expect(app.namespace('foo')).toHaveAttribute('data-collapsed', 'false');
  await expect(aggregates).toHaveCount(0);
  await expect(app.edges).toHaveCount(9);
});

test('above 40 workloads namespaces start collapsed; an aggregate edge counts its probes and a click expands its ends', async ({
  page,
}) => {
  const text = bigWorkspace();
  const app = await openWith(page, text);
  const namespaces = page.getByTestId('namespace-node');
  await expect(namespaces).toHaveCount(10);
  for (const ns of await namespaces.all()) await expect(ns).toHaveAttribute('data-collapsed', 'true');
  await expect(app.edges).toHaveCount(0);
  await expect(page.getByTestId('workload-node')).toHaveCount(0);

  const pairs = probePairs(text);
  expect(pairs).toHaveLength(300);
  const between = pairs.filter((p) => nsOf(p.from) !== nsOf(p.to));
  const aggregates = page.getByTestId('aggregate-edge');
  await expect(aggregates.first()).toBeAttached();
  const counts = await aggregates.evaluateAll((els) =>
    els.map((el) => Number(el.getAttribute('data-count'))),
  );
  expect(counts.reduce((a, b) => a + b, 0)).toBe(between.length);

  const edge = page.locator('[data-testid="aggregate-edge"][data-from="ns:ns1"][data-to="ns:ns3"]');
  const standsFor = pairs.filter((p) => nsOf(p.from) === 'ns1' && nsOf(p.to) === 'ns3').length;
  await expect(edge).toHaveAttribute('data-count', String(standsFor));
  await edge.dispatchEvent('click');
  await expect(app.namespace('ns1')).toHaveAttribute('data-collapsed', 'false');
  await expect(app.namespace('ns3')).toHaveAttribute('data-collapsed', 'false');
  await expect(page.locator('[data-testid="probe-edge"][data-from^="ns1/"][data-to^="ns3/"]')).toHaveCount(
    standsFor,
  );
});

test('filter to denied: only denied probe edges stay visible, the others stay in the DOM marked filtered', async ({
  page,
}) => {
  const app = await openWith(page, SMALL);
  await expect(app.edges.first()).toHaveAttribute('data-status', /\S/);
  // A small mesh starts without the bar; the canvas control shows it.
  await expect(page.getByTestId('filter.bar')).toHaveCount(0);
  await page.getByTestId('canvas.filter-toggle').click();
  await page.getByTestId('filter.verdict').selectOption('denied');
  await expect(app.edges).toHaveCount(9);
  await expect(page.locator('[data-testid="probe-edge"][data-filtered="false"]')).toHaveCount(3);
  for (const e of await app.edges.all()) {
    const denied = /denied/.test((await e.getAttribute('data-verdict')) ?? '');
    await expect(e).toHaveAttribute('data-filtered', String(!denied));
    await expect(e).toHaveCSS('visibility', denied ? 'visible' : 'hidden');
  }
  // Namespace filter: only bar's nodes, and only probes with both ends in it.
  await page.getByTestId('filter.verdict').selectOption('all');
  await page.getByTestId('filter.namespace').selectOption('bar');
  await expect(app.namespace('foo')).toBeHidden();
  await expect(app.namespace('bar')).toBeVisible();
  await expect(page.locator('[data-testid="probe-edge"][data-filtered="false"]')).toHaveCount(1);
  await expect(app.edge('bar/sleep', 'bar/httpbin')).toHaveAttribute('data-filtered', 'false');
});

test('workload search dims the others and Enter centres the first match', async ({ page }) => {
  const app = await openWith(page, SMALL);
  await page.getByTestId('canvas.filter-toggle').click();
  const search = page.getByTestId('filter.search');
  await search.fill('legacy/http');
  await expect(app.workload('legacy/httpbin').locator('.wl-node')).toHaveAttribute('data-dimmed', 'false');
  await expect(app.workload('foo/sleep').locator('.wl-node')).toHaveAttribute('data-dimmed', 'true');
  await search.press('Enter');
  const canvas = await page.getByTestId('canvas').boundingBox();
  await expect
    .poll(async () => {
      const b = await app.workload('legacy/httpbin').boundingBox();
      if (!b || !canvas) return Infinity;
      return Math.hypot(
        b.x + b.width / 2 - (canvas.x + canvas.width / 2),
        b.y + b.height / 2 - (canvas.y + canvas.height / 2),
      );
    })
    .toBeLessThan(4);
  await search.press('Escape');
  await expect(app.workload('foo/sleep').locator('.wl-node')).toHaveAttribute('data-dimmed', 'false');
});

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`100 collapsed workloads at ${size.width}×${size.height}: readable, and the filter bar covers no node`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openWith(page, bigWorkspace());
    await expect(page.getByTestId('aggregate-edge').first()).toBeAttached();
    const measure = () =>
      page.evaluate(() => {
        const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
        const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 1;
        const px = (el: Element) => Number.parseFloat(getComputedStyle(el).fontSize) * zoom;
        const box = (el: Element) => {
          const r = el.getBoundingClientRect();
          return {
            id: el.getAttribute('data-namespace') ?? '',
            x: r.x,
            y: r.y,
            width: r.width,
            height: r.height,
          };
        };
        const visible = [...document.querySelectorAll('[data-testid="namespace-node"]')].filter(
          (el) => (el as HTMLElement).offsetParent !== null && getComputedStyle(el).visibility !== 'hidden',
        );
        const bar = document.querySelector('[data-testid="filter.bar"]');
        return {
          labels: visible.flatMap((el) =>
            [...el.querySelectorAll('.ns-node__label, .ns-node__summary')].map(px),
          ),
          aggregateLabels: [...document.querySelectorAll('[data-testid="aggregate-edge.label"] text')].map(
            px,
          ),
          nodes: visible.map(box),
          bar: bar ? box(bar) : null,
        };
      });
    await page.screenshot({ path: `${SHOTS}/big-collapsed-${size.width}x${size.height}.png` });
    const collapsed = await measure();
    expect(collapsed.nodes).toHaveLength(10);
    expect(Math.min(...collapsed.labels)).toBeGreaterThanOrEqual(11);
    expect(collapsed.bar).not.toBeNull();
    for (const n of collapsed.nodes)
      expect(overlaps(n, collapsed.bar!), `filter bar over ${n.id}`).toBe(false);

    await page.getByTestId('filter.namespace').selectOption('ns0');
    // ns0's own control: while the filter applies, another namespace may still be first in the page.
    const ns0 = page.locator('[data-testid="namespace-node"][data-namespace="ns0"]');
    await ns0.getByTestId('namespace-node.collapse').click();
    await expect(page.locator('[data-testid="namespace-node"][data-namespace="ns0"]')).toHaveAttribute(
      'data-collapsed',
      'false',
    );
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-layout', 'ready');
    await page.screenshot({ path: `${SHOTS}/big-filtered-${size.width}x${size.height}.png` });
    const filtered = await measure();
    expect(filtered.nodes).toHaveLength(1);
    expect(Math.min(...filtered.labels)).toBeGreaterThanOrEqual(11);
    const names = await page.locator('[data-testid="workload-node"] .wl-node__name').evaluateAll((els) => {
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
      const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 1;
      return els.map((el) => Number.parseFloat(getComputedStyle(el).fontSize) * zoom);
    });
    expect(names).toHaveLength(10);
    expect(Math.min(...names)).toBeGreaterThanOrEqual(11);
    for (const n of filtered.nodes) expect(overlaps(n, filtered.bar!), `filter bar over ${n.id}`).toBe(false);
  });
}
