/**
 * The process around `main`: argv in, exit status out, stdout/stderr written as the commands hand
 * them over (in batches, see io.ts). What `bin/policy-playground.cjs` runs, prebuilt
 * (`dist/policy-playground.cjs`, build.mjs) or, when that is missing or older than the sources,
 * through tsx.
 */
import { main } from './main';

export { main };

/** Runs one command line and sets the process's exit status. */
export async function run(argv: string[]): Promise<void> {
  // A reader that goes away (`policy-playground test … | head -1`) is not an error: stop writing
  // to that stream, quietly, and finish with the command's own exit status.
  const closed = new Set<NodeJS.WriteStream>();
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') closed.add(stream);
      else throw error;
    });
  }
  const write = (stream: NodeJS.WriteStream, chunk: string | Uint8Array): void => {
    if (closed.has(stream)) return;
    try {
      stream.write(chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') closed.add(stream);
      else throw error;
    }
  };
  process.exitCode = await main(argv, {
    stdout: (s) => write(process.stdout, s),
    stderr: (s) => write(process.stderr, s),
  });
}
