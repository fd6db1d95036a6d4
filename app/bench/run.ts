/**
 * App figures for `pnpm bench` (run after `vite build`), one line each: `bench <name> <value> <unit>`.
 *  - app.entry.gzipKB: JavaScript needed before first paint (index.html's module script and its
 *    modulepreloads; Monaco is lazily loaded and excluded by construction). Goal ≤ 250.
 *  - app.firstVerdict.ms: navigation to the first coloured edge, built app served locally, a fresh
 *    browser context (cold cache) in headless Chromium; median of 5. Goal ≤ 1,500.
 *  - app.keystroke.p95ms: a keystroke in the editor to the recoloured edges on a 100-workload,
 *    100-policy, 300-probe workspace. Each keystroke flips a DENY rule's path, so edges change;
 *    the time is from the key event to the edges' attribute change (MutationObserver). Goal ≤ 50.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { generateWorkspace } from '../../packages/evaluator/bench/generate';

const root = join(import.meta.dirname, '../..');
const dist = join(root, 'dist');
const PORT = 4179;
const URL_BASE = `http://localhost:${PORT}/`;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
};

function entryGzipKB(): number {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+)"/g)].map((m) => m[1] ?? '');
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0);
  return bytes / 1024;
}

function shareLink(text: string): string {
  return `${URL_BASE}#w=1.${deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url')}`;
}

/** Records when the first edge carrying a verdict appears, relative to navigation start. */
const FIRST_VERDICT_OBSERVER = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="probe-edge"][data-verdict]')) {
      window.__firstVerdict = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

async function firstVerdictMs(): Promise<number> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(FIRST_VERDICT_OBSERVER);
    await page.goto(URL_BASE);
    await page.waitForFunction(() => (window as unknown as { __firstVerdict?: number }).__firstVerdict !== undefined, null, { timeout: 30_000 });
    times.push(await page.evaluate(() => (window as unknown as { __firstVerdict: number }).__firstVerdict));
    await context.close();
  }
  await browser.close();
  return percentile(times, 50);
}

const BENCH_POLICY = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: bench-toggle, namespace: istio-system}
spec:
  action: DENY
  rules:
  - to:
    - operation:
        paths: ["/bench"]
`;

async function waitForEdgeChange(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const start = (window as unknown as { __keyAt: number }).__keyAt;
        const observer = new MutationObserver((records) => {
          if (records.some((r) => r.attributeName === 'data-verdict' || r.attributeName === 'data-status')) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-verdict', 'data-status'] });
        setTimeout(() => reject(new Error('edges did not change within 10 s')), 10_000);
      }),
  );
}

async function keystrokeP95(): Promise<number> {
  const generated = generateWorkspace({ workloads: 100, namespaces: 10, policies: 100, probes: 300 });
  // Probes aim at /bench so the DENY above flips them; it goes first among the policies.
  const text = generated.text
    .replace(/request: \{path: \/api\/v\d\/items/g, 'request: {path: /bench')
    .replace(/\n---\napiVersion: security\.istio\.io\/v1\nkind: AuthorizationPolicy/, `\n---\n${BENCH_POLICY}---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(shareLink(text));
  await page.waitForSelector('[data-testid="probe-edge"][data-verdict]', { timeout: 30_000 });
  const editor = page.locator('.monaco-editor').first();
  await editor.waitFor({ timeout: 30_000 });
  await editor.click();
  // The policies start with the bench policy: go to its `paths` line, inside the quotes after /bench.
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(500);
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const key = i % 2 === 0 ? 'a' : 'Backspace';
    const changed = waitForEdgeChange(page);
    await page.evaluate(() => ((window as unknown as { __keyAt: number }).__keyAt = performance.now()));
    await page.keyboard.press(key);
    samples.push(await changed);
    await page.waitForTimeout(50);
  }
  await browser.close();
  return percentile(samples.slice(4), 95);
}

const server = spawn(join(root, 'node_modules/.bin/vite'), ['preview', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore' });
try {
  console.log(`bench app.entry.gzipKB ${entryGzipKB().toFixed(1)} KB`);
  for (let i = 0; i < 50; i++) {
    if (await fetch(URL_BASE).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(`bench app.firstVerdict.ms ${Math.round(await firstVerdictMs())} ms`);
  console.log(`bench app.keystroke.p95ms ${(await keystrokeP95()).toFixed(1)} ms`);
} finally {
  server.kill();
}
