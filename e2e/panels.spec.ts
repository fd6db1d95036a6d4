/**
 * Panels and links seen by a new user: the lesson panel is docked beside the graph (never over a
 * workload), presenter mode gives the editor and the canvas room-sized type, embeds draw their edges
 * from their nodes, banners describe what is shown, the toolbar keeps one row, and the address bar
 * always holds a link to what is shown.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { GalleryPage } from './pages/GalleryPage';
import { LessonPage } from './pages/LessonPage';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { menuButtonOf } from './pages/toolbar';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

/** What overlaps the lesson panel: workload nodes (by key) and the canvas element itself. */
async function underLessonPanel(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const box = (el: Element) => el.getBoundingClientRect();
    const meets = (a: DOMRect, b: DOMRect) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const panel = document.querySelector('[data-testid=lesson-panel]');
    if (!panel) return ['no lesson panel'];
    const p = box(panel);
    const hits = Array.from(document.querySelectorAll('[data-testid=workload-node]'))
      .filter((n) => meets(box(n), p))
      .map((n) => n.getAttribute('data-workload') ?? '?');
    const canvas = document.querySelector('[data-testid=canvas]');
    if (!canvas) return ['no canvas'];
    if (meets(box(canvas), p)) hits.push('canvas');
    return hits;
  });
}

for (const size of SIZES) {
  for (const mode of ['playground', 'presenter'] as const) {
    test(`the lesson panel never covers a workload or the canvas (${mode}, ${size.width}×${size.height})`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      const app = new PlaygroundPage(page);
      const lesson = new LessonPage(page);
      await app.open(`/${mode === 'presenter' ? '?present=1' : ''}#lesson=mtls-strict&step=2`);
      await lesson.expectAt('mtls-strict', 2);
      await expect(app.workload('foo/httpbin')).toBeVisible();
      await expect.poll(() => underLessonPanel(page)).toEqual([]);
      // Folded, it still keeps to its column.
      await page.getByTestId('lesson.fold').click();
      await expect(page.getByTestId('lesson.fold')).toHaveAttribute('aria-expanded', 'false');
      await expect.poll(() => underLessonPanel(page)).toEqual([]);
      // Every workload is inside the canvas (fitted to the room left beside the panel).
      const canvas = (await page.getByTestId('canvas').boundingBox()) as Box;
      await expect
        .poll(() =>
          app.page.getByTestId('workload-node').evaluateAll(
            (els, c) =>
              els.filter((el) => {
                const r = el.getBoundingClientRect();
                return (
                  r.left < c.x - 1 ||
                  r.right > c.x + c.width + 1 ||
                  r.top < c.y - 1 ||
                  r.bottom > c.y + c.height + 1
                );
              }).length,
            canvas,
          ),
        )
        .toBe(0);
    });
  }
}

test('presenter mode: "Show editor" (e) uses the presenter theme and type size', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = new PlaygroundPage(page);
  await app.open('/?present=1#lesson=mtls-strict&step=2');
  await expect(new LessonPage(page).presenter.step).toHaveText('Step 2 / 6');
  await page.keyboard.press('e');
  const editor = new EditorPage(page);
  await editor.ready();
  const line = editor.root.locator('.view-line').first();
  await expect
    .poll(() => line.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)))
    .toBeGreaterThanOrEqual(18);
  // The presenter's black background, not the light theme's white.
  await expect
    .poll(() =>
      editor.root
        .locator('.monaco-editor-background')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor),
    )
    .toBe('rgb(0, 0, 0)');
});

/** The smallest on-screen size (CSS font size × React Flow zoom) of the elements matched. */
async function smallestOnScreen(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const viewport = document.querySelector('.react-flow__viewport');
    if (!viewport) return 0;
    // transform: translate(…) scale(z), or the matrix(a, b, c, d, e, f) it computes to.
    const t = getComputedStyle(viewport).transform;
    const matrix = /^matrix\(([^,]+),\s*([^,]+)/.exec(t);
    const zoom = matrix ? Math.hypot(Number(matrix[1]), Number(matrix[2])) : 1;
    const sizes = Array.from(document.querySelectorAll(sel)).map(
      (el) => parseFloat(getComputedStyle(el).fontSize) * zoom,
    );
    return sizes.length ? Math.min(...sizes) : 0;
  }, selector);
}

for (const { size, name, label } of [
  { size: { width: 1920, height: 1080 }, name: 20, label: 16 },
  { size: { width: 1280, height: 720 }, name: 16, label: 13 },
]) {
  test(`presenter mode: canvas text a room can read at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    const app = new PlaygroundPage(page);
    await app.open('/?present=1#lesson=mtls-strict&step=2');
    await expect(new LessonPage(page).presenter.step).toHaveText('Step 2 / 6');
    await expect.poll(() => smallestOnScreen(page, '.wl-node__name')).toBeGreaterThanOrEqual(name);
    await expect
      .poll(() => smallestOnScreen(page, '[data-testid="probe-edge.label"]'))
      .toBeGreaterThanOrEqual(label);
    // The narration may scroll, but the step's buttons stay whole on screen.
    for (const id of ['lesson.prev', 'lesson.apply', 'lesson.checkButton', 'lesson.next']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.y + box!.height, id).toBeLessThanOrEqual(size.height);
    }
  });
}

test('presenter mode: the graph grows into the room beside the lesson', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = new PlaygroundPage(page);
  await app.open('/?present=1#lesson=mtls-strict&step=2');
  await expect(new LessonPage(page).presenter.step).toHaveText('Step 2 / 6');
  const canvas = (await page.getByTestId('canvas').boundingBox()) as Box;
  expect(canvas.width).toBeGreaterThan(1920 * 0.6);
  // Fitted: the workloads span most of the canvas in one direction at least.
  await expect
    .poll(async () => {
      const boxes = await app.page
        .locator('[data-testid=workload-node], [data-testid=external-node]')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
      const left = Math.min(...boxes.map((b) => b.left));
      const right = Math.max(...boxes.map((b) => b.right));
      const top = Math.min(...boxes.map((b) => b.top));
      const bottom = Math.max(...boxes.map((b) => b.bottom));
      return Math.max((right - left) / canvas.width, (bottom - top) / canvas.height);
    })
    .toBeGreaterThan(0.7);
});

/** Each edge's ends, in page pixels, and how far they are from their own source and target nodes. */
async function edgeEndGaps(page: Page): Promise<{ edge: string; source: number; target: number }[]> {
  return page.evaluate(() => {
    const gap = (x: number, y: number, r: DOMRect) =>
      Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
    return Array.from(document.querySelectorAll('[data-testid=probe-edge]')).map((edge) => {
      const from = edge.getAttribute('data-from') ?? '';
      const to = edge.getAttribute('data-to') ?? '';
      const path = edge.querySelector('path.probe-edge__line') as SVGPathElement | null;
      const source = document.querySelector(`[data-workload="${from}"]`);
      const target = document.querySelector(`[data-workload="${to}"]`);
      const ctm = path?.getScreenCTM();
      if (!path || !source || !target || !ctm)
        return { edge: `${from} → ${to}`, source: Infinity, target: Infinity };
      const screen = (p: DOMPoint) => p.matrixTransform(ctm);
      const a = screen(path.getPointAtLength(0));
      const b = screen(path.getPointAtLength(path.getTotalLength()));
      return {
        edge: `${from} → ${to}`,
        source: Math.round(gap(a.x, a.y, source.getBoundingClientRect())),
        target: Math.round(gap(b.x, b.y, target.getBoundingClientRect())),
      };
    });
  });
}

test('an embed draws every edge from its source node to its target node', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new PlaygroundPage(page);
  await app.open('/?embed=1#example=authn-mesh-strict');
  await expect(app.edges).toHaveCount(9);
  await expect
    .poll(async () => (await edgeEndGaps(page)).filter((e) => e.source > 12 || e.target > 12))
    .toEqual([]);
});

test('an embed is fitted, without a minimap or an empty istio-system box', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new PlaygroundPage(page);
  await app.open('/?embed=1#example=authn-mesh-strict');
  await expect(app.edges).toHaveCount(9);
  await expect(page.locator('.react-flow__minimap')).toBeHidden();
  const canvas = (await page.locator('.embed-view__canvas').boundingBox()) as Box;
  const outside = await page.locator('[data-testid=workload-node], [data-testid=namespace-node]').evaluateAll(
    (els, c) =>
      els
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(
          ({ r }) =>
            r.left < c.x - 1 ||
            r.right > c.x + c.width + 1 ||
            r.top < c.y - 1 ||
            r.bottom > c.y + c.height + 1,
        )
        .map(({ el }) => el.getAttribute('data-workload') ?? el.getAttribute('data-namespace')),
    canvas,
  );
  expect(outside).toEqual([]);
  // istio-system holds no workload in this example: no empty box for it.
  await expect(app.page.locator('[data-testid=workload-node][data-workload^="istio-system/"]')).toHaveCount(
    0,
  );
  await expect(app.namespace('istio-system')).toHaveCount(0);
});

test('opening a lesson clears the banner about the example opened before', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const gallery = new GalleryPage(page);
  const lesson = new LessonPage(page);
  await app.open();
  await gallery.open();
  await gallery.search.fill('mesh-wide strict');
  await gallery.item('authn-mesh-strict').click();
  await expect(app.notice.message).toContainText('You opened the example');
  await lesson.choose('jwt-ingress');
  await lesson.expectAt('jwt-ingress', 1);
  await expect(app.notice.root).toHaveCount(0);
});

test('a lesson link at step 1 shows the Gateway its narration talks about: no 404', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open('/#lesson=jwt-ingress&step=1');
  await new LessonPage(page).expectAt('jwt-ingress', 1);
  await expect(page.locator('[data-testid=lesson-panel]')).toContainText('in the');
  await expect(app.edges.first()).toHaveAttribute('data-status', '200');
  await expect(page.locator('[data-testid=probe-edge][data-status="404"]')).toHaveCount(0);
  await editor.ready();
  await expect.poll(() => editor.text()).toContain('kind: Gateway');
});

for (const width of [1280, 1440]) {
  test(`the toolbar keeps one row at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    const app = new PlaygroundPage(page);
    await app.open();
    const toolbar = (await page.getByRole('toolbar').boundingBox()) as Box;
    expect(toolbar.height).toBeLessThanOrEqual(56);
    const overflowing = await page
      .getByRole('toolbar')
      .locator(':scope > *:visible')
      .evaluateAll(
        (els, w) =>
          els.filter((el) => el.getBoundingClientRect().right > w).map((el) => el.outerHTML.slice(0, 60)),
        width,
      );
    expect(overflowing).toEqual([]);
    for (const id of [
      'toolbar.undo',
      'toolbar.redo',
      'toolbar.addNamespace',
      'toolbar.addWorkload',
      'toolbar.share',
    ])
      await expect(page.getByTestId(id)).toBeVisible();
  });
}

test('toolbar menus work from the keyboard, and Tidy up lays the mesh out again', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  const view = menuButtonOf(page, page.getByTestId('toolbar.matrix'));
  await expect(view).toHaveAttribute('aria-expanded', 'false');
  await view.focus();
  await page.keyboard.press('ArrowDown');
  await expect(view).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('toolbar.matrix')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('toolbar.legend')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('toolbar.tidy')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(view).toHaveAttribute('aria-expanded', 'false');
  await expect(view).toBeFocused();
  await expect(page.getByTestId('toolbar.matrix')).toBeHidden();

  await expect(app.toolbar.undo).toBeDisabled();
  await app.toolbarClick('toolbar.tidy');
  // One undoable step; the mesh is still all there.
  await expect(app.toolbar.undo).toBeEnabled();
  await expect(app.edges).toHaveCount(9);
});

test('the address bar always links to what is shown, without piling up history', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const gallery = new GalleryPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await gallery.open();
  await gallery.search.fill('mesh-wide strict');
  await gallery.item('authn-mesh-strict').click();
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await expect(page).toHaveURL(/#example=authn-mesh-strict$/);
  const entries = await page.evaluate(() => history.length);

  await editor.replaceAll(['# no policies']);
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '200');
  await expect(page).toHaveURL(/#w=1\.[A-Za-z0-9_-]+$/, { timeout: 1500 });
  expect(await page.evaluate(() => history.length)).toBe(entries);

  const address = page.url();
  await page.waitForTimeout(600); // autosave
  await page.reload();
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '200');
  await editor.ready();
  await expect.poll(() => editor.text()).toContain('# no policies');
  await expect(app.notice.root).toHaveCount(0);
  expect(page.url()).toBe(address);
});
