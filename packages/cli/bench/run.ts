/**
 * `pnpm bench:cli`: the CLI at scale against the floor, printed as `bench <name> <value> <unit>`
 * (docs/architecture.md "CI and benches"):
 *  - cli.matrix.ratioToFloor: `matrix --all` on 300 workloads whose Services have two ports;
 *  - cli.test.ratioToFloor: `test --json` on the same mesh with 2,000 probes.
 * The floor is a node process that starts and writes the very bytes the command wrote. Each figure
 * is the median wall time of RUNS runs, the command and its floor alternating, divided. Both write
 * to a file, as a redirected CI step does. `--runs N` (default 11: the machines here are shared,
 * and the median of a few runs wanders); `--compare BIN` measures another build of the bin too
 * (e.g. main's, from a temporary worktree), taking turns with this one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bigWorkspace } from '../../../e2e/bench/workspace';

const root = join(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: { compare: { type: 'string' }, runs: { type: 'string', default: '11' } },
});
const RUNS = Math.max(1, Number(values.runs) || 11);
const dir = mkdtempSync(join(tmpdir(), 'pp-cli-bench-'));

/** 300 workloads (30 namespaces), each Service with ports 8000 and 9000; `probes` probes. */
function workspace(probes: number, twoPorts: boolean): string {
  const text = bigWorkspace(30, probes);
  return twoPorts
    ? text.replaceAll(
        'ports: [{name: http, port: 8000, targetPort: 8080}]',
        'ports: [{name: http, port: 8000, targetPort: 8080}, {name: http-admin, port: 9000, targetPort: 9090}]',
      )
    : text;
}

const floor = join(dir, 'floor.mjs');
writeFileSync(
  floor,
  "import { readFileSync } from 'node:fs';\nprocess.stdout.write(readFileSync(process.argv[2]));\n",
);

/** Wall milliseconds of `node ARGS`, its stdout into `out`. */
function timed(args: string[], out: string): number {
  const fd = openSync(out, 'w');
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', fd, 'pipe'] });
  const ms = performance.now() - start;
  closeSync(fd);
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`node ${args.join(' ')}: exit ${run.status}: ${run.stderr.toString()}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * `args` run by every bin, each run followed by the floor writing what that bin wrote, the bins
 * taking turns within each round: a machine whose load drifts during the bench (a shared one)
 * weighs on every bin alike, instead of on whichever ran last.
 */
function ratios(name: string, bins: [string, string][], args: string[]): void {
  const runs = bins.map(([prefix, bin]) => {
    const out = join(dir, `${prefix}.${name}.out`);
    timed([bin, ...args], out); // warm the file cache and capture the bytes
    return {
      prefix,
      bin,
      out,
      copy: join(dir, `${prefix}.${name}.floor.out`),
      cli: [] as number[],
      base: [] as number[],
    };
  });
  for (let i = 0; i < RUNS; i++)
    for (const r of runs) {
      r.cli.push(timed([r.bin, ...args], r.out));
      r.base.push(timed([floor, r.out], r.copy));
    }
  for (const r of runs) {
    if (!readFileSync(r.out).equals(readFileSync(r.copy)))
      throw new Error(`${r.prefix}.${name}: the floor wrote other bytes`);
    const figure = `${r.prefix}.${name}`;
    console.log(`bench ${figure}.ratioToFloor ${(median(r.cli) / median(r.base)).toFixed(2)} ratio`);
    console.log(`bench ${figure}.medianMs ${median(r.cli).toFixed(0)} ms`);
    console.log(`bench ${figure}.floorMedianMs ${median(r.base).toFixed(0)} ms`);
  }
}

const matrixFile = join(dir, 'matrix.yaml');
const testFile = join(dir, 'test.yaml');
writeFileSync(matrixFile, workspace(300, true));
writeFileSync(testFile, workspace(2000, false));

// The bin as `pnpm install` leaves it: prebuilt (the build is current, see build.mjs).
spawnSync(process.execPath, [join(root, 'packages/cli/build.mjs')], { stdio: 'inherit' });
const bins: [string, string][] = [['cli', join(root, 'packages/cli/bin/policy-playground.cjs')]];
if (values.compare) bins.push(['compare.cli', values.compare]);
ratios('matrix', bins, ['matrix', '--all', matrixFile]);
ratios('test', bins, ['test', '--json', testFile]);
