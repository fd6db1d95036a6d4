/**
 * Importing what kubectl prints (issue 10): files dropped onto the page, pasted or chosen are read
 * in the page, summarised, and replace the workspace only when confirmed, the previous one one click
 * away. The fixtures are kubectl dumps built from Istio's sample manifests (the evaluator's import
 * tests); the expected verdicts are the authentication task's setup table: every call succeeds.
 */
import { expect, test } from '@playwright/test';
import { ImportPage, importFixture } from './pages/ImportPage';
import { PlaygroundPage } from './pages/PlaygroundPage';

const AUTHN_CLUSTER = importFixture('authn-cluster.yaml');

test('a kubectl dump dropped onto the canvas is summarised, then replaces the workspace when confirmed', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const importer = new ImportPage(page);
  await app.open();
  const before = await app.edges.count();

  await importer.drop([{ name: 'cluster.yaml', text: AUTHN_CLUSTER }]);
  await expect(importer.dialog).toBeVisible();
  await expect(importer.summary).toHaveAttribute('data-kind', 'kubernetes');
  // The task's setup: httpbin and sleep in foo, bar and legacy.
  await expect(importer.summary).toHaveAttribute('data-workloads', '6');
  await expect(importer.page.getByTestId('import.summary.read')).toContainText('6 Deployment');
  await expect(importer.page.getByTestId('import.summary.skipped')).toContainText('ServiceAccount');
  // Nothing is replaced before the user confirms.
  expect(await app.edges.count()).toBe(before);

  await importer.confirm.click();
  await expect(importer.dialog).toBeHidden();
  await expect(app.notice.message).toContainText('Imported cluster.yaml');
  await expect(app.notice.restore).toBeVisible();
  for (const ns of ['foo', 'bar', 'legacy']) await expect(app.workload(`${ns}/httpbin`)).toBeVisible();
  await app.layoutSettled();
  // "All requests should succeed with HTTP code 200" (the task's setup table).
  for (const from of ['foo', 'bar', 'legacy'])
    for (const to of ['foo', 'bar', 'legacy'])
      await expect(app.edge(`${from}/sleep`, `${to}/httpbin`, 8000)).toHaveAttribute('data-status', '200');
  // Sidecars as the namespaces' istio-injection labels say: foo and bar injected, legacy not.
  await app.selectWorkload('legacy/sleep');
  await expect(app.inspector.sidecar).not.toBeChecked();
  await app.selectWorkload('foo/sleep');
  await expect(app.inspector.sidecar).toBeChecked();

  // The previous workspace is one click away.
  await app.notice.restore.click();
  await expect(app.edges).toHaveCount(before);
});

test('pasted manifests: secrets are dropped with a warning, and the probes option is honoured', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const importer = new ImportPage(page);
  await app.open();
  await importer.open();
  const manifest = [
    'apiVersion: v1',
    'kind: Namespace',
    'metadata: {name: shop, labels: {istio-injection: enabled}}',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: web, namespace: shop}',
    'spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}',
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata: {name: db-password, namespace: shop}',
    'data: {password: c3VwZXJzZWNyZXQ=}',
  ].join('\n');
  await importer.pasteText(manifest);
  await expect(importer.summary).toHaveAttribute('data-workloads', '1');
  await expect(page.getByTestId('import.summary.warnings')).toContainText(/secret/i);
  await page.getByTestId('import.probes').selectOption('none');
  await expect(importer.summary).toHaveAttribute('data-probes', '0');
  await importer.confirm.click();
  await expect(app.workload('shop/web')).toBeVisible();
  await expect(app.edges).toHaveCount(0);
  // The secret's value is nowhere: not in the workspace, not in the saved copy.
  const saved = await page.evaluate(() => JSON.stringify(localStorage));
  expect(saved).not.toContain('c3VwZXJzZWNyZXQ');
});

test('input that cannot be used says where and why, and the workspace stays', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const importer = new ImportPage(page);
  await app.open();
  const before = await app.edges.count();
  await importer.open();

  await importer.pasteText(
    'apiVersion: v1\nkind: List\nitems:\n- kind: Deployment\n  metadata: {name: [oops\n',
  );
  await expect(page.getByTestId('import.summary.errors')).toContainText(/pasted text:\d+:\d+: /);
  await expect(importer.confirm).toBeDisabled();

  await importer.pasteText(
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: default}\n',
  );
  await expect(importer.summary).toContainText('Nothing usable was found');
  await expect(importer.confirm).toBeDisabled();

  await page.getByTestId('import.cancel').click();
  await expect(importer.dialog).toBeHidden();
  await expect(app.edges).toHaveCount(before);
});

test('a kubectl dump chosen with the file input goes through the summary; a workspace file opens at once', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const importer = new ImportPage(page);
  await app.open();
  await page
    .getByTestId('toolbar.importFile')
    .setInputFiles({ name: 'dump.yaml', mimeType: 'application/yaml', buffer: Buffer.from(AUTHN_CLUSTER) });
  await expect(importer.summary).toHaveAttribute('data-workloads', '6');
  await importer.confirm.click();
  await expect(app.notice.message).toContainText('Imported dump.yaml');
  await expect(app.workload('legacy/sleep')).toBeVisible();
});
