/**
 * `policy-playground import`: a workspace on stdout from kubectl dumps (fixtures built from Istio's
 * samples, see packages/evaluator/test/import), a summary on stderr, and the exit codes of the
 * contract: 0 on success, 2 when a file does not parse or nothing usable was found.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempFile } from './harness';

/** A file named `name` (kubectl dumps keep their names in the summary). */
const temp = (name: string, text: string) => tempFile(text, name);

const fixtures = join(import.meta.dirname, '../../evaluator/test/import');
const fixture = (name: string) => join(fixtures, name);

describe('import', () => {
  it('writes a workspace that test, lint and matrix accept, and the summary on stderr', async () => {
    const { code, out, err } = await run([
      'import',
      fixture('samples-cluster.yaml'),
      fixture('bookinfo-gateway.yaml'),
      fixture('tcp-echo.json'),
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/^apiVersion: playground\/v1\nkind: Mesh\n/);
    expect(err).toMatch(/^import: \d+ read, \d+ skipped, \d+ warnings; 11 workloads, \d+ probes\n/);
    expect(err).toContain('\n  Deployment default/productpage-v1\n');
    expect(err).toContain('\n  Secret default/db-credentials: secrets are ignored');
    expect(err).toContain('\n  Certificate istio-system/bookinfo-cert: unknown kind (cert-manager.io/v1)\n');
    expect(out).not.toContain(Buffer.from('hunter2-do-not-leak').toString('base64'));
    const ws = temp('ws.yaml', out);
    const tested = await run(['test', ws]);
    expect(tested.code, tested.out + tested.err).toBe(0);
    const linted = await run(['lint', ws]);
    expect(linted.code, linted.out + linted.err).toBe(0);
  });

  it('reads standard input for -, and the task table comes out of matrix', async () => {
    const dump = readFileSync(fixture('authn-cluster.yaml'), 'utf8');
    const strict = readFileSync(fixture('authn-mesh-strict.yaml'), 'utf8');
    const { code, out } = await run(
      ['import', '-', fixture('authn-mesh-strict.yaml'), '--probes', 'none'],
      dump,
    );
    expect(code).toBe(0);
    expect(strict).toContain('kind: PeerAuthentication');
    expect(out).toContain('kind: PeerAuthentication');
    const matrix = await run(['matrix', temp('ws.yaml', out), '--all', '--path', '/ip']);
    expect(matrix.code).toBe(0);
    // The task page, "Globally enabling Istio mutual TLS in STRICT mode": only sleep.legacy to the
    // sidecar servers fails, with 000 and kubectl exec's exit code 56.
    expect(matrix.out).toContain('sleep.legacy to httpbin.foo: 000\ncommand terminated with exit code 56\n');
    expect(matrix.out).toContain('sleep.legacy to httpbin.bar: 000\ncommand terminated with exit code 56\n');
    expect(matrix.out).toContain('sleep.legacy to httpbin.legacy: 200\n');
    expect(matrix.out).toContain('sleep.foo to httpbin.foo: 200\n');
  });

  it('--probes none adds no probes; services (the default) adds them', async () => {
    const none = await run(['import', fixture('authn-cluster.yaml'), '--probes', 'none']);
    expect(none.out).not.toContain('from:');
    const services = await run(['import', fixture('authn-cluster.yaml')]);
    expect(services.out).toContain('from: legacy/sleep');
    expect((await run(['import', fixture('authn-cluster.yaml'), '--probes', 'all'])).code).toBe(2);
  });

  it('exits 2 with file:line:column when an input does not parse, and writes nothing', async () => {
    const bad = temp('bad.yaml', 'apiVersion: v1\nkind: List\nitems:\n  - {kind: Pod\n');
    const { code, out, err } = await run(['import', fixture('authn-cluster.yaml'), bad]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(
      new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:1: error import\\.parse: `),
    );
  });

  it('exits 2 when nothing usable was found', async () => {
    const accounts = temp(
      'sa.yaml',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: httpbin, namespace: foo}\n',
    );
    const { code, out, err } = await run(['import', accounts]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('nothing usable');
    expect((await run(['import', '-'], '')).code).toBe(2);
  });

  it('exits 2 on a missing file and needs at least one', async () => {
    expect((await run(['import', join(fixtures, 'no-such-file.yaml')])).code).toBe(2);
    expect((await run(['import'])).code).toBe(2);
  });

  it('the installed command reads a kubectl dump piped to -', () => {
    const bin = join(import.meta.dirname, '../bin/policy-playground.cjs');
    const dump = readFileSync(fixture('authn-cluster.yaml'), 'utf8');
    const child = spawnSync(bin, ['import', '-', '--probes', 'none'], { input: dump, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toContain('kind: Mesh');
    expect(child.stderr).toMatch(/^import: \d+ read, \d+ skipped, 0 warnings; 6 workloads, 0 probes\n/);
  });
});
