import { splitWorkspace, type Evaluator, type ReviewInput } from '@playground/evaluator';
import { readWorkspaceFile } from '../files';
import { formatDiagnostic, isInvalidInput, printable, workspaceProblems } from '../format';
import type { Io } from '../io';

/**
 * Reads and evaluates one workspace file for `diff` and `export-script`, or says on stderr why it
 * is not a workspace (unreadable, empty, no Mesh, unknown version, unparseable: the same refusals
 * as `test` and `lint`) and returns null, for exit 2.
 */
export async function loadWorkspace(
  file: string,
  evaluator: Evaluator,
  io: Io,
  now: Date | undefined,
): Promise<ReviewInput | null> {
  const read = readWorkspaceFile(file);
  if ('error' in read) {
    io.stderr(`${printable(read.error)}\n`);
    return null;
  }
  const evaluation = await evaluator.evaluate(read.text, now ? { now } : {});
  const problems = workspaceProblems(file, evaluation.documents, evaluation.diagnostics);
  const unreadable = evaluation.diagnostics.filter(isInvalidInput);
  if (problems.length === 0 && unreadable.length === 0)
    return { parts: splitWorkspace(read.text), evaluation };
  for (const d of unreadable) io.stderr(`${formatDiagnostic(file, d)}\n`);
  for (const p of problems) io.stderr(`${p}\n`);
  return null;
}

/**
 * Multi-line output made safe for a terminal: every line through `printable` (no escape sequences,
 * no bidi tricks), keeping the line breaks and tabs that are the text's layout.
 */
export function printableLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.split('\t').map(printable).join('\t'))
    .join('\n');
}
