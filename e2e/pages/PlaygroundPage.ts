/**
 * Page object for the playground: the canvas (edges, nodes), the policies editor, the inspector,
 * the toolbar and the notices. Test ids are the app's stable test hooks.
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { clickToolbarItem, toolbarItem } from './toolbar';

export class PlaygroundPage {
  constructor(readonly page: Page) {}

  /** Opens the page and waits for the first verdicts and the automatic layout to be in place. */
  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.edges.first()).toHaveAttribute('data-status', /\S/);
    await this.layoutSettled();
  }

  /** The automatic layout has answered and its nodes have stopped moving. */
  async layoutSettled(): Promise<void> {
    await expect(this.page.getByTestId('canvas')).toHaveAttribute('data-layout', /^(ready|fallback)$/);
  }

  get edges(): Locator {
    return this.page.getByTestId('probe-edge');
  }

  edge(from: string, to: string, port?: number): Locator {
    const portSel = port === undefined ? '' : `[data-port="${port}"]`;
    return this.page.locator(`[data-testid="probe-edge"][data-from="${from}"][data-to="${to}"]${portSel}`);
  }

  workload(key: string): Locator {
    return this.page.locator(`[data-testid="workload-node"][data-workload="${key}"]`);
  }

  namespace(name: string): Locator {
    return this.page.locator(`[data-testid="namespace-node"][data-namespace="${name}"]`);
  }

  /** Selects a probe as a mouse user does: a click on its line. */
  async selectEdge(from: string, to: string): Promise<void> {
    await this.edge(from, to).dispatchEvent('click');
    await expect(this.inspector.probe).toBeVisible();
  }

  async selectWorkload(key: string): Promise<void> {
    await this.workload(key).locator('.wl-node__name').click();
    await expect(this.page.getByTestId('inspector.workload')).toHaveAttribute('data-workload', key);
  }

  get inspector() {
    return {
      probe: this.page.getByTestId('inspector.probe'),
      verdict: this.page.getByTestId('inspector.probe.verdict'),
      traceSteps: this.page.getByTestId('trace-step'),
      sidecar: this.page.getByTestId('inspector.workload.sidecar'),
    };
  }

  get toolbar() {
    return {
      share: this.page.getByTestId('toolbar.share'),
      // In the View menu.
      matrix: toolbarItem(this.page, 'toolbar.matrix'),
      undo: this.page.getByTestId('toolbar.undo'),
      examples: this.page.getByTestId('toolbar.examples'),
    };
  }

  /** Clicks a toolbar item, opening its menu (File, Learn, View) first when it is in one. */
  async toolbarClick(testId: string): Promise<void> {
    await clickToolbarItem(this.page, testId);
  }

  get notice() {
    return {
      root: this.page.getByTestId('notice'),
      message: this.page.getByTestId('notice.message'),
      restore: this.page.getByTestId('notice.restore'),
    };
  }

  /** Reads every edge as `from → to: status verdict`. */
  async edgeTable(): Promise<Record<string, { status: string; verdict: string }>> {
    return this.page.$$eval('[data-testid="probe-edge"]', (els) =>
      Object.fromEntries(
        els.map((el) => [
          `${el.getAttribute('data-from')} → ${el.getAttribute('data-to')}`,
          { status: el.getAttribute('data-status') ?? '', verdict: el.getAttribute('data-verdict') ?? '' },
        ]),
      ),
    );
  }
}
