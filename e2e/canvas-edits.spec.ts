import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from one node's source handle to another node's target handle, as a mouse user does. */
async function dragProbe(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = await center(from.locator('.react-flow__handle.source'));
  const end = await center(to.locator('.react-flow__handle.target'));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 8 });
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}

test.beforeEach(async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  // seeds/002: the mesh-wide STRICT PeerAuthentication.
  await app.toolbar.examples.selectOption('mesh-strict');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-verdict', 'mtls-failure');
});

test('dragging a new probe from outside the mesh to httpbin.foo shows its verdict', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await dragProbe(page, page.getByTestId('external-node'), app.workload('foo/httpbin'));
  const edge = app.edge('external', 'foo/httpbin', 8000);
  await expect(edge).toHaveCount(1);
  // A client without a sidecar sends plain text; a STRICT server refuses it (seeds/002: 000).
  await expect(edge).toHaveAttribute('data-verdict', 'mtls-failure');
  await expect(edge).toHaveAttribute('data-status', '000');
  await expect(app.edges).toHaveCount(10);
  // The new probe is selected and can be deleted from the inspector; undo brings it back.
  await expect(app.inspector.probe).toBeVisible();
  await page.getByTestId('inspector.probe.delete').click();
  await expect(app.edges).toHaveCount(9);
  await app.toolbar.undo.click();
  await expect(app.edges).toHaveCount(10);
});

test('toggling the sidecar of sleep.legacy changes its verdicts', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.selectWorkload('legacy/sleep');
  await expect(app.inspector.sidecar).not.toBeChecked();
  await app.inspector.sidecar.check();
  // With a sidecar the client sends mutual TLS (auto mTLS), which a STRICT server accepts.
  for (const to of ['foo', 'bar']) {
    const edge = app.edge('legacy/sleep', `${to}/httpbin`);
    await expect(edge).toHaveAttribute('data-verdict', 'allowed');
    await expect(edge).toHaveAttribute('data-status', '200');
    await expect(edge).toHaveAttribute('data-mtls', 'true');
  }
  await expect(app.workload('legacy/sleep')).toContainText('sidecar');
  // Undo restores the plain-text client and its failures.
  await app.toolbar.undo.click();
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-verdict', 'mtls-failure');
});

test('the matrix lists every client × service port as the seeds print it', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.toolbar.matrix.click();
  const text = page.getByTestId('matrix.text');
  await expect(text).toContainText('sleep.legacy to httpbin.foo: 000');
  await expect(text).toContainText('sleep.legacy to httpbin.bar: 000');
  await expect(text).toContainText('sleep.legacy to httpbin.legacy: 200');
  await expect(text).toContainText('sleep.foo to httpbin.bar: 200');
  expect((await text.textContent())?.trim().split('\n')).toHaveLength(9);
  await expect(page.getByTestId('matrix.grid').locator('td[data-verdict="mtls-failure"]')).toHaveCount(2);
});

test('the request builder changes a probe and its verdict follows', async ({ page }) => {
  const app = new PlaygroundPage(page);
  // Start from the authorization example: httpbin.bar allows only callers from foo.
  await app.toolbar.examples.selectOption('allow-foo-only');
  await expect(app.edge('bar/sleep', 'bar/httpbin')).toHaveAttribute('data-verdict', 'denied');
  await app.selectEdge('bar/sleep', 'bar/httpbin');
  await expect(app.inspector.verdict).toHaveAttribute('data-status', '403');
  await expect(app.inspector.traceSteps.filter({ hasText: 'allow-foo' }).first()).toBeVisible();
  // Change the request: a POST to /post with a header. Still denied, and the label shows it.
  await page.getByTestId('inspector.probe.method').selectOption('POST');
  const path = page.getByTestId('inspector.probe.path');
  await path.fill('/post');
  await path.press('Enter');
  await expect(page.getByTestId('probe-edge.label').filter({ hasText: 'POST /post' })).toHaveCount(1);
  await expect(app.edge('bar/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '403');
  // Deleting the probe removes its edge; undo brings it back with its verdict.
  await app.selectEdge('bar/sleep', 'bar/httpbin');
  await page.getByTestId('inspector.probe.delete').click();
  await expect(app.edge('bar/sleep', 'bar/httpbin')).toHaveCount(0);
  await app.toolbar.undo.click();
  await expect(app.edge('bar/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '403');
});
