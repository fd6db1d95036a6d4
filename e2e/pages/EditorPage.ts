/** Page object for the Monaco policies editor. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class EditorPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('editor');
  }

  async ready(): Promise<void> {
    await expect(this.root).toHaveAttribute('data-ready', 'true');
    await expect(this.root.locator('.monaco-editor')).toBeVisible();
  }

  /** Puts the cursor at the end of the text. */
  async focusEnd(): Promise<void> {
    await this.ready();
    await this.root.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+End');
  }

  /**
   * Types lines as a person would. The line break is inserted as text input, not an Enter key
   * press: a completion popup that opens late (the YAML worker answers asynchronously, slower on a
   * busy machine) would otherwise take the Enter and accept a suggestion. Shift+Home, Delete drops
   * any auto-indent.
   */
  async typeLines(lines: string[]): Promise<void> {
    for (const [i, line] of lines.entries()) {
      if (i > 0) {
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.insertText('\n');
        await this.page.keyboard.press('Shift+Home');
        await this.page.keyboard.press('Delete');
      }
      await this.page.keyboard.type(line, { delay: 5 });
    }
    await this.page.keyboard.press('Escape');
  }

  async replaceAll(lines: string[]): Promise<void> {
    await this.focusEnd();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.typeLines(lines);
  }

  /** The text Monaco shows (its view lines, non-breaking spaces normalised). */
  /**
   * The text as the model holds it: rendered lines in order of their position, a wrapped line's
   * continuation (a view line with no line number beside it) joined back onto its line.
   */
  async text(): Promise<string> {
    const lines = await this.root.evaluate((root) => {
      const top = (el: Element | null) => (el instanceof HTMLElement ? Number.parseFloat(el.style.top) : NaN);
      const numbered = new Set(
        Array.from(root.querySelectorAll('.line-numbers')).map((n) => top(n.parentElement)),
      );
      return Array.from(root.querySelectorAll('.view-lines .view-line'))
        .map((l) => ({
          top: top(l),
          text: (l.textContent ?? '').replace(/\u00a0/g, ' '),
          first: numbered.has(top(l)),
        }))
        .sort((a, b) => a.top - b.top);
    });
    return lines.reduce(
      (out, l, i) => (i === 0 || l.first ? `${out}${i ? '\n' : ''}${l.text}` : `${out}${l.text}`),
      '',
    );
  }

  /**
   * The rendered lines by line number. Monaco positions its line elements by `top` and reuses them
   * out of order, so numbers and texts are paired by position.
   */
  async numberedLines(): Promise<Map<number, string>> {
    const pairs = await this.root.evaluate((root) => {
      const top = (el: Element | null) => (el instanceof HTMLElement ? el.style.top : '');
      const numbers = new Map(
        Array.from(root.querySelectorAll('.line-numbers')).map((n) => [
          top(n.parentElement),
          Number(n.textContent),
        ]),
      );
      return Array.from(root.querySelectorAll('.view-lines .view-line')).map(
        (l) => [numbers.get(top(l)) ?? 0, (l.textContent ?? '').replace(/\u00a0/g, ' ')] as const,
      );
    });
    return new Map(pairs);
  }

  /** The hint that says what Tab does while the editor has the focus. */
  get hint(): Locator {
    return this.page.getByTestId('editor.hint');
  }

  /** Whether the keyboard focus is inside the editor. */
  async hasFocus(): Promise<boolean> {
    return this.page.evaluate(() => !!document.activeElement?.closest('[data-testid="editor"]'));
  }

  get errorSquiggles(): Locator {
    return this.root.locator('.squiggly-error');
  }

  get highlighted(): Locator {
    return this.root.locator('.trace-highlight');
  }
}
