import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

// seeds/002, "Globally enabling Istio mutual TLS in STRICT mode": with the mesh-wide STRICT policy,
// "requests from sleep.legacy to httpbin.foo and httpbin.bar ... fail (000 / exit code 56)", and
// every other request still succeeds with 200.
const MESH_STRICT = [
  'apiVersion: security.istio.io/v1',
  'kind: PeerAuthentication',
  'metadata: {name: default, namespace: istio-system}',
  'spec: {mtls: {mode: STRICT}}',
];

test('typing the mesh-wide STRICT PeerAuthentication turns legacy → foo/bar into mTLS failures', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await editor.focusEnd();
  await editor.typeLines(MESH_STRICT);

  for (const to of ['foo', 'bar']) {
    const edge = app.edge('legacy/sleep', `${to}/httpbin`, 8000);
    await expect(edge).toHaveAttribute('data-verdict', 'mtls-failure');
    await expect(edge).toHaveAttribute('data-status', '000');
    await expect(edge).toHaveAttribute('aria-label', /mutual TLS failure/);
  }
  const table = await app.edgeTable();
  for (const [pair, result] of Object.entries(table)) {
    if (pair === 'legacy/sleep → foo/httpbin' || pair === 'legacy/sleep → bar/httpbin') continue;
    expect(result, pair).toEqual({ status: '200', verdict: 'allowed' });
  }
  // The workloads show the effective mode and where it came from.
  await expect(app.workload('foo/httpbin')).toHaveAttribute('data-workload', 'foo/httpbin');
  await expect(app.workload('foo/httpbin').locator('[data-mode]')).toHaveAttribute('data-mode', 'STRICT');
  await expect(app.workload('foo/httpbin').locator('[data-mode]')).toHaveAttribute(
    'data-mode-origin',
    'mesh',
  );
  await expect(app.workload('foo/httpbin')).toContainText('from mesh');
});

test('a trace step reveals and highlights the deciding policy lines', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await app.open();
  await editor.focusEnd();
  await editor.typeLines(MESH_STRICT);
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-verdict', 'mtls-failure');

  await app.selectEdge('legacy/sleep', 'foo/httpbin');
  await expect(app.inspector.verdict).toHaveAttribute('data-verdict', 'mtls-failure');
  await expect(app.inspector.verdict).toContainText('000');
  const step = app.inspector.traceSteps.filter({ hasText: 'PeerAuthentication' }).first();
  await expect(step).toBeVisible();
  await step.click();
  // The highlighted lines lie inside the PeerAuthentication (editor lines 1–4) and are drawn.
  await expect(editor.root).toHaveAttribute('data-highlight-lines', /^[1-4]-[1-4]$/);
  await expect(editor.highlighted.first()).toBeVisible();
});
