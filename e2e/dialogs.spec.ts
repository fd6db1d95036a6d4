/**
 * The gallery and the lesson list share one dialog frame: the focus stays inside while it is open,
 * Escape closes it and gives the focus back to the toolbar button that opened it.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { menuButtonOf } from './pages/toolbar';

const focusInside = (page: Page, testid: string) =>
  page.evaluate((id) => !!document.activeElement?.closest(`[data-testid="${id}"]`), testid);

for (const { name, item } of [
  { name: 'lessons', item: 'lessons.item' },
  { name: 'gallery', item: 'gallery.item' },
]) {
  test(`the ${name} dialog keeps the focus inside, and Escape gives it back to its button`, async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    // The Learn menu holds both: open it from the keyboard, then choose the item.
    const opener = page.getByTestId(`toolbar.${name}`);
    const menuButton = menuButtonOf(page, opener);
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await expect(opener).toBeVisible();
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId(name);
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId(item).first()).toBeVisible();
    expect(await focusInside(page, name)).toBe(true);

    // Forwards past the end and backwards past the start: the focus wraps around, never leaves.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInside(page, name)).toBe(true);
    }
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusInside(page, name)).toBe(true);
    }

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    // The item's menu has closed: the focus goes back to the menu's button.
    await expect(menuButton).toBeFocused();
  });
}
