// Loads the prebuilt CLI bundle (dist/policy-playground.cjs, build.mjs) with its V8 code cache
// (dist/policy-playground.cjs.cache): V8 then skips compiling the 1 MB bundle and the functions a
// command runs, a sixth of a big `matrix` run. A cache from another Node version, other V8 flags
// or another bundle is refused by V8 itself, and the bundle is compiled as usual: same result,
// only slower. The same code (Node's own wrapper, vm.Script) writes the cache (code-cache.mjs).
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');

/** The bundle's exports (`run`, `main`), and its Script (to write a cache from). */
function loadPrebuilt(file, { useCache = true } = {}) {
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(`${file}.cache`);
    } catch {
      // No cache yet: compile.
    }
  }
  // The bundle is ASCII (build.mjs checks it): read as Latin-1, it needs no UTF-8 decoding.
  const script = new Script(Module.wrap(readFileSync(file, 'latin1')), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}

module.exports = { loadPrebuilt };
