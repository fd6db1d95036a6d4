/**
 * Page object for review mode: review links (`#w=…&b=…`), the banner, marked and removed edges, the
 * inspector's before/after, the policy diff and the matrix's "changes only". Test ids are the app's
 * stable hooks (docs/workspace-format.md "Test hooks").
 */
import { deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { PlaygroundPage } from './PlaygroundPage';
import { measureCanvas } from './CanvasGeometry';
import type { ScreenBox } from './CanvasGeometry';

const payload = (text: string) => `1.${Buffer.from(deflateRawSync(Buffer.from(text))).toString('base64url')}`;

/** A review link: the current workspace `after`, the baseline `before`. */
export const reviewLink = (after: string, before: string) => `/#w=${payload(after)}&b=${payload(before)}`;

/** A golden workspace of the evaluator's tests (each reproduces a step of the seed tasks). */
export const golden = (name: string) =>
  readFileSync(new URL(`../../packages/evaluator/test/golden/${name}.yaml`, import.meta.url), 'utf8');

export interface GoldenProbe {
  name: string;
  from: string;
  to: string;
  expect: string;
}

/** The probes of a golden file with their `expect:` (read with a pattern: the files are regular). */
export function goldenProbes(text: string): GoldenProbe[] {
  const out: GoldenProbe[] = [];
  const block = /- name: (.+)\n((?:\s{6}.+\n|\s*#.*\n)*)/g;
  for (const m of text.matchAll(block)) {
    const body = m[2] ?? '';
    const field = (k: string) => new RegExp(`^\\s+${k}: "?([^"\\n]+)"?`, 'm').exec(body)?.[1] ?? '';
    if (field('from'))
      out.push({ name: m[1]!.trim(), from: field('from'), to: field('to'), expect: field('expect') });
  }
  return out;
}

export class ReviewPage {
  readonly app: PlaygroundPage;
  constructor(readonly page: Page) {
    this.app = new PlaygroundPage(page);
  }

  /** Opens a review link and waits for the diff (both sides evaluated) and the layout. */
  async openLink(url: string): Promise<void> {
    await this.app.open(url);
    await expect(this.banner).toHaveAttribute('data-ready', 'true');
  }

  get banner(): Locator {
    return this.page.getByTestId('review-banner');
  }
  get next(): Locator {
    return this.page.getByTestId('review-banner.next');
  }
  get previous(): Locator {
    return this.page.getByTestId('review-banner.previous');
  }
  get close(): Locator {
    return this.page.getByTestId('review-banner.close');
  }
  get changedEdges(): Locator {
    return this.page.locator('[data-testid="probe-edge"][data-changed="true"]');
  }
  get removedEdges(): Locator {
    return this.page.getByTestId('probe-edge.removed');
  }
  get before(): Locator {
    return this.page.getByTestId('inspector.review.before');
  }
  get after(): Locator {
    return this.page.getByTestId('inspector.review.after');
  }
  tags(from: string, to: string): Locator {
    return this.page.locator(
      `[data-testid="probe-edge.label"][data-group="${from}->${to}"] [data-testid="probe-edge.review-tag"]`,
    );
  }

  async expectCounts(changed: number, added: number, removed: number): Promise<void> {
    await expect(this.banner).toHaveAttribute('data-changed', String(changed));
    await expect(this.banner).toHaveAttribute('data-added', String(added));
    await expect(this.banner).toHaveAttribute('data-removed', String(removed));
  }

  /** Every current probe edge as `from → to: data-changed [before-status]`. */
  async marks(): Promise<Record<string, string>> {
    return this.page.$$eval('[data-testid="probe-edge"]', (els) =>
      Object.fromEntries(
        els.map((el) => [
          `${el.getAttribute('data-from')} → ${el.getAttribute('data-to')}`,
          el.getAttribute('data-changed') === 'true'
            ? `changed from ${el.getAttribute('data-before-status')} ${el.getAttribute('data-before-verdict')}`
            : `unchanged (${el.getAttribute('data-changed')})`,
        ]),
      ),
    );
  }

  /** Screen boxes of the banner, the toolbar and the workloads; the review tags' on-screen font sizes. */
  async geometry(): Promise<{
    banner: ScreenBox;
    toolbar: ScreenBox;
    workloads: ScreenBox[];
    tagFontPx: number[];
  }> {
    const canvas = await measureCanvas(this.page);
    const boxOf = async (l: Locator, id: string): Promise<ScreenBox> => {
      const b = await l.boundingBox();
      if (!b) throw new Error(`${id} is not visible`);
      return { id, ...b };
    };
    const tagFontPx = await this.page.$$eval('[data-testid="probe-edge.review-tag"]', (els) => {
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
      const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 1;
      return els.map((el) => Number.parseFloat(getComputedStyle(el).fontSize) * zoom);
    });
    return {
      banner: await boxOf(this.banner, 'banner'),
      toolbar: await boxOf(this.page.getByRole('toolbar', { name: 'Playground toolbar' }), 'toolbar'),
      workloads: canvas.workloads,
      tagFontPx,
    };
  }
}
