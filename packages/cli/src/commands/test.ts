import { createEvaluator, type Diagnostic, type DroppedProbe, type ProbeResult } from '@playground/evaluator';
import { readWorkspaceFile } from '../files';
import {
  formatDiagnostic,
  formatTrace,
  isInvalidInput,
  outcomeOf,
  jsonWriter,
  printable,
  where,
  workspaceProblems,
} from '../format';
import { batched, EXIT, type Io } from '../io';

/** One `--json` result: the probe's result and the file it came from (docs/workspace-format.md "CLI"). */
type TestResultJson = ProbeResult & { file: string };

/** One `--json` dropped probe: a `spec.probes` item the engine could not evaluate, and why. */
interface DroppedJson {
  file: string;
  index: number;
  line: number | null;
  column: number | null;
  /** The error diagnostics within the item (a bad port, a missing field, not a map). */
  reasons: string[];
}

/** A probe the engine evaluated as `invalid` (unknown endpoint or port) and that did not expect it. */
const isInvalidResult = (r: ProbeResult): boolean => r.verdict === 'invalid' && r.pass !== true;

function reasonsWithin(d: DroppedProbe, diagnostics: readonly Diagnostic[]): string[] {
  const range = d.range;
  if (!range) return [];
  return diagnostics
    .filter(
      (x) =>
        x.severity === 'error' &&
        x.range !== null &&
        x.range.offset >= range.offset &&
        x.range.offset + x.range.length <= range.offset + range.length,
    )
    .map((x) => x.message);
}

/**
 * `test FILE...`: every probe against its expect. Exit 0 all pass, 1 any fail or any probe invalid
 * (dropped by the engine, or evaluated as `invalid`), 2 input that is not a workspace.
 */
export async function testCommand(
  files: string[],
  options: { json: boolean; verbose: boolean; now?: Date },
  io: Io,
): Promise<number> {
  const evaluator = createEvaluator();
  // Results are written as each file's come in (in batches), and only counted here.
  const out = batched(io.stdout);
  const json = options.json ? jsonWriter(out.push) : null;
  const resultsJson = json?.array('results');
  const counts = { results: 0, passed: 0, failed: 0, invalid: 0 };
  const dropped: DroppedJson[] = [];
  let invalidInput = false;
  for (const file of files) {
    const read = readWorkspaceFile(file);
    if ('error' in read) {
      io.stderr(`${printable(read.error)}\n`);
      invalidInput = true;
      continue;
    }
    // Only errors are shown (lints are `lint`'s): leave the lints out. Probes are evaluated one at
    // a time as they are written (`open`), so thousands of traced results never live at once.
    const evaluation = await evaluator.open(read.text, {
      lints: false,
      ...(options.now ? { now: options.now } : {}),
    });
    for (const d of evaluation.diagnostics.filter((d) => d.severity === 'error'))
      io.stderr(`${formatDiagnostic(file, d)}\n`);
    const problems = workspaceProblems(file, evaluation.documents, evaluation.diagnostics);
    for (const p of problems) io.stderr(`${p}\n`);
    if (problems.length || evaluation.diagnostics.some(isInvalidInput)) {
      invalidInput = true;
      continue;
    }
    const droppedHere = evaluation.droppedProbes;
    let results = 0;
    evaluation.visit((r) => {
      results++;
      counts.results++;
      if (r.pass === true) counts.passed++;
      else if (isInvalidResult(r)) counts.invalid++;
      else if (r.pass === false) counts.failed++;
      if (resultsJson) {
        // A TestResultJson: the file, then the result's own fields.
        resultsJson.item(r, { file } satisfies Pick<TestResultJson, 'file'>);
        return;
      }
      const mark = r.pass === null ? '·' : r.pass ? '✓' : '✗';
      const expected = r.pass === false ? `  (expected ${printable(r.expect ?? '')})` : '';
      out.push(`${mark} ${printable(file)} #${r.index} ${printable(r.name)}: ${outcomeOf(r)}${expected}\n`);
      if (r.pass === false || options.verbose) out.push(`${formatTrace(file, r.trace).join('\n')}\n`);
    });
    if (results === 0 && droppedHere.length === 0) io.stderr(`${printable(file)}: no probes\n`);
    for (const d of droppedHere) {
      const reasons = reasonsWithin(d, evaluation.diagnostics);
      dropped.push({
        file,
        index: d.index,
        line: d.range?.start.line ?? null,
        column: d.range?.start.column ?? null,
        reasons,
      });
      if (!options.json)
        out.push(
          `✗ ${where(file, d.range)} probes[${d.index}]: invalid, not evaluated${reasons.length ? `: ${reasons.map(printable).join('; ')}` : ''}\n`,
        );
    }
  }
  const { passed, failed } = counts;
  const invalid = counts.invalid + dropped.length;
  const total = counts.results + dropped.length;
  const summary = { passed, failed, invalid, total };
  if (json && resultsJson) {
    resultsJson.close();
    json.field('dropped', dropped);
    json.field('summary', summary);
    json.end();
  } else
    out.push(
      `\n${passed} passed, ${failed} failed, ${invalid} invalid, ${total - passed - failed - invalid} without expect\n`,
    );
  out.flush();
  if (invalidInput) return EXIT.invalid;
  return failed > 0 || invalid > 0 ? EXIT.failed : EXIT.ok;
}
