// Bundles the CLI (src/bundle.ts and everything it imports, dependencies included) into
// dist/policy-playground.cjs, writes its V8 code cache (code-cache.mjs), and lists in
// dist/inputs.json the repository sources it was built from, so bin/policy-playground.cjs can tell
// a stale build. Run by the root package's `prepare` (every `pnpm install`);
// `node packages/cli/build.mjs [OUTDIR]`.
//
// CommonJS, not an ES module: Node 20 can load a script with a code cache (vm.Script) but has
// no cache for ES modules (module.enableCompileCache arrived in Node 22).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    // Without blanks and comments, the bundle is ASCII (esbuild escapes strings and names; the
    // regular expressions in the sources use \u escapes), so the bin reads it as Latin-1: V8
    // gets a one-byte string without a UTF-8 decode. Names are kept: a stack trace still names
    // each function (for lines, run the sources: the bin does when dist/ is missing).
    charset: 'ascii',
    minifyWhitespace: true,
    logLevel: 'warning',
  });
  const bundle = readFileSync(outfile);
  const wide = bundle.findIndex((byte) => byte > 0x7f);
  if (wide !== -1) {
    const line = bundle.subarray(0, wide).toString('latin1').split('\n').length;
    throw new Error(
      `packages/cli/build.mjs: ${outfile}:${line} has a non-ASCII character (bin/prebuilt.cjs reads the bundle as Latin-1): write it as a \\u escape in the source`,
    );
  }
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
