/** The toolbar's items, some inside the File / Learn / View menus: open the menu first when needed. */
import type { Locator, Page } from '@playwright/test';

/** Clicks a toolbar item by test id, opening the menu that holds it if it is not shown. */
export async function clickToolbarItem(page: Page, testId: string): Promise<void> {
  const item = page.getByTestId(testId);
  if (!(await item.isVisible())) await menuButtonOf(page, item).click();
  await item.click();
}

/** The button of the menu that holds `item`. */
export function menuButtonOf(page: Page, item: Locator): Locator {
  return page.locator('[data-menu]').filter({ has: item }).locator('[aria-haspopup="menu"]');
}

/** A toolbar item as something to click, whether it sits in a menu or not. */
export const toolbarItem = (page: Page, testId: string) => ({
  click: () => clickToolbarItem(page, testId),
});
