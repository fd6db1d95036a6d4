// Sums the JSON reports of Vitest, the CLI golden run and Playwright into one line:
// "N passed, N failed". Exits non-zero when anything failed or a report is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.reports';
let passed = 0;
let failed = 0;
const read = (name) => {
  const file = join(dir, name);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

const unit = read('unit.json');
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += (unit.numFailedTests ?? 0) + (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  if (unit.numFailedTestSuites) failed += unit.numFailedTestSuites;
} else {
  console.error('missing or unreadable unit test report');
  failed += 1;
}

const cli = read('cli.json');
if (cli?.summary) {
  passed += cli.summary.passed;
  failed += cli.summary.failed;
} else {
  console.error('missing or unreadable CLI golden report');
  failed += 1;
}

if (existsSync('playwright.config.ts')) {
  const e2e = read('e2e.json');
  if (e2e?.stats) {
    passed += e2e.stats.expected ?? 0;
    failed += (e2e.stats.unexpected ?? 0) + (e2e.stats.flaky ?? 0) + (e2e.stats.skipped ?? 0);
  } else {
    console.error('missing or unreadable e2e report');
    failed += 1;
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
