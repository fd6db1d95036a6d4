/** Page object for the examples gallery (toolbar button, search, tag chips, one-click items). */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { clickToolbarItem } from './toolbar';

export class GalleryPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('gallery');
  }

  async open(): Promise<void> {
    await clickToolbarItem(this.page, 'toolbar.gallery');
    await expect(this.root).toBeVisible();
    await expect(this.items.first()).toBeVisible();
  }

  get search(): Locator {
    return this.page.getByTestId('gallery.search');
  }

  get items(): Locator {
    return this.page.getByTestId('gallery.item');
  }

  item(id: string): Locator {
    return this.page.locator(`[data-testid="gallery.item"][data-example="${id}"]`);
  }

  tag(name: string): Locator {
    return this.page.locator(`[data-testid="gallery.tag"][data-tag="${name}"]`);
  }

  /** The ids of the examples shown. */
  async shownIds(): Promise<string[]> {
    return this.items.evaluateAll((els) => els.map((el) => el.getAttribute('data-example') ?? ''));
  }
}
