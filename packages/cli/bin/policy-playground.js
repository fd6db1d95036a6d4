#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so it works right after `pnpm install`, no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
