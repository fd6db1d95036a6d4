import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('a YAML error shows a marker and keeps the last verdicts, marked stale', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await app.toolbar.examples.selectOption('mesh-strict');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-verdict', 'mtls-failure');
  await editor.focusEnd();
  await editor.typeLines(['', '']);
  // One edit (a paste), so no half-typed but valid text becomes the last good evaluation.
  await page.keyboard.insertText('broken: value: here');
  await expect(page.getByTestId('stale')).toBeVisible();
  await expect(editor.errorSquiggles.first()).toBeVisible();
  const edge = app.edge('legacy/sleep', 'foo/httpbin');
  await expect(edge).toHaveAttribute('data-stale', 'true');
  await expect(edge).toHaveAttribute('data-verdict', 'mtls-failure');
  await expect(edge).toHaveAttribute('aria-label', /stale/);
  // Fixing the text brings fresh verdicts back.
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('stale')).toHaveCount(0);
  await expect(edge).toHaveAttribute('data-stale', 'false');
});

test('schema completion offers the AuthorizationPolicy actions, and a wrong enum gets a schema squiggle', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await editor.focusEnd();
  await editor.typeLines([
    'apiVersion: security.istio.io/v1',
    'kind: AuthorizationPolicy',
    'metadata: {name: deny-legacy, namespace: foo}',
    'spec:',
    '  action: ',
  ]);
  await page.keyboard.press('Control+Space');
  const suggest = editor.root.locator('.suggest-widget');
  await expect(suggest).toBeVisible();
  for (const action of ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']) await expect(suggest).toContainText(action);
  await page.keyboard.press('Escape');

  await page.keyboard.type('DENYY');
  await page.keyboard.press('Escape');
  const squiggle = editor.root.locator('.squiggly-error, .squiggly-warning');
  await expect(squiggle.first()).toBeVisible();
  // Hovering the squiggle shows monaco-yaml's schema message (the engine's own marker says
  // "Unsupported value"): the schema validation really runs. Markers arrive asynchronously, so
  // hover again until it is there.
  const line = editor.root.locator('.view-line', { hasText: 'DENYY' });
  const hover = editor.root.locator('.monaco-hover:not(.hidden)');
  await expect(async () => {
    const box = await line.boundingBox();
    if (!box) throw new Error('no line box');
    await page.mouse.move(box.x + 300, box.y - 200);
    await page.mouse.move(box.x + 80, box.y + box.height / 2);
    await expect(hover).toContainText('Value is not accepted', { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
});
