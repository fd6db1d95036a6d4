import { matrixOfWorkspace } from '@playground/evaluator';
import { readWorkspaceFile } from '../files';
import { formatDiagnostic, isInvalidInput, printable, toJson, workspaceProblems } from '../format';
import { EXIT, type Io } from '../io';

/**
 * `matrix FILE`: every client × every Service port, printed as the seeds print it. A proxy-less
 * client whose connection is reset gets curl's `000` and kubectl's exit-56 line, as in the seeds.
 */
export async function matrixCommand(
  file: string,
  options: { json: boolean; path?: string; all: boolean; now?: Date },
  io: Io,
): Promise<number> {
  const read = readWorkspaceFile(file);
  if ('error' in read) {
    io.stderr(`${printable(read.error)}\n`);
    return EXIT.invalid;
  }
  const { entries, diagnostics, documents } = await matrixOfWorkspace(read.text, {
    all: options.all,
    ...(options.path ? { path: options.path } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  for (const d of diagnostics.filter((d) => d.severity === 'error'))
    io.stderr(`${formatDiagnostic(file, d)}\n`);
  const problems = workspaceProblems(file, documents, diagnostics);
  for (const p of problems) io.stderr(`${p}\n`);
  if (problems.length || diagnostics.some(isInvalidInput)) return EXIT.invalid;
  if (options.json) {
    io.stdout(toJson({ entries }));
    return EXIT.ok;
  }
  for (const e of entries) {
    io.stdout(`${printable(e.line)}\n`);
    if (e.status === '000') io.stdout('command terminated with exit code 56\n');
  }
  return EXIT.ok;
}
