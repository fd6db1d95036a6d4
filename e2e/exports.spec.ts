/**
 * The Export menu: each item is a real download. The PNG decodes to the canvas's size × 2 on the
 * theme's background, the SVG parses and carries the legend clear of the nodes, the verification
 * script passes `bash -n`; nothing leaves the page's origin meanwhile.
 */
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { ExportsPage, overlaps, PNG_PIXEL_RATIO } from './pages/ExportsPage';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { golden, goldenProbes, reviewLink, ReviewPage } from './pages/ReviewPage';

test('the canvas as a PNG: the canvas size × 2, on the theme background, without the legend left behind', async ({
  page,
  baseURL,
}) => {
  const app = new PlaygroundPage(page);
  const exports = new ExportsPage(page);
  const outside = exports.watchOrigin(baseURL);
  await app.open();
  await app.toolbarClick('toolbar.theme');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  const png = await exports.download('toolbar.exportPng');
  expect(png.name).toBe('authn-demo.png');
  expect(png.bytes.length).toBeGreaterThan(1000);
  const canvas = await exports.canvasSize();
  const header = ExportsPage.pngHeader(png.bytes);
  expect(header).toEqual({
    signature: true,
    width: canvas.width * PNG_PIXEL_RATIO,
    height: canvas.height * PNG_PIXEL_RATIO,
  });
  // It decodes, and its corner is the dark canvas's colour (not transparent, not white).
  const background = await page
    .locator('.react-flow')
    .evaluate((el) => getComputedStyle(el).backgroundColor.match(/\d+/g)?.slice(0, 3).join(','));
  // Pixels along the bottom edge, clear of the drawing: most are the background (a grid dot may
  // fall on one).
  const bottom = header.height - 3;
  const points = [0.1, 0.3, 0.5, 0.7, 0.9].map((k) => ({ x: Math.round(header.width * k), y: bottom }));
  const decoded = await exports.decodePng(png.bytes, points);
  expect(decoded.width).toBe(header.width);
  expect(decoded.height).toBe(header.height);
  expect(decoded.pixels.filter((p) => p === background).length).toBeGreaterThanOrEqual(3);
  // The legend is drawn into the canvas only while the image is taken.
  await expect(page.getByTestId('export-legend')).toHaveCount(0);
  await expect(app.edges).toHaveCount(9);
  expect(outside).toEqual([]);
});

test('the canvas as an SVG: it parses, and its legend covers no workload or label and names the outcomes shown', async ({
  page,
  baseURL,
}) => {
  const app = new PlaygroundPage(page);
  const exports = new ExportsPage(page);
  const outside = exports.watchOrigin(baseURL);
  // The smallest supported window: the least room for the legend.
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open();
  await app.toolbar.examples.selectOption('mesh-strict');
  await expect(app.edge('legacy/sleep', 'foo/httpbin')).toHaveAttribute('data-status', '000');
  await app.layoutSettled();

  const svg = await exports.download('toolbar.exportSvg');
  expect(svg.name).toMatch(/\.svg$/);
  const text = svg.bytes.toString('utf8');
  expect(text.length).toBeGreaterThan(1000);
  // Self-contained: no script, nothing to fetch.
  expect(text).not.toMatch(/<script|url\(\s*['"]?(https?:|\/\/|\/)/i);

  const parsed = await exports.inspectSvg(text);
  const canvas = await exports.canvasSize();
  expect(parsed).toMatchObject({ rootName: 'svg', errors: 0, width: canvas.width, height: canvas.height });
  expect(parsed.controls).toBe(0);
  expect(parsed.nodes.length).toBeGreaterThan(5);
  expect(parsed.texts).toContain('000');
  const legend = parsed.legend;
  expect(legend).not.toBeNull();
  if (!legend) return;
  // Inside the image, clear of every workload and label.
  expect(legend.x).toBeGreaterThanOrEqual(0);
  expect(legend.y).toBeGreaterThanOrEqual(0);
  expect(legend.x + legend.width).toBeLessThanOrEqual(canvas.width);
  expect(legend.y + legend.height).toBeLessThanOrEqual(canvas.height);
  expect(parsed.nodes.filter((n) => overlaps(n, legend))).toEqual([]);
  expect(text).toContain('mutual TLS failure');
  expect(outside).toEqual([]);
});

test('the verification script: named after the workspace, one check per probe, and it passes bash -n', async ({
  page,
  baseURL,
}) => {
  const app = new PlaygroundPage(page);
  const exports = new ExportsPage(page);
  const outside = exports.watchOrigin(baseURL);
  await app.open();
  const script = await exports.download('toolbar.exportScript');
  expect(script.name).toBe('authn-demo-verify.sh');
  const text = script.bytes.toString('utf8');
  expect(text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
  expect(text).toContain('kubectl exec');
  expect(text.match(/^check /gm)).toHaveLength(9);
  // Throws (failing the test) with bash's message if the syntax is wrong.
  execFileSync('bash', ['-n', script.path], { stdio: 'pipe' });
  expect(outside).toEqual([]);
});

test('the Markdown report of a review: a row per changed connection, the policy diff and a link that reopens the review', async ({
  page,
  browser,
  baseURL,
}) => {
  // Two consecutive steps of Istio's authentication task; its page prints both tables (the golden
  // files' `expect:`): PERMISSIVE → mesh-wide STRICT turns legacy → foo and legacy → bar from 200 to 000.
  const before = golden('authn-setup');
  const after = golden('authn-mesh-strict');
  const was = new Map(goldenProbes(before).map((p) => [p.name, p.expect]));
  const changed = goldenProbes(after).filter((p) => was.has(p.name) && was.get(p.name) !== p.expect);
  expect(changed).toHaveLength(2);

  const review = new ReviewPage(page);
  const exports = new ExportsPage(page);
  const outside = exports.watchOrigin(baseURL);
  await review.openLink(reviewLink(after, before));
  const report = await exports.download('toolbar.exportMarkdown');
  expect(report.name).toMatch(/-review\.md$/);
  const text = report.bytes.toString('utf8');
  expect(text).toMatch(/^## /);
  expect(text).toContain('2 connections changed: 2 newly denied, 0 newly allowed, 0 other');
  const rows = text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));
  for (const p of changed) {
    const row = rows.find((r) => r.includes(`${p.from} → ${p.to}`));
    expect(row, `a row for ${p.name}`).toBeDefined();
    // Both statuses, in the Before and After columns, and the policy that decided it.
    const cells = row!.split(' | ');
    expect(cells[1]).toMatch(new RegExp(`^${was.get(p.name)} `));
    expect(cells[2]).toMatch(new RegExp(`^${p.expect} `));
    expect(cells[3]).toContain('PeerAuthentication istio-system/default');
  }
  expect(text).toMatch(/```diff\n[^]*\+kind: PeerAuthentication[^]*\n```/);

  // The link at its end reopens the same review in a fresh browser.
  const link = /<(http[^>]+)>/.exec(text)?.[1] ?? '';
  expect(link.startsWith(`${baseURL}/#w=`)).toBe(true);
  expect(link).toContain('&b=');
  const context = await browser.newContext();
  const fresh = new ReviewPage(await context.newPage());
  await fresh.openLink(link.slice(baseURL!.length));
  await fresh.expectCounts(2, 0, 2);
  await context.close();
  expect(outside).toEqual([]);
});

test('without a change under review, the Markdown report lists every outcome', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const exports = new ExportsPage(page);
  await app.open();
  const text = (await exports.download('toolbar.exportMarkdown')).bytes.toString('utf8');
  const rows = text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));
  // A header row, then one row per probe on the canvas.
  expect(rows.length - 1).toBe(await app.edges.count());
  expect(text).not.toContain('```diff');
});

test('names from the workspace cannot escape: safe file names, no markup in the SVG, a script that parses', async ({
  page,
  baseURL,
}) => {
  const app = new PlaygroundPage(page);
  const exports = new ExportsPage(page);
  const outside = exports.watchOrigin(baseURL);
  await app.open();
  const hostile = `x'"; $(touch /tmp/pwned) \`id\` <script>alert(1)</script>`;
  const workspace = (await exports.download('toolbar.export')).bytes
    .toString('utf8')
    .replace('name: authn-demo', `name: ${JSON.stringify(`../${hostile}`)}`)
    .replace(/title: .*/, `title: ${JSON.stringify(hostile)}`)
    .replace('name: sleep.foo to httpbin.foo', `name: ${JSON.stringify(hostile)}`);
  await page
    .getByTestId('toolbar.importFile')
    .setInputFiles({ name: 'hostile.yaml', mimeType: 'application/yaml', buffer: Buffer.from(workspace) });
  await expect(app.notice.message).toContainText('Imported hostile.yaml');
  await expect(app.edges).toHaveCount(9);
  await app.layoutSettled();

  const svg = await exports.download('toolbar.exportSvg');
  expect(svg.name).toMatch(/^[\w.-]+\.svg$/);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      scripts: doc.getElementsByTagName('script').length,
      title: doc.querySelector('[data-testid="export-legend"] h2')?.textContent,
    };
  }, svg.bytes.toString('utf8'));
  expect(parsed).toEqual({ errors: 0, scripts: 0, title: hostile });

  const png = await exports.download('toolbar.exportPng');
  expect(png.name).toMatch(/^[\w.-]+\.png$/);

  const script = await exports.download('toolbar.exportScript');
  expect(script.name).toMatch(/^[\w.-]+-verify\.sh$/);
  execFileSync('bash', ['-n', script.path], { stdio: 'pipe' });

  // The Markdown report: no markup and no extra table row from the names.
  const report = await exports.download('toolbar.exportMarkdown');
  expect(report.name).toMatch(/^[\w.-]+-review\.md$/);
  const markdown = report.bytes.toString('utf8');
  expect(markdown).not.toContain('<script>');
  expect(markdown).toContain('&lt;script&gt;');
  const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));
  expect(rows).toHaveLength(1 + 9);
  expect(outside).toEqual([]);
});
