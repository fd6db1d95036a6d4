import { deflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

const link = (payload: Buffer | string) =>
  `/#w=1.${Buffer.from(deflateRawSync(payload)).toString('base64url')}`;

test('a share link opens the same workspace in a fresh browser', async ({ page, browser }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.toolbar.examples.selectOption('mesh-strict');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-verdict', 'mtls-failure');
  await app.toolbar.share.click();
  const url = await page.getByTestId('share.url').inputValue();
  expect(url).toMatch(/#w=1\.[A-Za-z0-9_-]+$/);

  const fresh = await browser.newContext();
  const other = new PlaygroundPage(await fresh.newPage());
  await other.open(url.slice(url.indexOf('/#')));
  await expect(other.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-verdict', 'mtls-failure');
  await expect(other.edge('legacy/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '000');
  await expect(other.edge('foo/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '200');
  await expect(other.notice.message).toContainText('shared workspace');
  await fresh.close();
});

test('opening a link keeps the previous work one click away', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.toolbar.examples.selectOption('namespace-strict');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await expect(app.edge('legacy/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '200');
  await page.waitForTimeout(600); // autosave

  const shared =
    'apiVersion: playground/v1\nkind: Mesh\nspec:\n  namespaces: [{name: shop}]\n  workloads:\n    - {name: web, namespace: shop, ports: [{name: http, port: 80}]}\n    - {name: client, namespace: shop}\n---\napiVersion: playground/v1\nkind: Probes\nspec:\n  probes:\n    - {from: shop/client, to: shop/web, port: 80}\n';
  await page.goto(link(shared));
  await expect(app.edges).toHaveCount(1);
  await expect(app.edge('shop/client', 'shop/web')).toHaveAttribute('data-status', '200');
  await app.notice.restore.click();
  await expect(app.edges).toHaveCount(9);
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
});

test('broken and hostile links show what is wrong and leave the page working', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await app.open();

  const cases: [string, RegExp][] = [
    ['/#w=1.not*base64', /base64url/],
    [
      link('apiVersion: playground/v1\nkind: Mesh\nspec: {}\n').slice(0, -6),
      /truncated|corrupted|cannot be opened/,
    ],
    ['/#w=7.abc', /version/],
    [link(Buffer.alloc(6 * 1024 * 1024, 0x20)), /larger than/],
    [link('just: some yaml\n'), /no "kind: Mesh"/],
  ];
  for (const [url, message] of cases) {
    await page.goto(url);
    await expect(app.notice.root).toHaveAttribute('data-kind', 'error');
    await expect(app.notice.message).toContainText(message);
    await expect(app.edges).toHaveCount(9);
    await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '200');
  }

  // Names that look like HTML are shown as text and never run.
  const hostile = '<img src=x onerror=alert(1)>';
  await page.goto(
    link(
      `apiVersion: playground/v1\nkind: Mesh\nmetadata: {title: "${hostile}"}\nspec:\n  namespaces: [{name: "${hostile}"}]\n  workloads: [{name: "${hostile}", namespace: "${hostile}"}]\n`,
    ),
  );
  await expect(page.getByRole('heading', { level: 1 })).toContainText(hostile);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
