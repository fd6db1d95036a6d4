#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so it works right after `pnpm install`, no build step.
import { register } from 'tsx/esm/api';

// A reader that goes away (`policy-playground test … | head -1`) is not an error: stop writing to
// that stream, quietly, and finish with the command's own exit status.
const closed = new Set();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') closed.add(stream);
    else throw error;
  });
}
const write = (stream, text) => {
  if (closed.has(stream)) return;
  try {
    stream.write(text);
  } catch (error) {
    if (error && error.code === 'EPIPE') closed.add(stream);
    else throw error;
  }
};

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => write(process.stdout, s),
  stderr: (s) => write(process.stderr, s),
});
