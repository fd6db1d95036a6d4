#!/usr/bin/env node
// The CLI prebuilt into one file at install time (`prepare`, build.mjs), so a start costs no
// TypeScript transpiling, loaded with its V8 code cache (prebuilt.js). When that file is missing,
// or a source it was built from changed since (a working copy being edited), the sources run
// through tsx's loader instead: the same code either way.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url);
const bundle = new URL('policy-playground.cjs', dist);

function prebuiltIsCurrent() {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('inputs.json', dist), 'utf8'));
    return inputs.every((input) => statSync(new URL(input, dist)).mtimeMs <= built);
  } catch {
    return false;
  }
}

if (prebuiltIsCurrent()) {
  const { loadPrebuilt } = await import('./prebuilt.js');
  await loadPrebuilt(fileURLToPath(bundle)).exports.run(process.argv.slice(2));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { run } = await import('../src/run.ts');
  await run(process.argv.slice(2));
}
