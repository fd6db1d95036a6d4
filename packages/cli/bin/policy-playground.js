#!/usr/bin/env node
// The CLI prebuilt into one file at install time (`prepare`, build.mjs), so a start costs no
// TypeScript transpiling. When that file is missing, or a source it was built from changed since
// (a working copy being edited), the sources run through tsx's loader instead: the same code either way.
import { readFileSync, statSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);

function prebuiltIsCurrent() {
  try {
    const built = statSync(new URL('policy-playground.mjs', dist)).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('inputs.json', dist), 'utf8'));
    return inputs.every((input) => statSync(new URL(input, dist)).mtimeMs <= built);
  } catch {
    return false;
  }
}

if (prebuiltIsCurrent()) {
  await import(new URL('policy-playground.mjs', dist).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/run.ts');
}
