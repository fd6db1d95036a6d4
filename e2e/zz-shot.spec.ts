import { test } from '@playwright/test';
test('shot', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  await page.waitForTimeout(2500);
  await page.screenshot({ path: '/tmp/first.png' });
  console.log(errors.join('\n'));
});
