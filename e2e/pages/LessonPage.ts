/**
 * Page object for lessons: the lesson list, the lesson panel (`lesson-panel` with `data-lesson` and
 * `data-step`), Apply / Check / Previous / Next, the Check result (`lesson-check`, `data-result`) and
 * the presenter bar.
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { clickToolbarItem } from './toolbar';

export class LessonPage {
  readonly panel: Locator;
  readonly check: Locator;
  constructor(readonly page: Page) {
    this.panel = page.getByTestId('lesson-panel');
    this.check = page.getByTestId('lesson-check');
  }

  /** Opens a lesson from the toolbar's lesson list. */
  async choose(id: string): Promise<void> {
    await clickToolbarItem(this.page, 'toolbar.lessons');
    await this.page.locator(`[data-testid="lessons.item"][data-lesson="${id}"]`).click();
    await expect(this.panel).toHaveAttribute('data-lesson', id);
  }

  async expectAt(id: string, step: number): Promise<void> {
    await expect(this.panel).toHaveAttribute('data-lesson', id);
    await expect(this.panel).toHaveAttribute('data-step', String(step));
  }

  async apply(): Promise<void> {
    await this.page.getByTestId('lesson.apply').click();
  }

  /** Presses Check and waits for its answer. */
  async runCheck(expected: 'pass' | 'fail'): Promise<void> {
    await this.page.getByTestId('lesson.checkButton').click();
    await expect(this.check).toHaveAttribute('data-result', expected);
  }

  async next(): Promise<void> {
    await this.page.getByTestId('lesson.next').click();
  }

  async previous(): Promise<void> {
    await this.page.getByTestId('lesson.prev').click();
  }

  /** The probes the last Check says differ. */
  async differingProbes(): Promise<string[]> {
    const names = await this.page
      .getByTestId('lesson.difference')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-probe') ?? ''));
    return names.sort();
  }

  get presenter() {
    return {
      root: this.page.getByTestId('presenter'),
      step: this.page.getByTestId('presenter.step'),
    };
  }
}
