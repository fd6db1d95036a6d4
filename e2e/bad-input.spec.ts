import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('a huge paste (over 5 MB) is refused with a message; the verdicts and the page stay', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await app.toolbar.examples.selectOption('mesh-strict');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await editor.focusEnd();
  await page.keyboard.press('Enter');
  // A real paste event carrying 5.6 MB of comment lines.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', `# ${'x'.repeat(78)}\n`.repeat(70_000));
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(editor.root.locator('.view-line', { hasText: 'xxxxxxxx' }).first()).toBeVisible();
  await expect(page.getByTestId('stale')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('diagnostics')).toContainText('workspace.too-large');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  // The page still answers: the matrix opens.
  await app.toolbar.matrix.click();
  await expect(page.getByTestId('matrix')).toBeVisible();
});

test('a policy for a namespace that does not exist and a probe to a deleted workload get clear messages', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await app.selectWorkload('bar/httpbin');
  await page.getByTestId('inspector.workload.delete').click();
  await expect(app.workload('bar/httpbin')).toHaveCount(0);
  await expect(app.edges).toHaveCount(6);
  await app.toolbar.undo.click();
  await expect(app.edges).toHaveCount(9);

  await editor.focusEnd();
  await page.keyboard.insertText(
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: nowhere}\nspec: {mtls: {mode: STRICT}}\n',
  );
  await expect(page.getByTestId('diagnostics')).toContainText('nowhere');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '200');
});
