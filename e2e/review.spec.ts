/**
 * Review mode (issue 9): a review link opens with the changed connections marked, the banner counts
 * them and steps through them, the inspector shows before and after, the policy diff and the
 * matrix's "changes only" show the same change, "Share for review" round-trips, and review mode
 * closes. The expected changes come from two consecutive steps of Istio's authentication task, whose
 * page prints both tables: the golden files' `expect:` (PERMISSIVE setup → mesh-wide STRICT:
 * sleep.legacy to httpbin.foo and httpbin.bar go from 200 to 000).
 */
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { overlaps } from './pages/CanvasGeometry';
import { golden, goldenProbes, reviewLink, ReviewPage } from './pages/ReviewPage';

const BEFORE = golden('authn-setup');
const AFTER = golden('authn-mesh-strict');

/** What the two steps' tables say: probes in both whose expected status differs, and baseline-only ones. */
function expectedReview() {
  const before = goldenProbes(BEFORE);
  const after = goldenProbes(AFTER);
  const byName = new Map(before.map((p) => [p.name, p]));
  const changed = after.filter((p) => byName.has(p.name) && byName.get(p.name)?.expect !== p.expect);
  const afterNames = new Set(after.map((p) => p.name));
  const removed = before.filter((p) => !afterNames.has(p.name));
  return { changed, removed, before: byName, probes: after };
}

test('a review link marks exactly the connections the task says changed, and steps through them', async ({
  page,
}) => {
  const expected = expectedReview();
  // The task's tables: legacy → foo and legacy → bar, 200 → 000; the two mTLS probes exist only before.
  expect(expected.changed.map((p) => `${p.from} → ${p.to}: ${p.expect}`)).toEqual([
    'legacy/sleep → foo/httpbin: 000',
    'legacy/sleep → bar/httpbin: 000',
  ]);
  const review = new ReviewPage(page);
  await review.openLink(reviewLink(AFTER, BEFORE));
  await review.expectCounts(expected.changed.length, 0, expected.removed.length);
  await expect(review.banner).toContainText(
    '2 connections changed: 2 newly denied, 0 newly allowed, 0 other',
  );
  await expect(review.banner).toContainText('2 removed');

  const marks = await review.marks();
  expect(Object.keys(marks)).toHaveLength(expected.probes.length);
  for (const p of expected.probes) {
    const was = expected.before.get(p.name)?.expect;
    const changed = expected.changed.includes(p);
    expect(marks[`${p.from} → ${p.to}`]).toBe(changed ? `changed from ${was} allowed` : 'unchanged (false)');
    await expect(review.app.edge(p.from, p.to)).toHaveAttribute('data-status', p.expect);
  }
  await expect(review.changedEdges).toHaveCount(2);
  await expect(review.changedEdges.first()).toHaveAttribute('data-review', 'newly-denied');
  // Removed probes are ghosts with their own test id: `probe-edge` still counts the current probes.
  await expect(review.removedEdges).toHaveCount(2);
  await expect(review.app.edges).toHaveCount(9);
  // The tag on each changed label: "▼ was 200", the old status struck through.
  for (const p of expected.changed) {
    const tag = review.tags(p.from, p.to);
    await expect(tag).toHaveText('▼ was 200');
    await expect(tag.locator('.review-tag__was')).toHaveCSS('text-decoration-line', 'line-through');
  }

  // Next/Previous step through the changes in the Probes list's order, selecting each one.
  const first = expected.changed[0]!;
  const second = expected.changed[1]!;
  const indexOf = (p: { name: string }) => String(expected.probes.findIndex((q) => q.name === p.name));
  await review.next.click();
  await expect(review.app.inspector.probe).toHaveAttribute('data-probe-index', indexOf(first));
  await expect(page.getByTestId('review-banner.position')).toHaveText('1 of 2');
  // The selected edge's full label names the old verdict too, struck through.
  const activeTag = page.locator('.edge-label.is-active [data-testid="probe-edge.review-tag"]');
  await expect(activeTag).toHaveText('▼ was 200 allowed');
  await expect(activeTag.locator('.review-tag__was')).toHaveCSS('text-decoration-line', 'line-through');
  await expect(review.before).toHaveAttribute('data-status', '200');
  await expect(review.before).toHaveAttribute('data-verdict', 'allowed');
  await expect(review.after).toHaveAttribute('data-status', '000');
  await expect(review.after).toHaveAttribute('data-verdict', 'mtls-failure');
  // Both traces: the baseline's is asked of the worker on demand.
  await expect(page.getByTestId('inspector.review.before.trace').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('inspector.review.after.trace').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('inspector.review.after.trace')).toContainText(/STRICT|mTLS|mutual TLS/i);

  await review.next.click();
  await expect(review.app.inspector.probe).toHaveAttribute('data-probe-index', indexOf(second));
  await expect(review.after).toHaveAttribute('data-status', '000');
  await review.next.click(); // wraps around
  await expect(review.app.inspector.probe).toHaveAttribute('data-probe-index', indexOf(first));
  await review.previous.click();
  await expect(review.app.inspector.probe).toHaveAttribute('data-probe-index', indexOf(second));
  await review.previous.click();
  await expect(review.app.inspector.probe).toHaveAttribute('data-probe-index', indexOf(first));

  // The address keeps the review: a reload opens it again.
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#w=1\.[\w-]+&b=1\.[\w-]+$/);
  await page.reload();
  await expect(review.banner).toHaveAttribute('data-changed', '2');
});

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`at ${viewport.width}×${viewport.height} the banner covers nothing and the tags are readable`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const review = new ReviewPage(page);
    await review.openLink(reviewLink(AFTER, BEFORE));
    await expect(review.changedEdges).toHaveCount(2);
    const g = await review.geometry();
    expect(overlaps(g.banner, g.toolbar)).toBe(false);
    expect(g.workloads).toHaveLength(6);
    for (const w of g.workloads) expect(overlaps(g.banner, w), `banner over ${w.id}`).toBe(false);
    expect(g.tagFontPx).toHaveLength(2);
    for (const px of g.tagFontPx) expect(px).toBeGreaterThanOrEqual(11);
    // Every control of the banner is on screen.
    for (const id of ['next', 'previous', 'diff', 'close'])
      await expect(page.getByTestId(`review-banner.${id}`)).toBeInViewport();
  });
}

test('Share for review round-trips to a fresh browser', async ({ page, browser }) => {
  const review = new ReviewPage(page);
  await review.app.open();
  // Opening an example makes it the baseline.
  await review.app.toolbar.examples.selectOption('mesh-strict');
  await expect(review.app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  const editor = new EditorPage(page);
  await editor.replaceAll([
    'apiVersion: security.istio.io/v1',
    'kind: PeerAuthentication',
    'metadata:',
    '  name: default',
    '  namespace: istio-system',
    'spec:',
    '  mtls:',
    '    mode: PERMISSIVE',
  ]);
  await expect(review.app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '200');

  await review.app.toolbar.share.click();
  await page.getByTestId('share.review').click();
  const url = await page.getByTestId('share.reviewUrl').inputValue();
  expect(url).toMatch(/#w=1\.[\w-]+&b=1\.[\w-]+$/);
  await page.getByTestId('share.close').click();
  // Sharing for review opened review mode here too.
  await expect(review.banner).toHaveAttribute('data-changed', '2');

  const fresh = await browser.newContext();
  const other = new ReviewPage(await fresh.newPage());
  await other.openLink(url.slice(url.indexOf('/#')));
  await other.expectCounts(2, 0, 0);
  await expect(other.banner).toContainText('2 connections changed: 0 newly denied, 2 newly allowed, 0 other');
  for (const to of ['foo/httpbin', 'bar/httpbin']) {
    const edge = other.app.edge('legacy/sleep', to);
    await expect(edge).toHaveAttribute('data-changed', 'true');
    await expect(edge).toHaveAttribute('data-review', 'newly-allowed');
    await expect(edge).toHaveAttribute('data-before-status', '000');
    await expect(edge).toHaveAttribute('data-before-verdict', 'mtls-failure');
    await expect(edge).toHaveAttribute('data-status', '200');
    await expect(other.tags('legacy/sleep', to)).toHaveText('▲ was 000');
  }
  await fresh.close();
});

test('the matrix shows only the changed cells, each as before → after', async ({ page }) => {
  const review = new ReviewPage(page);
  await review.openLink(reviewLink(AFTER, BEFORE));
  await review.app.toolbar.matrix.click();
  await expect(page.getByTestId('matrix.grid')).toBeVisible();
  // Escape in the matrix closes the matrix, not review mode.
  await page.getByTestId('matrix.close').press('Escape');
  await expect(page.getByTestId('matrix')).toHaveCount(0);
  await expect(review.banner).toBeVisible();
  await review.app.toolbar.matrix.click();
  await page.getByTestId('matrix.changesOnly').check();
  const cells = page.getByTestId('matrix.change');
  await expect(cells).toHaveCount(2);
  for (const cell of await cells.all()) {
    await expect(cell).toHaveAttribute('data-from', /legacy/);
    await expect(cell).toHaveAttribute('data-before', '200');
    await expect(cell).toHaveAttribute('data-after', '000');
    await expect(cell).toContainText(/200\s*→\s*.*000/);
  }
  expect((await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-to')))).sort()).toEqual(
    ['bar/httpbin', 'foo/httpbin'].sort(),
  );
  await page.getByTestId('matrix.changesOnly').uncheck();
  await expect(page.getByTestId('matrix.grid')).toBeVisible();
});

test('the policy diff shows the baseline and current policies in Monaco’s diff editor', async ({ page }) => {
  const review = new ReviewPage(page);
  await review.openLink(reviewLink(AFTER, BEFORE));
  await page.getByTestId('review-banner.diff').click();
  const dialog = page.getByTestId('review.diff');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.monaco-diff-editor')).toBeVisible();
  // The mesh-wide PeerAuthentication is what was added.
  await expect(dialog.locator('.editor.modified .view-lines')).toContainText('PeerAuthentication');
  await expect(dialog.locator('.editor.modified .line-insert').first()).toBeAttached();
  await page.getByTestId('review.diff.close').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.monaco-diff-editor')).toHaveCount(0);
});

test('closing review mode clears the marks; the baseline stays for the next review, and undo does not move it', async ({
  page,
}) => {
  const review = new ReviewPage(page);
  await review.openLink(reviewLink(AFTER, BEFORE));
  await expect(review.changedEdges).toHaveCount(2);
  await review.close.click();
  await expect(review.banner).toHaveCount(0);
  await expect(review.changedEdges).toHaveCount(0);
  await expect(review.app.edges).toHaveCount(9);
  await expect(page.locator('[data-testid="probe-edge"][data-changed="false"]')).toHaveCount(9);
  await expect(review.removedEdges).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#w=1\.[\w-]+$/);

  // A canvas edit and its undo leave the baseline alone.
  await page.getByTestId('toolbar.addNamespace').click();
  await review.app.toolbar.undo.click();
  await review.app.toolbarClick('toolbar.review');
  await expect(review.banner).toHaveAttribute('data-changed', '2');
  await expect(review.changedEdges).toHaveCount(2);

  // "Set baseline to now": nothing differs any more.
  await page.getByTestId('review.setBaseline').click();
  await review.expectCounts(0, 0, 0);
  await expect(review.changedEdges).toHaveCount(0);
  await expect(review.banner).toContainText('0 connections changed');

  // Escape closes it too.
  await page.locator('body').press('Escape');
  await expect(review.banner).toHaveCount(0);
});

test('a broken baseline is refused with a message; hostile names in a review stay text', async ({ page }) => {
  const review = new ReviewPage(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await review.app.open();
  const good = reviewLink(AFTER, BEFORE);
  await page.goto(`${good.slice(0, good.indexOf('&b='))}&b=1.not*base64`);
  await expect(review.app.notice.root).toHaveAttribute('data-kind', 'error');
  await expect(review.app.notice.message).toContainText('baseline');
  await expect(review.banner).toHaveCount(0);
  await expect(review.app.edges).toHaveCount(9);

  const hostile = '<img src=x onerror=alert(1)>';
  const mesh = (probes: string) =>
    `apiVersion: playground/v1\nkind: Mesh\nmetadata: {title: "${hostile}"}\nspec:\n  namespaces: [{name: shop}]\n  workloads:\n    - {name: web, namespace: shop, ports: [{name: http, port: 80}]}\n    - {name: client, namespace: shop}\n---\napiVersion: playground/v1\nkind: Probes\nspec:\n  probes:\n${probes}`;
  const kept = `    - {name: "kept ${hostile}", from: shop/client, to: shop/web, port: 80}\n`;
  const gone = `    - {name: "gone ${hostile}", from: shop/client, to: shop/web, port: 80, request: {path: "/\`$(id)\`"}}\n`;
  await page.goto(reviewLink(mesh(kept), mesh(kept + gone)));
  await expect(review.banner).toHaveAttribute('data-removed', '1');
  await expect(review.removedEdges).toHaveCount(1);
  await expect(review.removedEdges.locator('title')).toContainText(hostile);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('typing in review mode evaluates only the current workspace: the baseline is not evaluated again', async ({
  page,
}) => {
  // Count the messages the page posts to its workers, by type.
  await page.addInitScript(() => {
    const counts: Record<string, number> = {};
    (window as unknown as { __posted: Record<string, number> }).__posted = counts;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const type = (message as { type?: unknown } | null)?.type;
      if (typeof type === 'string') counts[type] = (counts[type] ?? 0) + 1;
      return (post as (...args: unknown[]) => void).call(this, message, ...rest);
    } as typeof Worker.prototype.postMessage;
  });
  const posted = () =>
    page.evaluate(() => ({ ...(window as unknown as { __posted: Record<string, number> }).__posted }));
  const review = new ReviewPage(page);
  await review.openLink(reviewLink(AFTER, BEFORE));
  await expect(review.banner).toHaveAttribute('data-changed', '2');
  const before = await posted();
  expect(before.baseline).toBe(1);

  const editor = new EditorPage(page);
  await editor.focusEnd();
  await editor.typeLines(['', '# reviewing']);
  await expect.poll(async () => (await posted()).evaluate ?? 0).toBeGreaterThan(before.evaluate ?? 0);
  await expect(review.banner).toHaveAttribute('data-changed', '2');
  expect((await posted()).baseline).toBe(1);
});

test('a change of what the app receives is a change too: the inspector names the path that differs', async ({
  page,
}) => {
  // Only the mesh's path normalization changes. Istio's normalization test (TestNormalization) says
  // what each setting does to `/app//`: BASE keeps it, MERGE_SLASHES makes it `/app/` (see the
  // goldens' sources); the call is allowed either way.
  const before = golden('upstream-path-normalization-base');
  const after = before.replace(/^(\s+normalization:) BASE$/m, '$1 MERGE_SLASHES');
  expect(after).toMatch(/^\s+normalization: MERGE_SLASHES$/m);
  // The probes are one flow mapping per line, in order.
  const probeLines = before.split('\n').filter((l) => /^\s+- \{name: .*\bfrom: /.test(l));
  const index = probeLines.findIndex((l) => l.includes('to: ns1/b') && l.includes("path: '/app//'}"));
  expect(index).toBeGreaterThanOrEqual(0);
  const review = new ReviewPage(page);
  await review.openLink(reviewLink(after, before));
  const edge = page.locator(`[data-testid="probe-edge"][data-probe-index="${index}"]`);
  await expect(edge).toHaveAttribute('data-changed', 'true');
  await expect(edge).toHaveAttribute('data-status', '200');
  await expect(edge).toHaveAttribute('data-before-status', '200');
  await edge.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector.review')).toHaveAttribute('data-kind', 'other');
  await expect(page.getByTestId('inspector.review.upstream')).toContainText('path /app// → /app/');
  // The selected probe's group holds 16 probes: its full label lists a window of them and counts the rest.
  const active = page.locator('.edge-label.is-active');
  await expect(active).toContainText(':80 GET /app// → 200');
  await expect(active.getByTestId('probe-edge.label.more')).toContainText('9 more');
  await expect(review.before).toHaveAttribute('data-status', '200');
  await expect(review.after).toHaveAttribute('data-status', '200');
});
