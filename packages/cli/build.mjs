// Bundles the CLI (src/bundle.ts and everything it imports, dependencies included) into
// dist/policy-playground.cjs, writes its V8 code cache (code-cache.mjs), and lists in
// dist/inputs.json the repository sources it was built from, so bin/policy-playground.cjs can tell
// a stale build. Run by the root package's `prepare` (every `pnpm install`);
// `node packages/cli/build.mjs [OUTDIR]`.
//
// CommonJS, not an ES module: Node 20 can load a script with a code cache (vm.Script) but has
// no cache for ES modules (module.enableCompileCache arrived in Node 22).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Builds into `outdir` (default dist/); returns the bundle's path. */
export async function buildCli(outdir = join(here, 'dist')) {
  const { build } = await import('esbuild');
  const outfile = join(outdir, 'policy-playground.cjs');
  const result = await build({
    entryPoints: [join(here, 'src/bundle.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes('node_modules/'))
    .map((input) => relative(outdir, resolve(input)));
  mkdirSync(outdir, { recursive: true });
  // The ES module bundle of earlier builds, and a cache of an earlier bundle, are not this build's.
  rmSync(join(outdir, 'policy-playground.mjs'), { force: true });
  rmSync(`${outfile}.cache`, { force: true });
  // A cache is only a speed-up: if writing it fails, the bin compiles the bundle as usual.
  const cache = spawnSync(process.execPath, [join(here, 'code-cache.mjs'), outfile], { stdio: 'inherit' });
  if (cache.status !== 0)
    console.warn('packages/cli/build.mjs: no code cache written; the CLI starts slower');
  writeFileSync(join(outdir, 'inputs.json'), `${JSON.stringify(inputs)}\n`);
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await import('esbuild');
  } catch {
    // An install without dev dependencies: the bin runs the sources through tsx.
    console.warn('packages/cli/build.mjs: esbuild is not installed; the CLI will run from its sources');
    process.exit(0);
  }
  await buildCli(process.argv[2] ? resolve(process.argv[2]) : undefined);
}
