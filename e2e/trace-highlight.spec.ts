/**
 * A trace step highlights the YAML that decided it — exactly that rule's lines — and the highlight
 * goes when the selection goes or the text changes. concepts-authz-deny: sleep.bar is denied by
 * httpbin-deny's only rule (`- from: … notNamespaces: ["foo"]`).
 */
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('a trace step highlights the deciding rule, and deselecting or typing clears it', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open('/#example=concepts-authz-deny');
  await editor.ready();
  await expect(app.edge('bar/sleep', 'foo/httpbin')).toHaveAttribute('data-verdict', 'denied');

  const showRule = async () => {
    await app.selectEdge('bar/sleep', 'foo/httpbin');
    await app.inspector.traceSteps.filter({ hasText: 'httpbin-deny' }).first().click();
    await expect(editor.root).toHaveAttribute('data-highlight-lines', /\d/);
  };

  await showRule();
  const lines = await editor.numberedLines();
  const numberOf = (pattern: RegExp, after = 0) =>
    [...lines].filter(([n, text]) => n > after && pattern.test(text)).map(([n]) => n)[0];
  const policy = numberOf(/name: httpbin-deny/);
  const first = numberOf(/^\s*- from:/, policy);
  const last = numberOf(/notNamespaces: \["foo"\]/, policy);
  expect(first).toBeDefined();
  expect(lines.get((last ?? 0) + 1)).toBe('---');
  await expect(editor.root).toHaveAttribute('data-highlight-lines', `${first}-${last}`);
  await expect(editor.highlighted.first()).toBeVisible();

  // A click on the empty canvas deselects, and the highlight goes with the selection.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(app.inspector.probe).toHaveCount(0);
  await expect(editor.root).not.toHaveAttribute('data-highlight-lines');
  await expect(editor.highlighted).toHaveCount(0);

  // An edit moves lines: the highlight of the old ones goes.
  await showRule();
  await editor.focusEnd();
  await page.keyboard.type('#');
  await expect(editor.root).not.toHaveAttribute('data-highlight-lines');
  await expect(editor.highlighted).toHaveCount(0);
});
