/**
 * The preview server sends the security headers (docs/deployment.md): a Content-Security-Policy
 * header whose frame-ancestors forbids framing the editor but allows framing an embed, nosniff,
 * a referrer policy, and a worker policy.
 */
import { createServer } from 'node:http';
import { expect, test } from '@playwright/test';

test('the page, an embed and a script carry the security headers', async ({ request }) => {
  const full = await request.get('/');
  const csp = full.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  const directives = csp.split(';').map((d) => d.trim());
  // The built page allows no inline script (only the dev server does, for React refresh).
  expect(directives).toContain("script-src 'self'");
  expect(csp).toContain("worker-src 'self' blob:");
  expect(full.headers()['x-frame-options']).toBe('DENY');
  expect(full.headers()['x-content-type-options']).toBe('nosniff');
  expect(full.headers()['referrer-policy']).toBe('no-referrer');

  const embed = await request.get('/?embed=1');
  expect(embed.headers()['content-security-policy']).toContain('frame-ancestors *');
  expect(embed.headers()['x-frame-options']).toBeUndefined();
  expect(embed.headers()['x-content-type-options']).toBe('nosniff');

  const script = (await full.text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  expect(script).toBeTruthy();
  const asset = await request.get(script ?? '/');
  expect(asset.headers()['x-content-type-options']).toBe('nosniff');
  expect(asset.headers()['content-type']).toMatch(/javascript/);
});

test('another origin cannot frame the editor, but can frame an embed', async ({ page, baseURL }) => {
  const app = new URL(baseURL ?? '').origin;
  // Someone else's page, from a real server of another origin on this machine (Chromium refuses to
  // let a public or intercepted page frame localhost at all, which would prove nothing).
  const server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html');
    response.end(`<!doctype html><title>Someone else's page</title>
      <iframe name="full" src="${app}/" width="800" height="400"></iframe>
      <iframe name="embed" src="${app}/?embed=1#example=authn-mesh-strict" width="800" height="400"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page.frameLocator('iframe[name="embed"]').getByTestId('embed')).toBeVisible();
    await expect(
      page.frameLocator('iframe[name="embed"]').locator('[data-testid="probe-edge"]').first(),
    ).toHaveAttribute('data-status', /\d/);
    // The editor's frame is refused: the browser shows its error page instead of the app.
    await expect.poll(() => page.frame({ name: 'full' })?.url() ?? '').toMatch(/^chrome-error:/);
    await expect(page.frameLocator('iframe[name="full"]').getByTestId('toolbar.share')).toHaveCount(0);
  } finally {
    server.close();
  }
});
