/**
 * What the CLI's tests share: a command run in-process with its output captured, golden
 * workspaces by name, and workspace files written to a fresh temporary folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/main';

export const repositoryRoot = join(import.meta.dirname, '../../..');

/** The path of `packages/evaluator/test/golden/<name>.yaml`. */
export const golden = (name: string): string =>
  join(repositoryRoot, 'packages/evaluator/test/golden', `${name}.yaml`);

export interface RunResult {
  code: number;
  out: string;
  err: string;
}

/** Runs one command line through `main`, as the bin would; `stdin` is what `-` reads. */
export async function run(args: string[], stdin?: string): Promise<RunResult> {
  let out = '';
  let err = '';
  // Fatal: a batch that splits a character fails the test.
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const code = await main(args, {
    stdout: (chunk) => (out += typeof chunk === 'string' ? chunk : utf8.decode(chunk)),
    stderr: (s) => (err += s),
    ...(stdin === undefined ? {} : { stdin: () => Promise.resolve(stdin) }),
  });
  return { code, out, err };
}

/** A fresh temporary folder. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'pp-cli-'));

/** Writes `text` to `<fresh folder>/<name>` and returns its path. */
export function tempFile(text: string, name = 'ws.yaml'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}
