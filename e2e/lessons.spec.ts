/**
 * Lessons: walking mtls-strict with Apply, and a Check that fails and then passes once the learner
 * types the policy. Outcomes are the authentication task's tables (seeds/002).
 */
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { LessonPage } from './pages/LessonPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('walking a lesson with Apply, and coming back to the same step after a reload', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const lesson = new LessonPage(page);
  await app.open();
  await lesson.choose('mtls-strict');
  await lesson.expectAt('mtls-strict', 1);
  await lesson.apply();
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '200');

  await lesson.next();
  await lesson.expectAt('mtls-strict', 2);
  await lesson.apply();
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await expect(app.edge('legacy/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '000');
  await expect(app.edge('legacy/sleep', 'legacy/httpbin')).toHaveAttribute('data-status', '200');
  await lesson.runCheck('pass');

  await lesson.next();
  await lesson.expectAt('mtls-strict', 3);
  await lesson.apply();
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await expect(app.edge('legacy/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '200');
  await lesson.runCheck('pass');
  await expect(page).toHaveURL(/#lesson=mtls-strict&step=3$/);

  await page.waitForTimeout(600); // autosave
  await page.reload();
  await lesson.expectAt('mtls-strict', 3);
  await expect(app.edge('legacy/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '200');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');

  // Progress is kept: the list shows two checked steps.
  await app.toolbarClick('toolbar.lessons');
  await expect(page.locator('[data-testid="lessons.item"][data-lesson="mtls-strict"]')).toContainText(
    '2 checked',
  );
});

test('a Check fails, naming the connections that differ, then passes once the policy is typed', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const lesson = new LessonPage(page);
  const editor = new EditorPage(page);
  await app.open('/#lesson=mtls-strict&step=2');
  await lesson.expectAt('mtls-strict', 2);
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '200');

  await lesson.runCheck('fail');
  expect(await lesson.differingProbes()).toEqual([
    'sleep.legacy to httpbin.bar',
    'sleep.legacy to httpbin.foo',
  ]);
  await expect(lesson.check).toContainText('expected 000, got 200');

  await editor.replaceAll([
    'apiVersion: security.istio.io/v1',
    'kind: PeerAuthentication',
    'metadata: {name: default, namespace: istio-system}',
    'spec: {mtls: {mode: STRICT}}',
  ]);
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await lesson.runCheck('pass');
  await expect(lesson.check).toContainText('Every connection matches this step');
});

test('an unknown lesson link only shows a notice', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('/#lesson=no-such-lesson&step=2');
  await expect(app.notice.root).toHaveAttribute('data-kind', 'error');
  await expect(app.notice.message).toContainText('no lesson named "no-such-lesson"');
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
});
