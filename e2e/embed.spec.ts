/**
 * Embeds (`?embed=1`): a read-only canvas of an example, a lesson step or a share link, with a link to
 * the same thing in the full playground. Outcomes: seeds/002 (mesh-wide STRICT; a token required at
 * the ingress gateway: no token 403, bad token 401).
 */
import { deflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('an embed link shows the canvas only, and opens in the playground', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('/?embed=1#example=authn-mesh-strict');
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.getByTestId('embed.title')).toHaveText('Mesh-wide STRICT mutual TLS');
  await expect(page.getByTestId('toolbar.undo')).toHaveCount(0);
  await expect(page.getByTestId('editor')).toHaveCount(0);
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  // Read-only: no connection handles, and Delete does not remove a probe.
  await expect(page.locator('.react-flow__handle:visible')).toHaveCount(0);
  await app.edge('legacy/sleep', 'foo/httpbin').dispatchEvent('click');
  await page.keyboard.press('Delete');
  await expect(app.edges).toHaveCount(9);

  const open = page.getByTestId('embed.open');
  await expect(open).toHaveAttribute('href', '/#example=authn-mesh-strict');
  await page.goto((await open.getAttribute('href')) ?? '/');
  await expect(page.getByTestId('toolbar.undo')).toBeVisible();
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
});

test('an embedded lesson step shows that step applied', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('/?embed=1#lesson=jwt-ingress&step=3');
  await expect(page.getByTestId('embed.title')).toContainText('step 3: Require a token');
  await expect(page.locator('[data-testid="probe-edge"][data-status="403"]')).toHaveCount(2);
  await expect(page.locator('[data-testid="probe-edge"][data-status="401"]').first()).toBeVisible();
  await expect(page.getByTestId('embed.open')).toHaveAttribute('href', '/#lesson=jwt-ingress&step=3');
});

test('an embedded share link does not replace the playground’s autosaved work', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const shared =
    'apiVersion: playground/v1\nkind: Mesh\nspec:\n  namespaces: [{name: shop}]\n  workloads:\n    - {name: web, namespace: shop, ports: [{name: http, port: 80}]}\n    - {name: client, namespace: shop}\n---\napiVersion: playground/v1\nkind: Probes\nspec:\n  probes:\n    - {from: shop/client, to: shop/web, port: 80}\n';
  const hash = `#w=1.${Buffer.from(deflateRawSync(shared)).toString('base64url')}`;
  await app.open('/');
  await expect(app.edges).toHaveCount(9);
  await page.waitForTimeout(600); // autosave of the default workspace

  await page.goto(`/?embed=1${hash}`);
  await expect(app.edges).toHaveCount(1);
  await expect(app.edge('shop/client', 'shop/web')).toHaveAttribute('data-status', '200');
  await expect(page.getByTestId('embed.open')).toHaveAttribute('href', `/${hash}`);
  await page.waitForTimeout(600);

  await page.goto('/');
  await expect(app.edges).toHaveCount(9);
});
