/**
 * The editor and the keyboard: Tab moves through the page without touching the YAML, a user who
 * has typed leaves with Escape then Tab, and Enter with a completion open starts a new line.
 */
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('tabbing through the page passes the editor without changing a character', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await editor.ready();
  const before = await editor.text();

  let entered = false;
  let left = false;
  for (let i = 0; i < 40 && !left; i++) {
    await page.keyboard.press('Tab');
    const inside = await editor.hasFocus();
    entered ||= inside;
    left = entered && !inside;
  }
  expect(entered).toBe(true);
  expect(left).toBe(true);
  expect(await editor.text()).toBe(before);
});

test('after typing, Tab indents, and Escape then Tab leaves the editor', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await editor.focusEnd();
  await page.keyboard.type('# note');
  await page.keyboard.press('Tab');
  expect(await editor.hasFocus()).toBe(true);
  // Monaco renders what was typed in a later frame: wait for it rather than read too early.
  await expect.poll(() => editor.text()).toMatch(/# note {2}$/m);
  const indented = await editor.text();

  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await editor.hasFocus()).toBe(false);
  expect(await editor.text()).toBe(indented);
});

test('the editor says how to leave it, on screen and to screen readers', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await editor.ready();
  await expect(editor.root.locator('textarea')).toHaveAttribute('aria-label', /Escape then Tab to leave/);
  await expect(editor.hint).toHaveCount(0);
  await editor.root.locator('textarea').focus();
  await expect(editor.hint).toHaveText('Tab moves on · type to edit');
  await page.keyboard.type('#');
  await expect(editor.hint).toHaveText('Esc then Tab to leave the editor');
  await page.keyboard.press('Escape');
  await expect(editor.hint).toHaveText('Tab moves on · type to edit');
  await page.keyboard.press('Tab');
  await expect(editor.hint).toHaveCount(0);
});

test('Enter with a completion open starts a new line', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await editor.replaceAll([]);
  await page.keyboard.type('k');
  await expect(editor.root.locator('.suggest-widget.visible')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect.poll(() => editor.text()).toBe('k\n');
});
