// Bundles the CLI (src/run.ts and everything it imports, dependencies included) into
// dist/policy-playground.mjs, and lists in dist/inputs.json the repository sources it was built
// from, so bin/policy-playground.js can tell a stale build. Run by the root package's `prepare`
// (every `pnpm install`); `node packages/cli/build.mjs [OUTDIR]`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Builds into `outdir` (default dist/); returns the bundle's path. */
export async function buildCli(outdir = join(here, 'dist')) {
  const { build } = await import('esbuild');
  const outfile = join(outdir, 'policy-playground.mjs');
  const result = await build({
    entryPoints: [join(here, 'src/run.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    metafile: true,
    logLevel: 'warning',
    // Dependencies written as CommonJS (yaml) call require(), which an ES module lacks.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes('node_modules/'))
    .map((input) => relative(outdir, resolve(input)));
  mkdirSync(outdir, { recursive: true });
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
