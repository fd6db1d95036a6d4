/**
 * `pnpm fuzz`: at least 100,000 generated and mutated workspaces through the evaluator (see
 * test/fuzz-kit.ts). Prints `bench fuzz.workspaces N`, `bench fuzz.exceptions N` and
 * `bench fuzz.slowest.ms X` on stdout, the slowest inputs on stderr, and exits non-zero on an
 * exception, a malformed Evaluation, or an input over its size class's time budget.
 * Options: `--count N` (default 100000), `--seed S`.
 */
import { fileURLToPath } from 'node:url';
import { evaluateWorkspace } from '../src';
import { runFuzz } from '../test/fuzz-kit';
import { workspaceFiles } from '../test/workspaces';

const NOW = new Date('2026-01-01T00:00:00Z');
/** packages/evaluator/test, seen from the bundle in packages/evaluator/.bench. */
const TEST_DIR = fileURLToPath(new URL('../test', import.meta.url));

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? undefined : Number(process.argv[i + 1]);
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}

const count = option('count', 100_000);
const seed = option('seed', 20260708);
const started = performance.now();
const report = await runFuzz((text) => evaluateWorkspace(text, { now: NOW }), workspaceFiles(TEST_DIR), {
  seed,
  count,
  keepSlowest: 10,
  onProgress: (done) => {
    if (done % 10_000 === 0)
      process.stderr.write(
        `fuzz: ${done} workspaces in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
  },
});

console.log(`bench fuzz.workspaces ${report.workspaces}`);
console.log(`bench fuzz.exceptions ${report.exceptions.length}`);
console.log(`bench fuzz.slowest.ms ${(report.slowest[0]?.ms ?? 0).toFixed(1)}`);
process.stderr.write('slowest inputs:\n');
for (const s of report.slowest)
  process.stderr.write(`  ${s.ms.toFixed(1)} ms, ${s.length} chars: ${s.description}\n`);
for (const e of report.exceptions.slice(0, 20)) process.stderr.write(`exception: ${e}\n`);
for (const p of report.problems.slice(0, 20)) process.stderr.write(`malformed: ${p}\n`);
for (const o of report.overBudget)
  process.stderr.write(
    `over budget: ${o.ms.toFixed(1)} ms > ${o.budgetMs} ms (${o.sizeClass}): ${o.description}\n`,
  );
if (report.exceptions.length > 0 || report.problems.length > 0 || report.overBudget.length > 0)
  process.exitCode = 1;
