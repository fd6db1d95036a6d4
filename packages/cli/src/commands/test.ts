import { createEvaluator, type ProbeResult } from '@playground/evaluator';
import { readWorkspaceFile } from '../files';
import { formatDiagnostic, formatTrace, isInvalidInput, outcomeOf } from '../format';
import { EXIT, type Io } from '../io';

/** One `--json` result: the probe's result and the file it came from (DESIGN "CLI"). */
type TestResultJson = ProbeResult & { file: string };

const toJson = (file: string, r: ProbeResult): TestResultJson => ({ file, ...r });

/** `test FILE...`: every probe against its expect. Exit 0 all pass, 1 any fail, 2 invalid input. */
export async function testCommand(
  files: string[],
  options: { json: boolean; verbose: boolean; now?: Date },
  io: Io,
): Promise<number> {
  const evaluator = createEvaluator();
  const results: TestResultJson[] = [];
  let invalid = false;
  for (const file of files) {
    const read = readWorkspaceFile(file);
    if ('error' in read) {
      io.stderr(`${read.error}\n`);
      invalid = true;
      continue;
    }
    const evaluation = await evaluator.evaluate(read.text, options.now ? { now: options.now } : {});
    const bad = evaluation.diagnostics.filter(isInvalidInput);
    for (const d of evaluation.diagnostics.filter((d) => d.severity === 'error'))
      io.stderr(`${formatDiagnostic(file, d)}\n`);
    if (bad.length) invalid = true;
    if (evaluation.probes.length === 0 && !bad.length) io.stderr(`${file}: no probes\n`);
    for (const r of evaluation.probes) {
      results.push(toJson(file, r));
      if (options.json) continue;
      const mark = r.pass === null ? '·' : r.pass ? '✓' : '✗';
      const expected = r.pass === false ? `  (expected ${r.expect ?? ''})` : '';
      io.stdout(`${mark} ${file} #${r.index} ${r.name}: ${outcomeOf(r)}${expected}\n`);
      if (r.pass === false || options.verbose) io.stdout(`${formatTrace(file, r.trace).join('\n')}\n`);
    }
  }
  const passed = results.filter((r) => r.pass === true).length;
  const failed = results.filter((r) => r.pass === false).length;
  const summary = { passed, failed, total: results.length };
  if (options.json) io.stdout(`${JSON.stringify({ results, summary }, null, 2)}\n`);
  else
    io.stdout(`\n${passed} passed, ${failed} failed, ${results.length - passed - failed} without expect\n`);
  if (invalid) return EXIT.invalid;
  return failed > 0 ? EXIT.failed : EXIT.ok;
}
