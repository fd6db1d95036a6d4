/**
 * Pins: "Expect this outcome" saves a probe's outcome in the Probes document (undoable, exported
 * with the workspace); a policy that breaks it flags the edge and is counted in the toolbar.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { LessonPage } from './pages/LessonPage';
import { PinsPage } from './pages/PinsPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

const DENY_ALL_IN_FOO = [
  '---',
  'apiVersion: security.istio.io/v1',
  'kind: AuthorizationPolicy',
  'metadata: {name: deny-all, namespace: foo}',
  'spec: {}',
];

test('pin an outcome from the inspector, break it by typing a policy, then undo the pin', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  const pins = new PinsPage(page);
  await app.open();
  const edge = app.edge('foo/sleep', 'foo/httpbin');
  await expect(edge).toHaveAttribute('data-status', '200');
  await expect(edge).toHaveAttribute('data-pass', '');
  await expect(edge).toHaveAttribute('data-expect', '');

  await app.selectEdge('foo/sleep', 'foo/httpbin');
  await expect(pins.expectation).toHaveAttribute('data-state', 'none');
  await expect(pins.pin).toHaveText('Expect this outcome');
  await pins.pin.click();

  // Saved in the probe, and it holds.
  await expect(edge).toHaveAttribute('data-expect', '200');
  await expect(edge).toHaveAttribute('data-expect-mtls', 'true');
  await expect(edge).toHaveAttribute('data-pass', 'true');
  await expect(pins.expectation).toHaveAttribute('data-state', 'pinned');
  await expect(pins.pin).toHaveText('Expected ✓');
  await expect(pins.pin).toBeDisabled();
  await expect(pins.broken).toHaveCount(0);
  // The other probes are untouched.
  await expect(app.edge('bar/sleep', 'foo/httpbin')).toHaveAttribute('data-expect', '');

  // The Probes document (as exported) holds it on that probe.
  const [file] = await Promise.all([page.waitForEvent('download'), app.toolbarClick('toolbar.export')]);
  const text = readFileSync(await file.path(), 'utf8');
  const probes = text.slice(text.indexOf('kind: Probes'));
  const items = probes.split(/\n\s*- /).slice(1);
  const pinned = items.filter((item) => /expect:/.test(item));
  expect(pinned).toHaveLength(1);
  expect(pinned[0]).toMatch(/^from: foo\/sleep\s+to: foo\/httpbin\s/);
  expect(pinned[0]).toContain('expect: "200"');
  expect(pinned[0]).toContain('expectMtls: true');

  // A policy that denies everything in foo breaks it.
  await editor.focusEnd();
  await editor.typeLines(DENY_ALL_IN_FOO);
  await expect(edge).toHaveAttribute('data-status', '403');
  await expect(edge).toHaveAttribute('data-pass', 'false');
  await expect(edge).toHaveAttribute('data-expect', '200');
  await expect(pins.broken).toContainText('1 expectation broken');
  await expect(pins.broken).toHaveAttribute('data-count', '1');
  // On the canvas, not by colour alone: the label says what was expected.
  await expect(pins.label('foo/sleep', 'foo/httpbin')).toContainText('403 ≠ 200');
  await expect(pins.label('foo/sleep', 'foo/httpbin')).toHaveClass(/is-broken/);

  // The toolbar count selects the broken probe; the inspector says what broke.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(app.inspector.probe).toHaveCount(0);
  await pins.broken.click();
  await expect(app.inspector.probe).toHaveAttribute('data-probe-index', '0');
  await expect(pins.expectation).toHaveAttribute('data-state', 'broken');
  await expect(pins.expectation).toContainText('Expected 200 over mTLS, now 403 over mTLS');
  await expect(pins.pin).toHaveText('Expect this outcome instead');

  // Undo takes the pin back (the policy text has its own undo, in the editor).
  await app.toolbar.undo.click();
  await expect(edge).toHaveAttribute('data-expect', '');
  await expect(edge).toHaveAttribute('data-pass', '');
  await expect(pins.broken).toHaveCount(0);
  await expect(pins.expectation).toHaveAttribute('data-state', 'none');
  await expect(pins.label('foo/sleep', 'foo/httpbin')).not.toContainText('≠');

  // Redo brings it back, broken; "Remove expectation" clears it again.
  await page.getByTestId('toolbar.redo').click();
  await expect(pins.broken).toHaveAttribute('data-count', '1');
  await pins.unpin.click();
  await expect(pins.broken).toHaveCount(0);
  await expect(edge).toHaveAttribute('data-pass', '');
});

test('an expectation that never connected pins the status alone', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const pins = new PinsPage(page);
  await app.open();
  await app.toolbar.examples.selectOption('mesh-strict');
  const edge = app.edge('legacy/sleep', 'foo/httpbin');
  await expect(edge).toHaveAttribute('data-status', '000');
  await app.selectEdge('legacy/sleep', 'foo/httpbin');
  await pins.pin.click();
  await expect(edge).toHaveAttribute('data-expect', '000');
  await expect(edge).toHaveAttribute('data-expect-mtls', '');
  await expect(edge).toHaveAttribute('data-pass', 'true');
  await expect(pins.expectation).toContainText('Expected 000: it holds.');
});

test('at 1280×720 a broken expectation keeps the toolbar on one row and its words whole', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  const pins = new PinsPage(page);
  await app.open();
  await app.selectEdge('foo/sleep', 'foo/httpbin');
  await pins.pin.click();
  await expect(pins.expectation).toHaveAttribute('data-state', 'pinned');
  // "Expected ✓" and "Remove expectation" share one row in the narrowest inspector.
  const [pinBox, unpinBox] = [await pins.pin.boundingBox(), await pins.unpin.boundingBox()];
  expect(
    pinBox && unpinBox && Math.abs(pinBox.y + pinBox.height / 2 - (unpinBox.y + unpinBox.height / 2)),
  ).toBeLessThan(4);
  await editor.focusEnd();
  await editor.typeLines(DENY_ALL_IN_FOO);
  await expect(pins.broken).toHaveAttribute('data-count', '1');
  await pins.broken.click();
  await expect(pins.expectation).toHaveAttribute('data-state', 'broken');

  const toolbar = await page.getByRole('toolbar').boundingBox();
  expect(toolbar?.height).toBeLessThanOrEqual(56);
  const badge = await pins.broken.boundingBox();
  expect(badge).not.toBeNull();
  if (!badge || !toolbar) return;
  expect(badge.x + badge.width).toBeLessThanOrEqual(1280);
  expect(badge.y + badge.height).toBeLessThanOrEqual(toolbar.y + toolbar.height);
  // Its words are not cut (no ellipsis, no overflow).
  expect(await pins.broken.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // The inspector's pin controls sit inside the inspector, none cut off on the right.
  const inspector = await page.getByTestId('inspector').boundingBox();
  for (const control of [pins.pin, pins.unpin, pins.expectation]) {
    const box = await control.boundingBox();
    expect(box && inspector && box.x + box.width <= inspector.x + inspector.width).toBe(true);
  }
  // The broken edge's label shows its mark whole, inside the canvas.
  const label = await pins.label('foo/sleep', 'foo/httpbin').boundingBox();
  const canvas = await page.getByTestId('canvas').boundingBox();
  expect(label && canvas && label.x >= canvas.x && label.x + label.width <= canvas.x + canvas.width).toBe(
    true,
  );
});

test("a lesson step's expectations show as broken until its policies are applied, each with its label", async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const lesson = new LessonPage(page);
  const pins = new PinsPage(page);
  await page.goto('/#lesson=mtls-strict&step=2');
  await lesson.expectAt('mtls-strict', 2);
  await expect(app.edges.first()).toHaveAttribute('data-status', /\S/);
  await app.layoutSettled();
  await expect(pins.broken).toHaveAttribute('data-count', '2');
  // Every broken probe's label is drawn (placed before the others), with its mark.
  const broken = await page
    .locator('[data-testid="probe-edge"][data-pass="false"]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-from'), e.getAttribute('data-to')]));
  expect(broken).toHaveLength(2);
  for (const [from, to] of broken) {
    const label = pins.label(from ?? '', to ?? '');
    await expect(label).toBeVisible();
    await expect(label).toContainText('≠ 000');
  }
  await lesson.apply();
  await expect(pins.broken).toHaveCount(0);
  await expect(page.locator('[data-testid="probe-edge"][data-pass="false"]')).toHaveCount(0);
});
