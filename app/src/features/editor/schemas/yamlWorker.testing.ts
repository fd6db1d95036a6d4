/**
 * monaco-yaml's own language service (its yaml.worker, which bundles yaml-language-server) run in
 * Node for tests: esbuild bundles the worker with its `monaco-worker-manager/worker` entry replaced
 * by a stub that hands over the factory the worker registers, and the factory gets a context whose
 * only model is the text under test. So tests see exactly the validation, completion and hover the
 * editor shows, without a browser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { POLICIES_SCHEMA } from './settings';

export const POLICIES_URI = 'file:///workspace/policies.yaml';

export interface Position {
  line: number;
  character: number;
}
export interface Diagnostic {
  message: string;
  source?: string;
  range: { start: Position; end: Position };
}
export interface CompletionItem {
  label: string;
}
export interface Hover {
  contents: { value: string };
}

interface WorkerLanguageService {
  doValidation(uri: string): Promise<Diagnostic[]>;
  doComplete(uri: string, position: Position): Promise<{ items: CompletionItem[] }>;
  doHover(uri: string, position: Position): Promise<Hover | null | undefined>;
}

interface MirrorModel {
  uri: string;
  version: number;
  getValue(): string;
}

type WorkerFactory = (ctx: { getMirrorModels(): MirrorModel[] }, settings: unknown) => WorkerLanguageService;

const STUB = 'export function initialize(fn) { globalThis.__playgroundYamlWorker = fn; }';

/** The service configured as monacoSetup.ts configures monaco-yaml. */
export async function yamlLanguageService() {
  const dir = mkdtempSync(join(tmpdir(), 'yaml-worker-'));
  const outfile = join(dir, 'yaml.worker.mjs');
  await build({
    entryPoints: ['monaco-yaml/yaml.worker.js'],
    bundle: true,
    format: 'esm',
    platform: 'browser', // as Vite bundles it for the app
    outfile,
    logLevel: 'error',
    plugins: [
      {
        name: 'worker-manager-stub',
        setup(b) {
          b.onResolve({ filter: /^monaco-worker-manager\/worker$/ }, () => ({
            path: 'stub',
            namespace: 'stub',
          }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: STUB }));
        },
      },
    ],
  });
  await import(/* @vite-ignore */ pathToFileURL(outfile).href);
  rmSync(dir, { recursive: true, force: true });
  const factory = (globalThis as { __playgroundYamlWorker?: WorkerFactory }).__playgroundYamlWorker;
  if (factory === undefined) throw new Error('monaco-yaml worker did not register');

  let model: MirrorModel = { uri: POLICIES_URI, version: 0, getValue: () => '' };
  const service = factory(
    { getMirrorModels: () => [model] },
    {
      enableSchemaRequest: false,
      validate: true,
      completion: true,
      hover: true,
      schemas: [POLICIES_SCHEMA],
    },
  );
  const open = (text: string): void => {
    model = { uri: POLICIES_URI, version: model.version + 1, getValue: () => text };
  };
  return {
    validate: async (text: string): Promise<Diagnostic[]> => {
      open(text);
      return service.doValidation(POLICIES_URI);
    },
    complete: async (text: string, position: Position): Promise<string[]> => {
      open(text);
      return (await service.doComplete(POLICIES_URI, position)).items.map((i) => i.label);
    },
    hover: async (text: string, position: Position): Promise<string> => {
      open(text);
      return (await service.doHover(POLICIES_URI, position))?.contents.value ?? '';
    },
  };
}
