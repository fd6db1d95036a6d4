/**
 * Page object for pins (saved expectations): the inspector's pin controls, the toolbar's count of
 * broken expectations, and an edge's expectation hooks (`data-expect`, `data-pass`).
 */
import type { Locator, Page } from '@playwright/test';

export class PinsPage {
  constructor(readonly page: Page) {}

  /** "Expect this outcome" in the inspector of the selected probe. */
  get pin(): Locator {
    return this.page.getByTestId('inspector.probe.pin');
  }

  get unpin(): Locator {
    return this.page.getByTestId('inspector.probe.unpin');
  }

  /** The expectation block: `data-state` is none | pending | pinned | holds | broken. */
  get expectation(): Locator {
    return this.page.getByTestId('inspector.probe.expectation');
  }

  /** "N expectations broken" in the toolbar (absent when none is). */
  get broken(): Locator {
    return this.page.getByTestId('toolbar.brokenExpectations');
  }

  /** The label of the edge group between two nodes (`from`: a workload key or the external id). */
  label(from: string, to: string): Locator {
    const source = from === 'external' ? '@external' : from;
    return this.page.locator(`[data-testid="probe-edge.label"][data-group="${source}->${to}"]`);
  }
}
