import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('no request leaves the page origin', async ({ page, baseURL }) => {
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (
      !url.startsWith(baseURL ?? 'http://localhost:4173') &&
      !url.startsWith('data:') &&
      !url.startsWith('blob:')
    )
      outside.push(url);
  });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  // The built page carries the Content-Security-Policy, and the app (Monaco and its workers
  // included) runs under it without a single violation.
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /script-src 'self'/,
  );
  await editor.focusEnd();
  await editor.typeLines([
    'apiVersion: security.istio.io/v1',
    'kind: PeerAuthentication',
    'metadata: {name: default, namespace: istio-system}',
    'spec: {mtls: {mode: STRICT}}',
  ]);
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await page.keyboard.press('Control+Space');
  await app.toolbar.matrix.click();
  await expect(page.getByTestId('matrix.text')).toContainText('sleep.legacy to httpbin.foo');
  expect(outside).toEqual([]);
  expect(violations).toEqual([]);
});

test('keyboard only: from the skip link to an edge and on to its trace', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  const active = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return {
        testid: el?.getAttribute('data-testid') ?? '',
        from: el?.getAttribute('data-from') ?? '',
        to: el?.getAttribute('data-to') ?? '',
        label: el?.getAttribute('aria-label') ?? '',
      };
    });

  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Skip to the canvas');
  await page.keyboard.press('Enter');

  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.keyboard.press('Tab');
    const a = await active();
    found = a.testid === 'probe-edge' && a.from === 'legacy/sleep' && a.to === 'foo/httpbin';
  }
  expect(found).toBe(true);
  // The focused edge states its verdict in words.
  expect((await active()).label).toMatch(/Probe from sleep in legacy to httpbin in foo port 8000: allowed/);
  await page.keyboard.press('Enter');
  await expect(app.inspector.probe).toBeVisible();

  let onTrace = false;
  for (let i = 0; i < 80 && !onTrace; i++) {
    await page.keyboard.press('Tab');
    onTrace = (await active()).testid === 'trace-step';
  }
  expect(onTrace).toBe(true);
  await expect(page.locator('[data-testid="trace-step"]:focus')).toBeVisible();
});
