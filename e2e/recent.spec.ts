/**
 * Opening a link never destroys work: examples, share links, lessons and imports set the shown
 * workspace aside in the persisted history (File ▸ Recent workspaces), which survives a reload.
 */
import { deflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { clickToolbarItem } from './pages/toolbar';

const link = (text: string) => `/#w=1.${deflateRawSync(text).toString('base64url')}`;

const SHOP =
  'apiVersion: playground/v1\nkind: Mesh\nmetadata: {name: shop, title: "The shop"}\nspec:\n  namespaces: [{name: shop}]\n  workloads:\n    - {name: web, namespace: shop, ports: [{name: http, port: 80}]}\n    - {name: client, namespace: shop}\n---\napiVersion: playground/v1\nkind: Probes\nspec:\n  probes:\n    - {from: shop/client, to: shop/web, port: 80}\n';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function recentTitles(page: Page): Promise<string[]> {
  await clickToolbarItem(page, 'toolbar.recent');
  await expect(page.getByTestId('recent')).toBeVisible();
  const items = page.getByTestId('recent.item');
  const titles = await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-title') ?? ''));
  return titles;
}

test('an example, a share link and a lesson each keep the workspace they replaced, across a reload', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await expect(heading(page)).toContainText('Authentication task: the starting mesh');

  await page.goto('/#example=authn-mesh-strict');
  await expect(heading(page)).toContainText('Mesh-wide STRICT mutual TLS');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-verdict', 'mtls-failure');

  await page.goto(link(SHOP));
  await expect(app.edges).toHaveCount(1);
  await expect(heading(page)).toContainText('The shop');

  await page.goto('/#lesson=mtls-strict&step=1');
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-lesson', 'mtls-strict');

  expect(await recentTitles(page)).toEqual([
    'The shop',
    'Mesh-wide STRICT mutual TLS',
    'Authentication task: the starting mesh',
  ]);
  await expect(page.getByTestId('recent.time').first()).toHaveText('just now');
  await page.keyboard.press('Escape');

  await page.reload();
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-lesson', 'mtls-strict');
  // The reload of the lesson link replaced nothing: the history is as it was.
  expect(await recentTitles(page)).toEqual([
    'The shop',
    'Mesh-wide STRICT mutual TLS',
    'Authentication task: the starting mesh',
  ]);
  await page.getByTestId('recent.item').nth(1).click();
  await expect(page.getByTestId('recent')).toHaveCount(0);
  await expect(heading(page)).toContainText('Mesh-wide STRICT mutual TLS');
  // The lesson's link went from the address bar with the lesson, not 400 ms later: a reload in
  // between would have opened the lesson again instead of the restored workspace.
  expect(await page.evaluate(() => location.hash)).not.toContain('lesson=');
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-verdict', 'mtls-failure');
  await expect(app.edge('foo/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '200');

  // Restoring set the lesson's workspace aside in its turn; the restored one is not listed.
  const after = await recentTitles(page);
  expect(after).toHaveLength(3);
  expect(after).not.toContain('Mesh-wide STRICT mutual TLS');
  expect(after.slice(1)).toEqual(['The shop', 'Authentication task: the starting mesh']);

  // And after another reload it is still the workspace shown (autosaved).
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(heading(page)).toContainText('Mesh-wide STRICT mutual TLS');
});

test('a second share link does not overwrite the first one’s "previous" workspace', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await page.goto(link(SHOP));
  await expect(heading(page)).toContainText('The shop');
  await page.goto(link(SHOP.replace('The shop', 'The other shop')));
  await expect(heading(page)).toContainText('The other shop');
  await page.reload();
  await expect(heading(page)).toContainText('The other shop');
  expect(await recentTitles(page)).toEqual(['The shop', 'Authentication task: the starting mesh']);
  await page.getByTestId('recent.item').last().click();
  await expect(heading(page)).toContainText('Authentication task: the starting mesh');
  await expect(app.edges).toHaveCount(9);
});

test('an import sets the workspace aside, and the restore button keeps the imported one', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await page.getByTestId('toolbar.importFile').setInputFiles({
    name: 'shop.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(SHOP),
  });
  await expect(heading(page)).toContainText('The shop');
  await app.notice.restore.click();
  await expect(app.edges).toHaveCount(9);
  expect(await recentTitles(page)).toEqual(['The shop']);
});

test('an empty history says so', async ({ page }) => {
  await new PlaygroundPage(page).open();
  expect(await recentTitles(page)).toEqual([]);
  await expect(page.getByTestId('recent.empty')).toBeVisible();
});
