/**
 * App benchmarks (issue 3), printed as `bench <name> <value> <unit>`:
 *  - app.entry.gzipKB      JavaScript needed before first paint (entry + modulepreloads; Monaco excluded)
 *  - app.firstVerdict.ms   navigation → first coloured edge, built app served locally, cold cache
 *  - app.keystroke.p95ms   a keystroke in the editor → the recoloured edge, on a 100-workload,
 *                          100-policy, 300-probe workspace
 * Run after `vite build`: `./node_modules/.bin/tsx e2e/bench/app-bench.ts` (PROFILE=1 adds the main
 * thread's CPU profile of the keystroke loop, top self times, on stderr).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../chromium';

const PORT = 4183;
const BASE = `http://localhost:${PORT}`;
const DIST = 'dist';

function entryGzipKB(): number {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g),
  ].map((m) => m[1] ?? '');
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, f))).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}

/** 10 namespaces × 10 workloads, a STRICT PeerAuthentication for ns0 plus 99 AuthorizationPolicies, 300 probes. */
function bigWorkspace(): string {
  const workloads: string[] = [];
  for (let n = 0; n < 10; n++) {
    for (let w = 0; w < 10; w++) {
      const sidecar = n === 9 ? ', sidecar: false' : '';
      workloads.push(
        `    - {name: w${w}, namespace: ns${n}${sidecar}, labels: {app: w${w}}, serviceAccount: sa${w}, ports: [{name: http, port: 8000, targetPort: 8080}]}`,
      );
    }
  }
  const policies = [
    'apiVersion: security.istio.io/v1',
    'kind: PeerAuthentication',
    'metadata: {name: default, namespace: ns0}',
    'spec: {mtls: {mode: STRICT}}',
  ];
  for (let i = 0; i < 99; i++) {
    const ns = 1 + (i % 8);
    policies.push(
      '---',
      'apiVersion: security.istio.io/v1',
      'kind: AuthorizationPolicy',
      `metadata: {name: allow-${i}, namespace: ns${ns}}`,
    );
    policies.push(
      `spec: {selector: {matchLabels: {app: w${i % 10}}}, action: ALLOW, rules: [{from: [{source: {namespaces: [ns${(ns + 1) % 10}, ns0]}}], to: [{operation: {methods: [GET], paths: ["/ip", "/headers"]}}]}]}`,
    );
  }
  const probes: string[] = ['    - {from: ns9/w0, to: ns0/w0, port: 8000, request: {path: /ip}}'];
  for (let i = 1; i < 300; i++)
    probes.push(
      `    - {from: ns${i % 10}/w${(i * 7) % 10}, to: ns${(i * 3) % 10}/w${i % 10}, port: 8000, request: {path: /ip}}`,
    );
  return `apiVersion: playground/v1\nkind: Mesh\nmetadata: {name: bench}\nspec:\n  namespaces: [${Array.from({ length: 10 }, (_, n) => `{name: ns${n}}`).join(', ')}]\n  workloads:\n${workloads.join('\n')}\n---\n${policies.join('\n')}\n---\napiVersion: playground/v1\nkind: Probes\nspec:\n  probes:\n${probes.join('\n')}\n`;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('vite preview did not start');
}

async function main(): Promise<void> {
  console.log(`bench app.entry.gzipKB ${entryGzipKB()} KB`);
  const server = spawn('./node_modules/.bin/vite', ['preview', '--port', String(PORT), '--strictPort'], {
    stdio: 'ignore',
  });
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    await waitForServer();
    const firsts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext(); // cold cache
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __firstVerdict?: number };
        new MutationObserver((_, observer) => {
          if (document.querySelector('[data-testid="probe-edge"][data-status]:not([data-status=""])')) {
            w.__firstVerdict = performance.now();
            observer.disconnect();
          }
        }).observe(document, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['data-status'],
        });
      });
      await page.goto(BASE);
      await page.waitForFunction(
        () => (window as unknown as { __firstVerdict?: number }).__firstVerdict !== undefined,
      );
      firsts.push(
        await page.evaluate(() => (window as unknown as { __firstVerdict: number }).__firstVerdict),
      );
      await context.close();
    }
    console.log(`bench app.firstVerdict.ms ${Math.round(percentile(firsts, 50))} ms`);

    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const text = bigWorkspace();
    await context.addInitScript((t) => window.localStorage.setItem('playground.workspace.v1', t), text);
    const page = await context.newPage();
    await page.goto(BASE);
    const edge = '[data-testid="probe-edge"][data-from="ns9/w0"][data-to="ns0/w0"]';
    await page.waitForSelector(`${edge}[data-status="000"]`, { state: 'attached', timeout: 30_000 });
    await page.locator('[data-testid="editor"][data-ready="true"] .view-lines').click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft'); // after "STRICT"
    const cdp = process.env.PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const times: number[] = [];
    const WARM_UP = 10; // JIT and first-render costs; reported separately
    for (let i = 0; i < WARM_UP + 40; i++) {
      const expected = i % 2 === 0 ? '200' : '000';
      await page.evaluate(
        ({ selector, expected }) => {
          const w = window as unknown as { __t0?: number; __t1?: number };
          w.__t0 = undefined;
          w.__t1 = undefined;
          document.addEventListener('keydown', () => (w.__t0 = performance.now()), {
            capture: true,
            once: true,
          });
          const el = document.querySelector(selector);
          if (!el) throw new Error('edge missing');
          const observer = new MutationObserver(() => {
            if (el.getAttribute('data-status') === expected) {
              w.__t1 = performance.now();
              observer.disconnect();
            }
          });
          observer.observe(el, { attributes: true, attributeFilter: ['data-status'] });
        },
        { selector: edge, expected },
      );
      if (i % 2 === 0)
        await page.keyboard.press('Backspace'); // STRICT → STRIC: not a mode, the policy is refused
      else await page.keyboard.type('T');
      await page.waitForFunction(
        () => (window as unknown as { __t1?: number }).__t1 !== undefined,
        undefined,
        { timeout: 10_000 },
      );
      times.push(
        await page.evaluate(() => {
          const w = window as unknown as { __t0: number; __t1: number };
          return w.__t1 - w.__t0;
        }),
      );
    }
    if (cdp) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
        profile: {
          nodes: {
            id: number;
            callFrame: { functionName: string; url: string; lineNumber: number };
            hitCount?: number;
          }[];
          samples: number[];
          timeDeltas: number[];
        };
      };
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples.forEach((id, i) => {
        const n = byId.get(id);
        const key = n
          ? `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
          : '?';
        self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      });
      console.error(
        [...self.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25)
          .map(([k, v]) => `${v.toFixed(0)}ms ${k}`)
          .join('\n'),
      );
    }
    const steady = times.slice(WARM_UP);
    console.log(`bench app.keystroke.p95ms ${Math.round(percentile(steady, 95) * 10) / 10} ms`);
    console.error(
      `(keystrokes: median ${Math.round(percentile(steady, 50))} ms over ${steady.length}; warm-up p95 ${Math.round(percentile(times.slice(0, WARM_UP), 95))} ms)`,
    );
    await context.close();
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
