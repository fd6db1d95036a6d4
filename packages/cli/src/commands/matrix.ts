import { openMatrix } from '@playground/evaluator';
import { readWorkspaceFile } from '../files';
import { formatDiagnostic, isInvalidInput, jsonWriter, printable, workspaceProblems } from '../format';
import { batched, EXIT, type Io } from '../io';

/** What kubectl prints after a curl whose connection was reset (exit 56), as the seeds show it. */
const RESET_BY_PEER = 'command terminated with exit code 56';

/**
 * `matrix FILE`: every client × every Service port, printed as the seeds print it. A proxy-less
 * client whose connection is reset gets curl's `000` and kubectl's exit-56 line, as in the seeds.
 * A Service with more than one port names it: `sleep.foo to httpbin.bar:8000: 200`. Entries are
 * printed as they are decided, in batches, never all held at once.
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
  const { diagnostics, documents, visit, visitLines } = await openMatrix(read.text, {
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
    const out = batched(io.stdout);
    const json = jsonWriter(out.push);
    const entries = json.array('entries');
    visit(entries.item);
    entries.close();
    json.end();
    out.flush();
  } else {
    // Names are made printable once each (`printable`), not every line: the rest of a line is.
    const out = batched(io.stdout);
    visitLines((line, status) => {
      out.push(status === '000' ? `${line}\n${RESET_BY_PEER}\n` : `${line}\n`);
    }, printable);
    out.flush();
  }
  return EXIT.ok;
}
