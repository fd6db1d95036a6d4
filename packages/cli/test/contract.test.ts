/**
 * The CLI contract on hostile or broken input (issue 8, "CLI contract"): what is not a workspace
 * exits 2 with where and why, dropped probes count as invalid, only regular files are read, a
 * closed pipe is no error, and nothing printed can carry terminal controls or bidi overrides.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir, tempFile } from './harness';

// The package's own entry point, run as the installed binary runs it.
const bin = join(import.meta.dirname, '../bin/policy-playground.cjs');

const MESH = `apiVersion: playground/v1
kind: Mesh
spec:
  workloads:
    - {name: sleep, namespace: foo, ports: [{name: http, port: 80}]}
    - {name: httpbin, namespace: foo, ports: [{name: http, port: 8000, targetPort: 8080}]}
`;

const withProbes = (probes: string[]) => `${MESH}---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
${probes.map((p) => `    - ${p}`).join('\n')}
`;

const OK = '{from: foo/sleep, to: foo/httpbin, port: 8000, expect: "200"}';

describe('input that is not a workspace exits 2 for every command, saying where and why', () => {
  const commands: string[][] = [
    ['test'],
    ['lint'],
    ['matrix'],
    ['explain', '--from', 'foo/sleep', '--to', 'foo/httpbin', '--port', '8000'],
  ];
  const cases: { name: string; text: string; message: RegExp }[] = [
    { name: 'an empty file', text: '', message: /ws\.yaml: not a workspace: the file has no YAML document/ },
    { name: 'only comments', text: '# nothing\n', message: /no YAML document/ },
    {
      name: 'no Mesh document',
      text: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: a, namespace: foo}\nspec: {}\n',
      message: /ws\.yaml: not a workspace: no Mesh document/,
    },
    {
      name: 'a Mesh spec that is a list',
      text: 'apiVersion: playground/v1\nkind: Mesh\nspec:\n  - a\n',
      message: /ws\.yaml:4:3: not a workspace: the Mesh document's spec must be a map/,
    },
    {
      name: 'apiVersion playground/v2',
      text: 'apiVersion: playground/v2\nkind: Mesh\nspec:\n  workloads: []\n',
      message: /ws\.yaml:1:1: not a workspace: unknown apiVersion "playground\/v2"/,
    },
  ];
  for (const c of cases)
    for (const [command, ...rest] of commands)
      it(`${command}: ${c.name}`, async () => {
        const { code, err } = await run([command ?? '', tempFile(c.text), ...rest]);
        expect(err).toMatch(c.message);
        expect(code).toBe(2);
      });
});

describe('dropped and invalid probes', () => {
  const file = () =>
    tempFile(
      withProbes([
        OK,
        '{from: foo/sleep, to: foo/httpbin, port: 0, expect: "200"}',
        '{from: foo/sleep, to: foo/httpbin, port: 70000, expect: "200"}',
        '{from: foo/sleep, to: foo/nothere, port: 8000, expect: "200"}',
        '{from: foo/sleep, to: foo/httpbin, port: 9999, expect: "200"}',
      ]),
    );

  it('count as invalid in the summary and exit 1', async () => {
    const { code, out } = await run(['test', file()]);
    expect(out).toMatch(/^1 passed, 0 failed, 4 invalid, 0 without expect$/m);
    expect(out).toMatch(/ws\.yaml:13:7 probes\[1\]: invalid, not evaluated: .*port must be an integer/);
    expect(code).toBe(1);
  });

  it('--json: summary {passed, failed, invalid, total} with total every probe, and the dropped ones', async () => {
    const { code, out } = await run(['test', file(), '--json']);
    const json = JSON.parse(out) as {
      results: unknown[];
      dropped: { index: number; line: number; column: number; reasons: string[] }[];
      summary: Record<string, number>;
    };
    expect(json.summary).toEqual({ passed: 1, failed: 0, invalid: 4, total: 5 });
    expect(json.results).toHaveLength(3);
    expect(json.dropped.map((d) => [d.index, d.line, d.column])).toEqual([
      [1, 13, 7],
      [2, 14, 7],
    ]);
    expect(json.dropped[0]?.reasons.join(' ')).toMatch(/port must be an integer from 1 to 65535/);
    expect(code).toBe(1);
  });

  it('an item that is not a map is a dropped probe too', async () => {
    const { code, out } = await run(['test', tempFile(withProbes([OK, '42'])), '--json']);
    expect((JSON.parse(out) as { summary: unknown }).summary).toEqual({
      passed: 1,
      failed: 0,
      invalid: 1,
      total: 2,
    });
    expect(code).toBe(1);
  });
});

describe('input files', () => {
  // Spawned with a kill timeout: a read that blocks (a FIFO) or never ends (/dev/zero) blocks the
  // thread it runs on, which an in-process test timeout could not interrupt.
  const spawnCli = (args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 15_000, maxBuffer: 1 << 20 });

  it('refuses a FIFO without hanging', { timeout: 30_000 }, () => {
    const fifo = join(tempDir(), 'fifo.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const { status, stderr, signal } = spawnCli(['test', fifo]);
    expect(signal).toBeNull();
    expect(stderr).toMatch(/fifo\.yaml: a FIFO \(named pipe\), not a regular file/);
    expect(status).toBe(2);
  });

  it('refuses /dev/zero without reading it', { timeout: 30_000 }, () => {
    const { status, stderr, signal } = spawnCli(['lint', '/dev/zero']);
    expect(signal).toBeNull();
    expect(stderr).toMatch(/\/dev\/zero: a character device, not a regular file/);
    expect(status).toBe(2);
  });

  it('refuses a directory and a file over the byte cap', async () => {
    const dir = tempDir();
    expect((await run(['matrix', dir])).err).toMatch(/a directory, not a regular file/);
    const big = tempFile(`${MESH}# ${'x'.repeat(6 * 1024 * 1024)}\n`);
    const { code, err } = await run(['test', big]);
    expect(err).toMatch(/bytes is over the \d+ byte limit/);
    expect(code).toBe(2);
  });
});

/* eslint-disable no-control-regex -- these tests look for control characters */
describe('output', () => {
  it('a reader that goes away (| head -1) is no error and no stack trace', { timeout: 60_000 }, async () => {
    const probes = Array.from({ length: 3000 }, () => '{from: foo/sleep, to: foo/httpbin, port: 8000}');
    const file = tempFile(withProbes(probes));
    const child = spawn(process.execPath, [bin, 'test', file, '--verbose'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  const spoof = '\u001b[2K\r\u202eevil\u2066\n100 passed, 0 failed\u0007';
  const hostile = () =>
    tempFile(withProbes([`{name: ${JSON.stringify(spoof)}, from: foo/sleep, to: foo/httpbin, port: 8000}`]));

  it('escapes control, ANSI and bidi characters in printed names', async () => {
    const { out } = await run(['test', hostile()]);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('\\x1b[2K\\x0d\\u202eevil\\u2066\\x0a100 passed, 0 failed\\x07');
    expect(out.split('\n').filter((l) => /passed/.test(l) && !/ws\.yaml/.test(l))).toEqual([
      '0 passed, 0 failed, 0 invalid, 1 without expect',
    ]);
  });

  it('escapes them in diagnostics and in --json, which stays the same JSON', async () => {
    const { err } = await run(['lint', tempFile(`${MESH}---\nkind: "x\u001b[31m\u202e"\n`)]);
    expect(err).not.toMatch(/[\u001b\u202e]/);
    const { out } = await run(['test', hostile(), '--json']);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('\\u202e');
    const json = JSON.parse(out) as { results: { name: string }[] };
    expect(json.results[0]?.name).toBe(spoof);
  });
});
