/**
 * The legend tells the verdicts apart without colour, with the canvas's own line patterns. In the
 * default workspace sleep.legacy has no sidecar (plain text to httpbin.foo) and sleep.foo has one
 * (mutual TLS); both are allowed.
 */
import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { clickToolbarItem } from './pages/toolbar';

const look = async (entry: Locator) => ({
  dash: await entry.getByTestId('legend.line').getAttribute('stroke-dasharray'),
  icon: await entry.locator('[data-icon]').getAttribute('data-icon'),
});

const edgeDash = (edge: Locator) =>
  edge.locator('path.probe-edge__line').evaluate((p) => getComputedStyle(p).strokeDasharray);

test('allowed over mTLS and allowed in plain text differ in line and icon, on the legend as on the canvas', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await clickToolbarItem(page, 'toolbar.legend');
  const entry = (mtls: boolean) =>
    page.locator(`[data-testid="legend.entry"][data-verdict="allowed"][data-mtls="${mtls}"]`);
  const mtls = await look(entry(true));
  const plain = await look(entry(false));

  expect(mtls).toEqual({ dash: null, icon: 'lock' });
  expect(plain.icon).toBe('open-lock');
  expect(plain.dash).toMatch(/^\d/);

  // Every legend entry has its own line pattern or icon: none is told apart by colour alone.
  const all = await page.getByTestId('legend.entry').all();
  const signatures = await Promise.all(all.map(async (e) => JSON.stringify(await look(e))));
  expect(new Set(signatures).size).toBe(signatures.length);

  // The canvas draws the same patterns.
  const plainEdge = app.edge('legacy/sleep', 'foo/httpbin');
  const mtlsEdge = app.edge('foo/sleep', 'foo/httpbin');
  await expect(plainEdge).toHaveAttribute('data-verdict', 'allowed');
  await expect(mtlsEdge).toHaveAttribute('data-verdict', 'allowed');
  expect(await edgeDash(mtlsEdge)).toBe('none');
  expect((await edgeDash(plainEdge)).replace(/px|,/g, '')).toBe(plain.dash);
});
