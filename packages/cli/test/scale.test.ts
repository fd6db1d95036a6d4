/**
 * The CLI at scale (issue 10): the prebuilt bundle `pnpm install` leaves behind runs every command
 * as the sources do, output streamed in pieces is byte for byte the output built whole, and a
 * Service with more than one port names the port in the matrix (docs/workspace-format.md "CLI").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error build.mjs is plain JavaScript without declarations
import { buildCli } from '../build.mjs';
import { jsonWriter, toJson } from '../src/format';
import { BATCH, batched } from '../src/io';
import { golden, run, tempFile } from './harness';

// httpbin's Service has two ports; a DENY on target port 9090 (Istio's `to.operation.ports` are the
// workload's ports) makes the two lines differ. echo's Service has one port: the seeds' form.
const TWO_PORTS = `apiVersion: playground/v1
kind: Mesh
spec:
  namespaces: [{name: foo}, {name: bar}]
  workloads:
    - {name: sleep, namespace: foo, ports: [{name: http, port: 80}]}
    - {name: httpbin, namespace: bar, labels: {app: httpbin}, ports: [{name: http, port: 8000, targetPort: 8080}, {name: http-admin, port: 9000, targetPort: 9090}]}
    - {name: echo, namespace: bar, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: no-admin, namespace: bar}
spec:
  selector: {matchLabels: {app: httpbin}}
  action: DENY
  rules: [{to: [{operation: {ports: ["9090"]}}]}]
---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
    - {from: foo/sleep, to: bar/httpbin, port: 8000}
    - {from: foo/sleep, to: bar/echo, port: 80}
`;

describe('matrix of a Service with more than one port', () => {
  it('names the port, and keeps the seed form for a one-port Service', async () => {
    const { code, out } = await run(['matrix', tempFile(TWO_PORTS)]);
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'sleep.foo to httpbin.bar:8000: 200',
        'sleep.foo to httpbin.bar:9000: 403',
        'sleep.foo to echo.bar: 200',
        '',
      ].join('\n'),
    );
  });

  it('--json carries the same line and the port', async () => {
    const { out } = await run(['matrix', tempFile(TWO_PORTS), '--json']);
    const { entries } = JSON.parse(out) as { entries: { line: string; port: number; verdict: string }[] };
    expect(entries.map((e) => [e.line, e.port, e.verdict])).toEqual([
      ['sleep.foo to httpbin.bar:8000: 200', 8000, 'allowed'],
      ['sleep.foo to httpbin.bar:9000: 403', 9000, 'denied'],
      ['sleep.foo to echo.bar: 200', 80, 'allowed'],
    ]);
  });
});

describe('output in pieces', () => {
  it('matrix lines name a Service as printable makes it, escapes and all', async () => {
    // Workload and namespace names are DNS labels (anything else is refused), but a Service's
    // name is free text: its control, ANSI and bidi characters are escaped, and a line feed in it
    // never starts a line of its own. No policy: every request is allowed.
    const mesh = `apiVersion: playground/v1
kind: Mesh
spec:
  namespaces: [{name: foo}, {name: bar}]
  workloads:
    - {name: sleep, namespace: foo, ports: [{name: http, port: 80}]}
    - {name: httpbin, service: "http\\nbin\\e[2K\\u202e", namespace: bar, ports: [{name: http, port: 8000}, {name: http-admin, port: 9000}]}
`;
    const { code, out } = await run(['matrix', '--all', tempFile(mesh)]);
    expect(code).toBe(0);
    const hostile = 'http\\x0abin\\x1b[2K\\u202e.bar';
    expect(out).toBe(
      [
        'sleep.foo to sleep.foo: 200',
        `sleep.foo to ${hostile}:8000: 200`,
        `sleep.foo to ${hostile}:9000: 200`,
        'httpbin.bar to sleep.foo: 200',
        `httpbin.bar to ${hostile}:8000: 200`,
        `httpbin.bar to ${hostile}:9000: 200`,
        '',
      ].join('\n'),
    );
  });

  it('batched hands over the pieces as UTF-8, whole characters in every batch', () => {
    // Pieces with 2-, 3- and 4-byte characters, so batch ends fall next to them; one that fits an
    // empty batch only; one longer than a batch can hold.
    const pieces = [
      'x'.repeat(5000),
      '→'.repeat(BATCH - 100),
      ...Array.from({ length: 20000 }, (_, i) => `ns${i}/w → é ${'😀'.repeat(i % 3)}\n`),
      '→'.repeat(BATCH * 2),
      'tail\n',
    ];
    const chunks: Uint8Array[] = [];
    const out = batched((bytes) => chunks.push(bytes.slice()));
    for (const piece of pieces) out.push(piece);
    out.flush();
    expect(chunks.length, 'written in batches').toBeGreaterThan(3);
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    expect(chunks.map((c) => utf8.decode(c)).join('')).toBe(pieces.join(''));
  });

  it('jsonWriter writes exactly what toJson writes of the whole object', () => {
    const value = {
      results: [{ a: 1, nested: { list: [1, { b: 'x\ny' }], empty: [], none: {} } }, { c: '\u202e bidi' }],
      dropped: [],
      summary: { passed: 1 },
    };
    let out = '';
    const json = jsonWriter((s) => (out += s));
    const results = json.array('results');
    for (const r of value.results) results.item(r);
    results.close();
    json.field('dropped', value.dropped);
    json.field('summary', value.summary);
    json.end();
    expect(out).toBe(toJson(value));
  });

  it("jsonWriter's lead fields come first, as in {...lead, ...item}", () => {
    const items: Record<string, unknown>[] = [{ index: 0, name: 'a → b', trace: [{ m: 1 }] }, {}];
    const lead = { file: 'dir/ws\u202e.yaml', other: 'x\ny' };
    let out = '';
    const json = jsonWriter((s) => (out += s));
    const results = json.array('results');
    for (const item of items) results.item(item, lead);
    results.close();
    json.end();
    expect(out).toBe(toJson({ results: items.map((item) => ({ ...lead, ...item })) }));
  });

  it('an empty array and no field at all', () => {
    let out = '';
    const json = jsonWriter((s) => (out += s));
    json.array('entries').close();
    json.end();
    expect(out).toBe(toJson({ entries: [] }));
    let none = '';
    jsonWriter((s) => (none += s)).end();
    expect(none).toBe(toJson({}));
  });
});

describe('the prebuilt CLI', () => {
  it('runs every kind of command as the sources do, exit codes included', async () => {
    const bundle = (await buildCli(mkdtempSync(join(tmpdir(), 'pp-cli-build-')))) as string;
    const cases = [
      ['matrix', golden('authn-namespace-strict')],
      ['matrix', tempFile(TWO_PORTS), '--json'],
      ['test', golden('authn-mesh-strict'), '--json', '--now', '2026-01-01T00:00:00Z'],
      ['test', tempFile(TWO_PORTS)],
      ['lint', golden('authn-mesh-strict')],
      ['diff', golden('authn-mesh-strict'), golden('authn-namespace-strict')],
      ['matrix', tempFile('kind: Nothing\n')],
    ];
    for (const args of cases) {
      const direct = await run(args);
      const built = spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8' });
      expect({ args, code: built.status, out: built.stdout, err: built.stderr }).toEqual({
        args,
        code: direct.code,
        out: direct.out,
        err: direct.err,
      });
    }
  });
});
