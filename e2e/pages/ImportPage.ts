/**
 * Page object for File ▸ Import…: the dialog (`import.dialog`), its file chooser, paste box and
 * summary (`import.summary`), confirming (`import.confirm`), and files dropped onto the page.
 */
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { clickToolbarItem } from './toolbar';

/** A fixture of the evaluator's import tests: kubectl output built from Istio's sample manifests. */
export const importFixture = (name: string) =>
  readFileSync(new URL(`../../packages/evaluator/test/import/${name}`, import.meta.url), 'utf8');

export class ImportPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId('import.dialog');
  }
  get summary(): Locator {
    return this.page.getByTestId('import.summary');
  }
  get confirm(): Locator {
    return this.page.getByTestId('import.confirm');
  }
  get paste(): Locator {
    return this.page.getByTestId('import.paste');
  }

  async open(): Promise<void> {
    await clickToolbarItem(this.page, 'toolbar.import');
    await expect(this.dialog).toBeVisible();
  }

  /** Pastes text and reads it; resolves once the summary is shown. */
  async pasteText(text: string): Promise<void> {
    await this.paste.fill(text);
    await this.page.getByTestId('import.read').click();
    await expect(this.summary.or(this.page.getByTestId('import.error'))).toBeVisible();
  }

  /** Drops files onto `target` (the canvas by default) as a person dragging them from a file manager. */
  async drop(files: { name: string; text: string }[], target = '[data-testid="canvas"]'): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'application/yaml' }));
      return dt;
    }, files);
    await this.page.dispatchEvent(target, 'dragenter', { dataTransfer });
    await this.page.dispatchEvent(target, 'dragover', { dataTransfer });
    await this.page.dispatchEvent(target, 'drop', { dataTransfer });
  }
}
