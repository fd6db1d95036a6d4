/**
 * Regenerates the policies editor's JSON schema from Istio's and the Gateway API's published
 * CustomResourceDefinitions (docs/schemas.md):
 *
 *   pnpm run schemas:generate -- \
 *     --repo istio/istio --ref '1.30.3 (56df41f…)' crd-all.gen.yaml \
 *     --repo kubernetes-sigs/gateway-api --ref 'v1.6.1 (8bb74df…)' \
 *       gateway.networking.k8s.io_gateways.yaml gateway.networking.k8s.io_httproutes.yaml
 *
 * Each `--repo … --ref …` starts a source; the files after it are that source's CRD files.
 * `--out <file>` overrides where the module is written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { KNOWN_KINDS } from '../packages/evaluator/src/resources/index';
import type { WantedKind } from './schemas/assemble';
import { type Source, moduleText } from './schemas/emit';

export const DEFAULT_OUT = 'app/src/features/editor/schemas/policiesSchema.generated.ts';

/** The kinds and versions the engine reads: the evaluator's own list, so a new kind is covered at once. */
export const ENGINE_KINDS: readonly WantedKind[] = KNOWN_KINDS;

export interface Arguments {
  out: string;
  sources: Source[];
}

/** Parses the command line; reads each CRD file. */
export function parseArguments(
  argv: readonly string[],
  read = (path: string) => readFileSync(path, 'utf8'),
): Arguments {
  let out = DEFAULT_OUT;
  const sources: Source[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = (): string => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      return value;
    };
    if (arg === '--') continue;
    if (arg === '--out') out = next();
    else if (arg === '--repo') sources.push({ repo: next(), ref: '', files: [] });
    else if (arg === '--ref') {
      const source = sources.at(-1);
      if (source === undefined) throw new Error('--ref comes after --repo');
      source.ref = next();
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else {
      const source = sources.at(-1);
      if (source === undefined) throw new Error(`${arg}: give --repo and --ref before the files`);
      source.files.push({ name: basename(arg), text: read(arg) });
    }
  }
  if (sources.length === 0)
    throw new Error('no sources: see the usage at the top of scripts/generate-schemas.ts');
  for (const s of sources) {
    if (s.ref === '') throw new Error(`${s.repo}: --ref is missing`);
    if (s.files.length === 0) throw new Error(`${s.repo}: no CRD files`);
  }
  return { out, sources };
}

/** The formatted module for `sources`, as it is written to disk. */
export async function generateModule(
  sources: readonly Source[],
  wanted: readonly WantedKind[] = ENGINE_KINDS,
): Promise<string> {
  // The repository's Prettier settings, wherever the module is written.
  const config = (await resolveConfig(join(import.meta.dirname, '..', DEFAULT_OUT))) ?? {};
  return format(moduleText(sources, wanted, 'policiesSchema'), { ...config, parser: 'typescript' });
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  writeFileSync(args.out, await generateModule(args.sources));
  console.log(`wrote ${args.out}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
