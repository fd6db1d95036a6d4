import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// seeds/002, "Setup": with no policy, every sleep reaches every httpbin — "All requests should
// succeed with HTTP code 200".
const SEED_PAIRS = ['foo', 'bar', 'legacy'].flatMap((from) =>
  ['foo', 'bar', 'legacy'].map((to) => [`${from}/sleep`, `${to}/httpbin`] as const),
);

test('first load shows the authentication task mesh with nine allowed connections', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  for (const ns of ['foo', 'bar', 'legacy']) {
    await expect(app.namespace(ns)).toBeVisible();
    await expect(app.workload(`${ns}/httpbin`)).toBeVisible();
    await expect(app.workload(`${ns}/sleep`)).toBeVisible();
  }
  await expect(app.edges).toHaveCount(9);
  for (const [from, to] of SEED_PAIRS) {
    const edge = app.edge(from, to, 8000);
    await expect(edge).toHaveAttribute('data-status', '200');
    await expect(edge).toHaveAttribute('data-verdict', 'allowed');
    await expect(edge).toHaveAttribute('aria-label', /allowed/);
  }
  // Proxy kind is shown on the nodes: legacy has no sidecar.
  await expect(app.workload('legacy/httpbin')).toContainText('no sidecar');
  await expect(app.workload('foo/httpbin')).toContainText('sidecar');
  // The auto-mTLS detail of the task: sidecar to sidecar travels over mTLS, to legacy in plain text.
  await expect(app.edge('foo/sleep', 'foo/httpbin')).toHaveAttribute('data-mtls', 'true');
  await expect(app.edge('foo/sleep', 'legacy/httpbin')).toHaveAttribute('data-mtls', 'false');
});
