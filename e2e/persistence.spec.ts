import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('reload restores the workspace, including policies typed in the editor and canvas changes', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await editor.focusEnd();
  await editor.typeLines([
    'apiVersion: security.istio.io/v1',
    'kind: PeerAuthentication',
    'metadata: {name: default, namespace: foo}',
    'spec: {mtls: {mode: STRICT}}',
  ]);
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await app.selectWorkload('legacy/sleep');
  await app.inspector.sidecar.check();
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '200');
  await page.waitForTimeout(800); // autosave runs shortly after the last change

  await page.reload();
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '200');
  await expect(app.workload('legacy/sleep').locator('[data-proxy]')).toHaveAttribute('data-proxy', 'sidecar');
  await editor.ready();
  await expect.poll(() => editor.text()).toContain('namespace: foo');
  await expect(app.workload('foo/httpbin').locator('[data-mode]')).toHaveAttribute(
    'data-mode-origin',
    'namespace',
  );
});
