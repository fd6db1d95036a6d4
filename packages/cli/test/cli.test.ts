/**
 * The CLI contract (docs/workspace-format.md "CLI"): commands, exit codes, --json fields, and `matrix` printing the
 * authentication task's tables line for line (quoted from the document in fixtures/).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { golden, repositoryRoot, run, tempFile } from './harness';

function seedTables(): Map<string, string> {
  const text = readFileSync(join(import.meta.dirname, 'fixtures/authn-tables.txt'), 'utf8');
  const tables = new Map<string, string>();
  let name = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line === '') continue;
    if (line.startsWith('== ')) {
      name = line.slice(3);
      tables.set(name, '');
    } else tables.set(name, `${tables.get(name) ?? ''}${line}\n`);
  }
  return tables;
}

const tiny = (expect: string) => `apiVersion: playground/v1
kind: Mesh
spec:
  workloads:
    - {name: sleep, namespace: foo, ports: [{name: http, port: 80}]}
    - {name: httpbin, namespace: foo, ports: [{name: http, port: 8000, targetPort: 8080}]}
---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
    - {from: foo/sleep, to: foo/httpbin, port: 8000, expect: "${expect}"}
`;

describe('matrix', () => {
  for (const [name, table] of seedTables()) {
    it(`prints the seed's table for ${name}`, async () => {
      const { code, out } = await run(['matrix', golden(name), '--path', '/ip']);
      expect(code).toBe(0);
      expect(out).toBe(table);
    });
  }

  it('--json gives entries with the seed line', async () => {
    const { out } = await run(['matrix', golden('authn-mesh-strict'), '--json']);
    const { entries } = JSON.parse(out) as { entries: { line: string; status: string; verdict: string }[] };
    expect(entries.find((e) => e.line === 'sleep.legacy to httpbin.foo: 000')?.verdict).toBe('mtls-failure');
  });
});

describe('test', () => {
  it('passes every golden workspace and exits 0', async () => {
    const { code, out } = await run(['test', golden('authn-mesh-strict'), golden('authn-setup')]);
    expect(code).toBe(0);
    expect(out).toMatch(/\d+ passed, 0 failed, 0 invalid/);
  });

  it('--json follows the contract', async () => {
    const { out } = await run(['test', golden('authn-mesh-strict'), '--json']);
    const json = JSON.parse(out) as { results: Record<string, unknown>[]; summary: Record<string, number> };
    expect(Object.keys(json.results[0] ?? {}).sort()).toEqual(
      [
        'expect',
        'file',
        'from',
        'index',
        'mtls',
        'name',
        'pass',
        'port',
        'status',
        'to',
        'trace',
        'upstream',
        'verdict',
      ].sort(),
    );
    // sleep.foo → httpbin.foo over mTLS: the app receives the path and the sidecar's XFCC.
    expect(json.results[0]?.upstream).toEqual({
      path: '/ip',
      headers: {
        'x-forwarded-client-cert':
          'By=spiffe://cluster.local/ns/foo/sa/httpbin;Subject="";URI=spiffe://cluster.local/ns/foo/sa/sleep',
      },
    });
    // sleep.legacy → httpbin.foo is refused (000): no app receives anything.
    expect(json.results[6]?.upstream).toBeUndefined();
    expect(json.summary).toEqual({ passed: 9, failed: 0, invalid: 0, total: 9 });
  });

  it('exits 1 when an expectation fails, and shows the trace', async () => {
    const { code, out } = await run(['test', tempFile(tiny('403'))]);
    expect(code).toBe(1);
    expect(out).toMatch(/expected 403/);
    expect(out).toMatch(/allow: no ALLOW policy applies/);
  });

  it('exits 2 on invalid input', async () => {
    expect((await run(['test', tempFile('kind: [unclosed')])).code).toBe(2);
    expect((await run(['test', '/nonexistent/file.yaml'])).code).toBe(2);
    expect((await run(['frobnicate', 'x'])).code).toBe(2);
  });
});

describe('explain and lint', () => {
  it('explain prints the verdict and a trace that points into the file', async () => {
    const { code, out } = await run([
      'explain',
      golden('authn-mesh-strict'),
      '--from',
      'legacy/sleep',
      '--to',
      'foo/httpbin',
      '--port',
      '8000',
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/legacy\/sleep → foo\/httpbin:8000: 000 mtls-failure/);
    expect(out).toMatch(/authn-mesh-strict\.yaml:\d+/);
    expect(out).not.toMatch(/What the app receives/);
  });

  it('explain prints what the app receives: the normalized path and the headers', async () => {
    const { code, out } = await run([
      'explain',
      golden('upstream-path-normalization-merge-slashes'),
      '--from',
      'ns1/a',
      '--to',
      'ns1/b',
      '--port',
      '80',
      '--path',
      '/app//../x//y?q=1',
    ]);
    expect(code).toBe(0);
    // MERGE_SLASHES resolves dot segments first, then merges (normalization_test.go "/app//../admin").
    expect(out).toMatch(
      /What the app receives:\n {2}path: \/app\/x\/y\?q=1\n {2}headers:\n {4}x-forwarded-client-cert: By=spiffe:\/\/cluster.local\/ns\/ns1\/sa\/b;/,
    );
  });

  it('lint reports file:line:column and exits 1 on errors', async () => {
    const file = tempFile(`apiVersion: playground/v1
kind: Mesh
spec:
  workloads:
    - {name: httpbin, namespace: foo, ports: [{name: http, port: 8000}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: bad, namespace: foo}
spec:
  action: DENY
`);
    const { code, out } = await run(['lint', file]);
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error `));
  });

  it('lint prints the security lints as warnings, exits 0, and --json adds their docs and fixes', async () => {
    const file = golden('concepts-exclusion');
    const { code, out } = await run(['lint', file]);
    expect(code).toBe(0);
    expect(out).toContain(
      ': warning lint.allow-negative-match: AuthorizationPolicy default/disable-jwt-for-healthz:',
    );
    expect(out).toContain(
      ': warning lint.deny-positive-paths: AuthorizationPolicy default/enable-jwt-for-admin:',
    );
    const json = JSON.parse((await run(['lint', '--json', golden('concepts-authz-httpbin')])).out) as {
      files: { diagnostics: { code: string; docs?: string; fixes?: { title: string }[] }[] }[];
    };
    const lint = json.files[0]?.diagnostics.find((d) => d.code === 'lint.allow-identity-plaintext');
    expect(lint?.docs).toMatch(/^https:\/\/istio\.io\//);
    expect(lint?.fixes?.map((f) => f.title)).toContain('Add a STRICT PeerAuthentication for namespace foo');
  });
});

describe('installed binary', () => {
  it('runs as pnpm exec policy-playground would', () => {
    const bin = join(repositoryRoot, 'node_modules/.bin/policy-playground');
    const out = execFileSync(bin, ['matrix', golden('authn-namespace-strict')], { encoding: 'utf8' });
    expect(out).toMatch(/sleep\.legacy to httpbin\.foo: 000/);
    const failed = spawnSync(bin, ['test', tempFile(tiny('403'))], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
  });
});
