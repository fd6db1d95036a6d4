#!/usr/bin/env node
// The CLI prebuilt into one file at install time (`prepare`, build.mjs), so a start costs no
// TypeScript transpiling, loaded with its V8 code cache (prebuilt.cjs). When that file is missing,
// or a source it was built from changed since (a working copy being edited), the sources run
// through tsx's loader instead: the same code either way.
//
// A CommonJS script, as the bundle is: starting node on an ES module first sets up its module
// loader, about 13 ms of a big `test --json` run (docs/architecture.md "CI and benches").
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '../dist');
const bundle = join(dist, 'policy-playground.cjs');

function prebuiltIsCurrent() {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(join(dist, 'inputs.json'), 'utf8'));
    return inputs.every((input) => statSync(join(dist, input)).mtimeMs <= built);
  } catch {
    return false;
  }
}

async function fromSources(argv) {
  const { register } = await import('tsx/esm/api');
  register();
  const { run } = await import('../src/run.ts');
  await run(argv);
}

const argv = process.argv.slice(2);
const done = prebuiltIsCurrent()
  ? require('./prebuilt.cjs').loadPrebuilt(bundle).exports.run(argv)
  : fromSources(argv);
done.then(() => {
  // The command is done (run set process.exitCode). Once every byte has been handed to the OS,
  // exit now: letting the event loop run dry would also wait for V8's background work on the
  // heap a big run leaves (about 10 ms of a big `test --json`). Output still queued for a slow
  // pipe keeps the process until it is written.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
});
