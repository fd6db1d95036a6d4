import { createEvaluator } from '@playground/evaluator';
import { readWorkspaceFile } from '../files';
import { formatDiagnostic, isInvalidInput, printable, toJson, workspaceProblems } from '../format';
import { EXIT, type Io } from '../io';

/** `lint FILE...`: every diagnostic with file:line:column. Exit 1 when any error, 2 when unreadable. */
export async function lintCommand(files: string[], options: { json: boolean }, io: Io): Promise<number> {
  const evaluator = createEvaluator();
  const all: { file: string; diagnostics: unknown[] }[] = [];
  let errors = 0;
  let invalid = false;
  for (const file of files) {
    const read = readWorkspaceFile(file);
    if ('error' in read) {
      io.stderr(`${printable(read.error)}\n`);
      invalid = true;
      continue;
    }
    const { diagnostics, documents } = await evaluator.evaluate(read.text);
    errors += diagnostics.filter((d) => d.severity === 'error').length;
    const problems = workspaceProblems(file, documents, diagnostics);
    for (const p of problems) io.stderr(`${p}\n`);
    if (problems.length || diagnostics.some(isInvalidInput)) invalid = true;
    if (options.json) all.push({ file, diagnostics });
    else for (const d of diagnostics) io.stdout(`${formatDiagnostic(file, d)}\n`);
  }
  if (options.json) io.stdout(toJson({ files: all }));
  else if (errors === 0 && !invalid) io.stdout('no errors\n');
  if (invalid) return EXIT.invalid;
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
