/**
 * Presenter mode driven by the keyboard: → / PageDown forward, ← / PageUp back, r resets the step,
 * e shows the editor; the step survives a reload. Outcomes: seeds/002 (mesh-wide STRICT, then
 * STRICT in foo only).
 */
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { LessonPage } from './pages/LessonPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('presenting a lesson with the keyboard only', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const lesson = new LessonPage(page);
  await app.open('/?present=1#lesson=mtls-strict&step=1');
  await expect(lesson.presenter.root).toBeVisible();
  await expect(page.locator('html')).toHaveClass(/presenter/);
  await expect(lesson.presenter.step).toHaveText('Step 1 / 6');
  await expect(page.getByTestId('editor')).toHaveCount(0);

  await page.keyboard.press('ArrowRight');
  await expect(lesson.presenter.step).toHaveText('Step 2 / 6');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await expect(app.edge('legacy/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '000');

  await page.keyboard.press('PageDown');
  await expect(lesson.presenter.step).toHaveText('Step 3 / 6');
  await expect(app.edge('legacy/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '200');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');

  await page.keyboard.press('ArrowLeft');
  await expect(lesson.presenter.step).toHaveText('Step 2 / 6');
  await expect(app.edge('legacy/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '000');
  await expect(page).toHaveURL(/\?present=1#lesson=mtls-strict&step=2$/);

  await page.reload();
  await expect(lesson.presenter.step).toHaveText('Step 2 / 6');
  await expect(lesson.panel).toHaveAttribute('data-step', '2');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');

  // e shows the editor; the presenter removes the policy there, then r puts the step back.
  await page.keyboard.press('e');
  const editor = new EditorPage(page);
  await editor.replaceAll(['# nothing']);
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '200');
  await expect(lesson.presenter.step).toHaveText('Step 2 / 6'); // typing in the editor moved nothing
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('r');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');

  await page.keyboard.press('PageUp');
  await expect(lesson.presenter.step).toHaveText('Step 1 / 6');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '200');
});
