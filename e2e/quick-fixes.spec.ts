/**
 * Quick fixes (docs/lints.md): a lint's marker offers its fix in the light bulb menu and on Ctrl+.;
 * choosing it edits the policies once, the lint goes, and one Ctrl+Z brings it back.
 */
import { expect, test, type Page } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

const problem = (page: Page, code: string) =>
  page.getByTestId('diagnostics').locator(`[data-code="${code}"]`);

/** Opens the playground and types an AuthorizationPolicy for httpbin in foo at the end of the policies. */
async function withPolicy(page: Page, name: string, rules: string): Promise<EditorPage> {
  const editor = new EditorPage(page);
  await new PlaygroundPage(page).open();
  await editor.focusEnd();
  await editor.typeLines([
    'apiVersion: security.istio.io/v1',
    'kind: AuthorizationPolicy',
    `metadata: {name: ${name}, namespace: foo}`,
    'spec:',
    '  selector: {matchLabels: {app: httpbin}}',
    `  rules: ${rules}`,
  ]);
  return editor;
}

test('Ctrl+. on a lower-case method offers "Write GET"; applying it clears the lint, Ctrl+Z restores it', async ({
  page,
}) => {
  const editor = await withPolicy(page, 'read', '[{to: [{operation: {methods: [get]}}]}]');
  await expect(problem(page, 'lint.method-case')).toHaveCount(1);
  // Into the marked word: the line ends with `get]}}]}]`.
  await page.keyboard.press('End');
  for (let i = 0; i < 7; i += 1) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ControlOrMeta+.');
  const menu = page.locator('.action-widget');
  await expect(menu.getByText('Write GET')).toBeVisible();
  // The menu is keyboard-driven (a pointer block covers it until the mouse moves): Enter takes the focused fix.
  await page.keyboard.press('Enter');
  await expect.poll(() => editor.text()).toMatch(/methods:\s+\[GET\]/);
  await expect(problem(page, 'lint.method-case')).toHaveCount(0);

  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => editor.text()).toMatch(/methods:\s+\[get\]/);
  await expect(problem(page, 'lint.method-case')).toHaveCount(1);
});

test('the light bulb on a principal rule under PERMISSIVE adds a STRICT PeerAuthentication; Ctrl+Z removes it', async ({
  page,
}) => {
  const editor = await withPolicy(
    page,
    'from-sleep',
    '[{from: [{source: {principals: [cluster.local/ns/foo/sa/sleep]}}]}]',
  );
  await expect(problem(page, 'lint.allow-identity-plaintext')).toHaveCount(1);
  await page.keyboard.press('End');
  for (let i = 0; i < 8; i += 1) await page.keyboard.press('ArrowLeft');
  const bulb = editor.root.locator('.lightBulbWidget');
  await expect(bulb).toBeVisible();
  await bulb.click();
  const menu = page.locator('.action-widget');
  await expect(menu.getByText('Add a STRICT PeerAuthentication for workload foo/httpbin')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(menu.locator('.focused')).toContainText('Add a STRICT PeerAuthentication for namespace foo');
  await page.keyboard.press('Enter');
  await expect.poll(() => editor.text()).toContain('kind: PeerAuthentication');
  await expect(problem(page, 'lint.allow-identity-plaintext')).toHaveCount(0);
  // STRICT in foo: plaintext from legacy/sleep is refused now.
  await expect(new PlaygroundPage(page).edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute(
    'data-verdict',
    'mtls-failure',
  );

  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => editor.text()).not.toContain('kind: PeerAuthentication');
  await expect(problem(page, 'lint.allow-identity-plaintext')).toHaveCount(1);
});
