/**
 * App benchmarks, printed as `bench <name> <value> <unit>`:
 *  - app.entry.gzipKB      JavaScript needed before first paint (entry + modulepreloads; Monaco excluded)
 *  - app.firstVerdict.ms   navigation → first coloured edge, built app served locally, cold cache
 *  - app.keystroke.p95ms / app.keystroke.p50ms
 *                          a keystroke in the editor → the recoloured edge (a MutationObserver in the
 *                          page stamps its new `data-status`), on a 100-workload, 50-policy,
 *                          300-probe workspace that evaluates without an error diagnostic
 *  - app.layout.ms         the automatic layout (ELK, in its worker) of that mesh on load: request
 *                          posted → answer received, timed in the page (median of the page loads)
 *  - app.pan.p95FrameMs    requestAnimationFrame deltas while the pane is dragged (~60 steps)
 *  - app.pan.droppedFrames the share of those deltas longer than 1.5 frames at 60 Hz (a p95 of
 *                          16.8 ms is the display's own jitter around 16.67 ms, not a dropped frame)
 *  - app.big.layout.ms / app.big.keystroke.p95ms / app.big.keystroke.p50ms / app.big.pan.p95FrameMs /
 *    app.big.pan.droppedFrames
 *                          the same on a 300-workload, 1,000-probe workspace (30 namespaces)
 * Namespaces start collapsed above 40 workloads (features/graph/bigMesh.ts): both meshes are
 * measured as the app first shows them. The keystroke then recolours the aggregate edge
 * ns9 → ns0 (its `data-worst`), which stands for the one probe ns9/w0 → ns0/w0; an older build
 * without collapsing recolours that probe's edge (its `data-status`).
 * Run after `vite build`: `./node_modules/.bin/tsx e2e/bench/app-bench.ts`.
 * Environment: BENCH_PORT (default 4183) for `vite preview`; BENCH_ONLY=app|app.big measures one
 * mesh only; BENCH_DIST (default dist) serves
 * another build, e.g. an older commit's, with this same script; PROFILE=1 adds the main thread's
 * CPU profile of the keystroke loop, top self times, on stderr; TRACE=1 its trace events per
 * keystroke (bench/diagnostics.ts). Every run also prints, on stderr, a keystroke's median parts:
 * keydown → request posted, messaging, the worker's evaluation, answer → recoloured edge.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../chromium';
import { bigWorkspace, checkWorkspace } from './workspace';
import { printCpuProfile, printMainThreadTrace } from './diagnostics';
import { timeLayoutRequests } from './pageTimers';

const PORT = Number(process.env.BENCH_PORT ?? 4183);
const BASE = `http://localhost:${PORT}`;
const DIST = resolve(process.env.BENCH_DIST ?? 'dist');
/** The autosave slot the app reads on load (app/src/state/persistence.ts). */
const WORKSPACE_KEY = 'playground.workspace.v1';
const LAYOUT_LOADS = 3;
/** BENCH_ONLY=app or app.big measures that mesh alone (while diagnosing one figure). */
const ONLY = process.env.BENCH_ONLY;

function entryGzipKB(): number {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g),
  ].map((m) => m[1] ?? '');
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, f))).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
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

const EDGE = '[data-testid="probe-edge"][data-from="ns9/w0"][data-to="ns0/w0"]';
const AGGREGATE = '[data-testid="aggregate-edge"][data-from="ns:ns9"][data-to="ns:ns0"]';

/** What a keystroke recolours: the element, the attribute, its value with STRICT and with STRIC. */
interface FlipTarget {
  selector: string;
  attribute: string;
  strict: string;
  refused: string;
}
const EDGE_TARGET: FlipTarget = { selector: EDGE, attribute: 'data-status', strict: '000', refused: '200' };
const AGGREGATE_TARGET: FlipTarget = {
  selector: AGGREGATE,
  attribute: 'data-worst',
  strict: 'mtls-failure',
  refused: 'allowed',
};
/** Settled: the automatic layout answered (or there is none: the base draws a grid at once). */
const SETTLED =
  '[data-testid="canvas"]:not([data-layout="pending"]):not([data-layout="moving"]), [data-testid="canvas"]:not([data-layout])';

async function loadBigWorkspace(
  context: BrowserContext,
): Promise<{ page: Page; layoutMs: number | null; target: FlipTarget }> {
  const page = await context.newPage();
  await page.goto(BASE);
  await page.waitForSelector(`${EDGE}[data-status="000"], ${AGGREGATE}[data-worst="mtls-failure"]`, {
    state: 'attached',
    timeout: 120_000,
  });
  const target = (await page.locator(AGGREGATE).count()) ? AGGREGATE_TARGET : EDGE_TARGET;
  await page.waitForSelector(SETTLED, { state: 'attached', timeout: 120_000 });
  // A slow layout leaves the fallback grid up after 2 s: wait for its answer, to time it.
  await page.waitForFunction(
    () => {
      const state = document.querySelector('[data-testid="canvas"]')?.getAttribute('data-layout');
      return state !== 'fallback' || (window as unknown as { __layouts: number[] }).__layouts.length > 0;
    },
    undefined,
    { timeout: 120_000 },
  );
  const layout = await page.evaluate(() => {
    const w = window as unknown as { __layouts: number[] };
    return {
      times: [...w.__layouts],
      state: document.querySelector('[data-testid="canvas"]')?.getAttribute('data-layout') ?? null,
    };
  });
  const errors = await page.locator('[data-testid="diagnostics"] .diag-error').count();
  if (errors) throw new Error(`the bench workspace shows ${errors} error diagnostics in the app`);
  if (layout.state === 'fallback') console.error('(layout: the grid was shown until the layout answered)');
  return { page, layoutMs: layout.state === null ? null : (layout.times[0] ?? null), target };
}

/** Re-posts the app's last layout request (ids the client ignores) and times the answers: warm ELK. */
async function warmLayouts(page: Page, runs: number): Promise<number[]> {
  return page.evaluate(async (runs) => {
    const w = window as unknown as {
      __layoutWorker?: Worker;
      __layoutRequest?: { input: unknown };
      __layoutAnswers: Map<number, number>;
    };
    const worker = w.__layoutWorker;
    const request = w.__layoutRequest;
    if (!worker || !request) return [];
    const times: number[] = [];
    for (let i = 1; i <= runs; i++) {
      const id = -i; // the client drops answers that are not its latest request's
      const t0 = performance.now();
      worker.postMessage({ type: 'layout', id, input: request.input });
      while (!w.__layoutAnswers.has(id)) await new Promise((r) => setTimeout(r, 1));
      times.push((w.__layoutAnswers.get(id) ?? t0) - t0);
    }
    return times;
  }, runs);
}

async function keystrokes(page: Page, context: BrowserContext, target: FlipTarget): Promise<number[]> {
  await page.locator('[data-testid="editor"][data-ready="true"] .view-lines').click();
  await page.keyboard.press('Control+Home');
  // Line 8 is `    mode: STRICT`; every line above is short, so none wraps in a narrow editor.
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End'); // after "STRICT"
  const cdp = process.env.PROFILE ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  const tracing = process.env.TRACE ? context.browser() : null;
  if (tracing)
    await tracing.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'blink.user_timing',
      ],
    });
  const times: number[] = [];
  /** Per measured keystroke: keydown → posted, messaging, worker's evaluation, answer → recoloured. */
  const segments: [number, number, number, number][] = [];
  const WARM_UP = 10; // JIT and first-render costs; reported separately
  for (let i = 0; i < WARM_UP + 40; i++) {
    const expected = i % 2 === 0 ? target.refused : target.strict;
    await page.evaluate(
      ({ selector, attribute, expected }) => {
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
          if (el.getAttribute(attribute) === expected) {
            w.__t1 = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(el, { attributes: true, attributeFilter: [attribute] });
      },
      { selector: target.selector, attribute: target.attribute, expected },
    );
    if (i % 2 === 0)
      await page.keyboard.press('Backspace'); // STRICT → STRIC: not a mode, the policy is refused
    else await page.keyboard.type('T');
    await page.waitForFunction(() => (window as unknown as { __t1?: number }).__t1 !== undefined, undefined, {
      timeout: 30_000,
    });
    const stamps = await page.evaluate(() => {
      const w = window as unknown as {
        __t0: number;
        __t1: number;
        __evaluation?: { posted: number; answered: number; workerMs: number };
      };
      return { t0: w.__t0, t1: w.__t1, evaluation: w.__evaluation ?? null };
    });
    times.push(stamps.t1 - stamps.t0);
    const e = stamps.evaluation;
    if (i >= WARM_UP && e && e.posted >= stamps.t0 && e.answered <= stamps.t1)
      segments.push([
        e.posted - stamps.t0,
        e.answered - e.posted - e.workerMs,
        e.workerMs,
        stamps.t1 - e.answered,
      ]);
  }
  if (cdp) printCpuProfile(await cdp.send('Profiler.stop'));
  if (tracing) {
    printMainThreadTrace(await tracing.stopTracing(), WARM_UP + 40);
  }
  const median = (k: number) =>
    Math.round(
      percentile(
        segments.map((s) => s[k] ?? NaN),
        50,
      ) * 10,
    ) / 10;
  console.error(
    `(keystroke medians over ${segments.length}: keydown → posted ${median(0)} ms, messaging ${median(1)} ms, worker ${median(2)} ms, answer → recoloured ${median(3)} ms)`,
  );
  console.error(
    `(keystrokes: warm-up p95 ${Math.round(percentile(times.slice(0, WARM_UP), 95))} ms over ${WARM_UP})`,
  );
  return times.slice(WARM_UP);
}

/** Drags the pane (where no node, edge or control is) back and forth; rAF deltas during the drags. */
async function pan(page: Page): Promise<number[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const start = await page.evaluate(() => {
    const box = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    if (!box) return null;
    for (let y = box.top + box.height * 0.2; y < box.bottom - 40; y += 7)
      for (let x = box.left + box.width * 0.3; x < box.right - 40; x += 7) {
        const el = document.elementFromPoint(x, y);
        if (el?.classList.contains('react-flow__pane')) return { x, y, width: box.width };
      }
    return null;
  });
  if (!start) throw new Error('no empty pane to drag');
  const transform = () =>
    page.evaluate(
      () => (document.querySelector('.react-flow__viewport') as HTMLElement | null)?.style.transform,
    );
  const before = await transform();
  const deltas: number[] = [];
  const distance = Math.min(240, start.width / 3);
  for (let run = 0; run < 4; run++) {
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __framing: boolean };
      const frames: number[] = [];
      w.__frames = frames;
      w.__framing = true;
      // One loop per drag: the previous loop sees another array and stops.
      const tick = (now: number) => {
        frames.push(now);
        if (w.__framing && w.__frames === frames) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const dir = run % 2 === 0 ? -1 : 1;
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + dir * distance, start.y + dir * distance * 0.3, { steps: 60 });
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __framing: boolean };
      w.__framing = false;
      return w.__frames;
    });
    // The first delta is the loop starting, not a frame of the pan.
    for (let i = 2; i < frames.length; i++) deltas.push((frames[i] ?? 0) - (frames[i - 1] ?? 0));
    if (run === 0 && (await transform()) === before) throw new Error('the drag did not pan the canvas');
  }
  return deltas;
}

/** Loads a mesh a few times (cold layout worker each time), then keystrokes, layout and pan on the last load. */
async function measureMesh(browser: Browser, text: string, prefix: string): Promise<void> {
  const layouts: number[] = [];
  let loaded: { context: BrowserContext; page: Page; target: FlipTarget } | null = null;
  for (let i = 0; i < LAYOUT_LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    await context.addInitScript(({ key, text }) => window.localStorage.setItem(key, text), {
      key: WORKSPACE_KEY,
      text,
    });
    // tsx (esbuild, keepNames) wraps named functions in the page scripts with `__name(...)`.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.addInitScript(timeLayoutRequests);
    const { page, layoutMs, target } = await loadBigWorkspace(context);
    if (layoutMs !== null) layouts.push(layoutMs);
    if (i < LAYOUT_LOADS - 1) await context.close();
    else loaded = { context, page, target };
  }
  if (!loaded) throw new Error('unreachable');
  const { context, page, target } = loaded;
  console.error(`(${prefix}: the keystroke recolours ${target.selector} ${target.attribute})`);

  const steady = await keystrokes(page, context, target);
  console.log(`bench ${prefix}.keystroke.p95ms ${Math.round(percentile(steady, 95) * 10) / 10} ms`);
  console.log(`bench ${prefix}.keystroke.p50ms ${Math.round(percentile(steady, 50) * 10) / 10} ms`);

  if (layouts.length) {
    console.log(`bench ${prefix}.layout.ms ${Math.round(percentile(layouts, 50))} ms`);
    const warm = await warmLayouts(page, 5);
    console.error(
      `(${prefix} layout: on load ${layouts.map((t) => Math.round(t)).join(', ')} ms; warm worker median ${Math.round(percentile(warm, 50))} ms over ${warm.length})`,
    );
  } else {
    console.log(`bench ${prefix}.layout.ms n/a ms`);
    console.error('(layout: no layout worker, or no data-layout on the canvas)');
  }

  const frames = await pan(page);
  console.log(`bench ${prefix}.pan.p95FrameMs ${Math.round(percentile(frames, 95) * 10) / 10} ms`);
  const dropped = frames.filter((d) => d > 1.5 * (1000 / 60)).length / Math.max(1, frames.length);
  console.log(`bench ${prefix}.pan.droppedFrames ${Math.round(dropped * 1000) / 10} %`);
  console.error(
    `(${prefix} pan: frame p50 ${Math.round(percentile(frames, 50) * 10) / 10} ms, max ${Math.round(Math.max(...frames))} ms over ${frames.length} frames)`,
  );
  await context.close();
}

async function main(): Promise<void> {
  const text = bigWorkspace();
  await checkWorkspace(text);
  console.log(`bench app.entry.gzipKB ${entryGzipKB()} KB`);
  const server = spawn(
    './node_modules/.bin/vite',
    ['preview', '--port', String(PORT), '--strictPort', '--outDir', DIST],
    { stdio: 'ignore' },
  );
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

    if (ONLY !== 'app.big') await measureMesh(browser, text, 'app');
    if (ONLY !== 'app') {
      // The 300-workload import: 30 namespaces, 1,000 probes.
      const big = bigWorkspace(30, 1000);
      await checkWorkspace(big, 1000);
      await measureMesh(browser, big, 'app.big');
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
