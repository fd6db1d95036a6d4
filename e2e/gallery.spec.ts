/**
 * The examples gallery. Outcomes are the authentication task's tables (seeds/002): mesh-wide STRICT
 * cuts sleep.legacy off from httpbin.foo and httpbin.bar (000); STRICT in foo only cuts it off from
 * httpbin.foo.
 */
import { expect, test } from '@playwright/test';
import { GalleryPage } from './pages/GalleryPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('opening an example from the gallery: search, filter by tag, one click', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const gallery = new GalleryPage(page);
  await app.open();
  await gallery.open();
  const all = await gallery.items.count();
  expect(all).toBeGreaterThan(30);

  await gallery.search.fill('one port');
  await expect(gallery.item('authn-port-level')).toBeVisible();
  expect((await gallery.shownIds()).length).toBeLessThan(all);
  await gallery.search.fill('');

  await gallery.tag('JWT').click();
  await expect(gallery.tag('JWT')).toHaveAttribute('aria-pressed', 'true');
  await expect(gallery.item('authn-mesh-strict')).toHaveCount(0);
  await expect(gallery.item('jwt-ingress-require-token')).toBeVisible();
  await gallery.tag('JWT').click();

  await gallery.search.fill('mesh-wide strict');
  await gallery.item('authn-mesh-strict').click();
  await expect(gallery.root).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Mesh-wide STRICT mutual TLS');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await expect(app.edge('legacy/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '000');
  await expect(app.edge('legacy/sleep', 'legacy/httpbin')).toHaveAttribute('data-status', '200');
  await expect(app.edge('foo/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '200');
  await expect(app.notice.restore).toBeVisible();
});

test('an #example= link opens that example, and an unknown id only shows a notice', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('/#example=authn-namespace-strict');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await expect(app.edge('legacy/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '200');
  // The address keeps naming the example while it is shown unchanged.
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#example=authn-namespace-strict');

  await page.goto('/#example=no-such-example');
  await expect(app.notice.root).toHaveAttribute('data-kind', 'error');
  await expect(app.notice.message).toContainText('no example named "no-such-example"');
  await expect(app.edges.first()).toHaveAttribute('data-status', /\S/);
});
