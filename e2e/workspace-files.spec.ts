import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('export the workspace and the kubectl-ready resources, then import a workspace file', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.toolbar.examples.selectOption('mesh-strict');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');

  const [workspace] = await Promise.all([page.waitForEvent('download'), app.toolbarClick('toolbar.export')]);
  const text = readFileSync(await workspace.path(), 'utf8');
  expect(text).toContain('kind: Mesh');
  expect(text).toContain('kind: PeerAuthentication');
  expect(text).toContain('kind: Probes');

  const [resources] = await Promise.all([
    page.waitForEvent('download'),
    app.toolbarClick('toolbar.exportPolicies'),
  ]);
  const yaml = readFileSync(await resources.path(), 'utf8');
  expect(yaml).toContain('kind: PeerAuthentication');
  expect(yaml).not.toContain('playground/v1');

  // Back to the first example, then import the exported file: STRICT returns.
  await app.toolbar.examples.selectOption('authn-setup');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '200');
  await page
    .getByTestId('toolbar.importFile')
    .setInputFiles({ name: 'strict.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await expect(app.notice.message).toContainText('Imported strict.yaml');

  // A file that is not a workspace goes to the import dialog, which finds nothing usable in it and
  // replaces nothing.
  await page
    .getByTestId('toolbar.importFile')
    .setInputFiles({ name: 'x.yaml', mimeType: 'application/yaml', buffer: Buffer.from('hello: world\n') });
  await expect(page.getByTestId('import.summary')).toContainText('Nothing usable was found');
  await expect(page.getByTestId('import.confirm')).toBeDisabled();
  await page.getByTestId('import.cancel').click();
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
});

test('selecting a workload highlights the policies that apply and lists them for a jump', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await app.toolbar.examples.selectOption('allow-foo-only');
  // seeds/002-style ALLOW policy in bar: only callers from foo reach httpbin.bar.
  await expect(app.edge('legacy/sleep', 'bar/httpbin')).toHaveAttribute('data-verdict', 'denied');
  await expect(app.edge('legacy/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '403');
  await expect(app.edge('foo/sleep', 'bar/httpbin')).toHaveAttribute('data-status', '200');
  await editor.ready();
  await app.selectWorkload('bar/httpbin');
  await expect(editor.root).toHaveAttribute('data-policy-lines', /^1-\d+$/);
  const policy = page.getByTestId('inspector.workload.policy');
  await expect(policy).toHaveText('AuthorizationPolicy bar/allow-foo');
  await policy.click();
  await expect(editor.root).toHaveAttribute('data-highlight-lines', /^1-\d+$/);
  // A workload the policy does not select has none.
  await app.selectWorkload('foo/httpbin');
  await expect(editor.root).toHaveAttribute('data-policy-lines', '');
});

test('theme, canvas-only layout and renaming a workload', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.toolbarClick('toolbar.theme');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.toolbarClick('toolbar.canvasOnly');
  await expect(page.getByTestId('editor')).toHaveCount(0);
  await expect(app.edges).toHaveCount(9);
  await app.toolbarClick('toolbar.canvasOnly');

  await app.selectWorkload('foo/httpbin');
  const name = page.getByTestId('inspector.workload.name');
  await name.fill('web');
  await name.press('Enter');
  await expect(app.workload('foo/web')).toBeVisible();
  // The probes follow the rename.
  await expect(app.edge('legacy/sleep', 'foo/web')).toHaveAttribute('data-status', '200');
  await expect(app.edges).toHaveCount(9);
});

test('moving a namespace on the canvas persists in the layout across a reload', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  // Grabbed by its title's words (the collapse button sits at the title's start).
  const label = app.namespace('legacy').locator('.ns-node__kind');
  const offset = async () => {
    const [a, b] = await Promise.all([
      app.namespace('foo').boundingBox(),
      app.namespace('legacy').boundingBox(),
    ]);
    if (!a || !b) throw new Error('no boxes');
    return (b.y - a.y) / a.height;
  };
  const before = await offset();
  const box = await label.boundingBox();
  if (!box) throw new Error('no label');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 120, { steps: 10 });
  await page.mouse.up();
  const moved = await offset();
  expect(moved).toBeGreaterThan(before + 0.2);
  await page.waitForTimeout(800); // autosave
  await page.reload();
  await expect(app.edges.first()).toHaveAttribute('data-status', /\S/);
  await app.layoutSettled();
  expect(Math.abs((await offset()) - moved)).toBeLessThan(0.05);
});
