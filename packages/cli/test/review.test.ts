/**
 * `diff` and `export-script` (issue 9): exit codes, the `--json` contract, the Markdown report and
 * the verification script. The changes expected between two golden workspaces are the ones their
 * `expect`s (transcribed from the Istio documents) imply: authn-setup → authn-mesh-strict turns
 * sleep.legacy → httpbin.foo and httpbin.bar from 200 into 000.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { golden, run, tempFile } from './harness';

const workspace = (policies: string, probes: string) => `apiVersion: playground/v1
kind: Mesh
spec:
  workloads:
    - {name: sleep, namespace: foo, labels: {app: sleep}, ports: [{name: http, port: 80}]}
    - {name: httpbin, namespace: bar, labels: {app: httpbin}, ports: [{name: http, port: 8000, targetPort: 8080}]}
    - {name: tcp-echo, namespace: bar, labels: {app: tcp-echo}, ports: [{name: tcp, port: 9000}]}
---
${policies}---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
${probes}`;

const DENY_ALL = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-all, namespace: bar}
spec:
  action: DENY
  rules: [{}]
`;

describe('diff', () => {
  it('exits 0 and says so when nothing changed', async () => {
    const { code, out } = await run(['diff', golden('authn-setup'), golden('authn-setup')]);
    expect(code).toBe(0);
    expect(out).toBe(
      '0 connections changed: 0 newly denied, 0 newly allowed, 0 other; 0 added, 0 removed; 11 unchanged\n',
    );
  });

  it('exits 1 and lists the changes of the authentication task’s STRICT step', async () => {
    const { code, out } = await run(['diff', golden('authn-setup'), golden('authn-mesh-strict')]);
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines.filter((l) => l.startsWith('changed '))).toEqual([
      'changed  legacy/sleep → foo/httpbin :8000 GET /ip  200 allowed (plaintext) → 000 mtls-failure  (newly denied)  "sleep.legacy to httpbin.foo"',
      'changed  legacy/sleep → bar/httpbin :8000 GET /ip  200 allowed (plaintext) → 000 mtls-failure  (newly denied)  "sleep.legacy to httpbin.bar"',
    ]);
    // The setup file's two "Auto mutual TLS" probes are not in the STRICT step.
    expect(lines.filter((l) => l.startsWith('removed '))).toHaveLength(2);
    expect(out).toContain(
      '2 connections changed: 2 newly denied, 0 newly allowed, 0 other; 0 added, 2 removed; 7 unchanged',
    );
  });

  it('exits 1 when a probe is only added', async () => {
    const probe = '    - {name: a, from: foo/sleep, to: bar/httpbin, port: 8000}\n';
    const before = tempFile(workspace('', probe));
    const after = tempFile(
      workspace(
        '',
        `${probe}    - {name: b, from: foo/sleep, to: bar/httpbin, port: 8000, request: {path: /b}}\n`,
      ),
    );
    const { code, out } = await run(['diff', before, after]);
    expect(code).toBe(1);
    expect(out).toMatch(/^added {4}foo\/sleep → bar\/httpbin :8000 GET \/b {2}200 allowed \(mTLS\) {2}"b"$/m);
  });

  it('--json follows the contract: keys, defaults, summary', async () => {
    const probes = [
      '    - {name: get, from: foo/sleep, to: bar/httpbin, port: 8000}',
      '    - {name: post, from: foo/sleep, to: bar/httpbin, port: 8000, request: {method: post, path: /post}}',
      '    - {name: tcp, from: foo/sleep, to: bar/tcp-echo, port: 9000}',
      '',
    ].join('\n');
    const before = tempFile(
      workspace(
        '',
        `${probes}    - {name: gone, from: foo/sleep, to: bar/httpbin, port: 8000, request: {path: /gone}}\n`,
      ),
    );
    const after = tempFile(
      workspace(
        DENY_ALL,
        `${probes}    - {name: new, from: foo/sleep, to: bar/httpbin, port: 8000, request: {path: /new}}\n`,
      ),
    );
    const { code, out } = await run(['diff', before, after, '--json']);
    expect(code).toBe(1);
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['changes', 'added', 'removed', 'summary']);
    const changes = json.changes as Record<string, unknown>[];
    for (const c of changes) {
      expect(Object.keys(c).filter((k) => k !== 'kind')).toEqual([
        'name',
        'from',
        'to',
        'port',
        'request',
        'before',
        'after',
      ]);
      expect(Object.keys(c.request as object)).toEqual(['method', 'path']);
      // `upstream` (what the app receives) was added in issue 10.
      expect(Object.keys(c.before as object)).toEqual(['status', 'verdict', 'mtls', 'upstream']);
      expect(Object.keys(c.after as object)).toEqual(['status', 'verdict', 'mtls', 'upstream']);
    }
    // DENY with an empty rule refuses everything (istio.io/latest/docs/reference/config/security/authorization-policy/).
    expect(
      changes.map((c) => [
        c.name,
        c.request,
        (c.before as { status: string }).status,
        (c.after as { status: string }).status,
      ]),
    ).toEqual([
      ['get', { method: 'GET', path: '/' }, '200', '403'],
      ['post', { method: 'POST', path: '/post' }, '200', '403'],
      ['tcp', { method: 'GET', path: '/' }, 'connected', 'denied'],
    ]);
    expect(json.added).toEqual([
      {
        name: 'new',
        from: 'foo/sleep',
        to: 'bar/httpbin',
        port: 8000,
        request: { method: 'GET', path: '/new' },
        // A denied request never reaches the app.
        after: { status: '403', verdict: 'denied', mtls: true, upstream: null },
      },
    ]);
    expect(json.removed).toEqual([
      {
        name: 'gone',
        from: 'foo/sleep',
        to: 'bar/httpbin',
        port: 8000,
        request: { method: 'GET', path: '/gone' },
        before: {
          status: '200',
          verdict: 'allowed',
          mtls: true,
          upstream: expect.objectContaining({ path: '/gone' }) as unknown,
        },
      },
    ]);
    expect(json.summary).toEqual({ changed: 3, added: 1, removed: 1, unchanged: 0 });
  });

  it('--markdown has one table row per change naming both workloads and both statuses', async () => {
    const { code, out } = await run([
      'diff',
      golden('authn-setup'),
      golden('authn-mesh-strict'),
      '--markdown',
      '--link',
      'https://playground.example/#w=1.a&b=1.b',
    ]);
    expect(code).toBe(1);
    const rows = out.split('\n').filter((l) => l.startsWith('| legacy/sleep'));
    expect(rows).toHaveLength(2);
    for (const [target, row] of [
      ['foo', rows[0]],
      ['bar', rows[1]],
    ] as const) {
      expect(row).toContain(`legacy/sleep → ${target}/httpbin \\:8000 GET /ip`);
      expect(row).toMatch(
        /\| 200 allowed \(plaintext\) \| 000 mtls-failure \(newly denied\) \| PeerAuthentication istio-system\/default \|$/,
      );
    }
    expect(out).toContain(
      '**2 connections changed: 2 newly denied, 0 newly allowed, 0 other; 0 added, 2 removed**',
    );
    expect(out).toMatch(/```diff\n--- baseline\n\+\+\+ current\n/);
    expect(out).toContain('<https://playground.example/#w=1.a&b=1.b>');
  });

  it('exits 2 with a clear message on input that is not a workspace', async () => {
    const empty = tempFile('');
    const noMesh = tempFile('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    const version = tempFile('apiVersion: playground/v2\nkind: Mesh\nspec: {}\n');
    const cases: [string[], RegExp][] = [
      [[empty, golden('authn-setup')], /not a workspace: the file has no YAML document/],
      [[golden('authn-setup'), noMesh], /not a workspace: no Mesh document/],
      [[golden('authn-setup'), version], /unknown apiVersion "playground\/v2"/],
      [[golden('authn-setup'), join(tmpdir(), 'does-not-exist.yaml')], /ENOENT/],
    ];
    for (const [files, message] of cases) {
      const { code, err, out } = await run(['diff', ...files]);
      expect(code, files.join(' ')).toBe(2);
      expect(err).toMatch(message);
      expect(out).toBe('');
    }
  });

  it('exits 2 on wrong usage', async () => {
    expect((await run(['diff', golden('authn-setup')])).code).toBe(2);
    const both = await run(['diff', golden('authn-setup'), golden('authn-setup'), '--json', '--markdown']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--json or --markdown, not both');
  });
});

describe('export-script', () => {
  it('prints a script that passes bash -n', async () => {
    for (const name of ['authn-mesh-strict', 'jwt-ingress-require-token', 'concepts-tcp-mongodb']) {
      const { code, out } = await run(['export-script', golden(name)]);
      expect(code).toBe(0);
      expect(out.startsWith('#!/usr/bin/env bash\n')).toBe(true);
      const check = spawnSync('bash', ['-n'], { input: out, encoding: 'utf8' });
      expect(check.stderr, name).toBe('');
      expect(check.status, name).toBe(0);
    }
  });

  it('exits 2 on input that is not a workspace', async () => {
    const { code, err, out } = await run(['export-script', tempFile('# only a comment\n')]);
    expect(code).toBe(2);
    expect(err).toMatch(/not a workspace/);
    expect(out).toBe('');
  });

  it('is in the usage text, with diff', async () => {
    const { out } = await run(['--help']);
    expect(out).toContain('diff BEFORE AFTER');
    expect(out).toContain('export-script FILE');
  });
});

describe('names cannot escape', () => {
  const hostile = [
    `it's "x" $(touch /tmp/pp-cli-pwned)`,
    '`touch /tmp/pp-cli-pwned`',
    '<script>alert(1)</script> | x |',
  ];
  const probes = hostile
    .map(
      (h, i) =>
        `    - {name: ${JSON.stringify(h)}, from: foo/sleep, to: bar/httpbin, port: 8000, request: {path: /p${i}}}\n`,
    )
    .join('');

  it('diff --markdown keeps hostile names inside their table cells', async () => {
    const { code, out } = await run([
      'diff',
      tempFile(workspace('', probes)),
      tempFile(workspace(DENY_ALL, probes)),
      '--markdown',
    ]);
    expect(code).toBe(1);
    const rows = out.split('\n').filter((l) => l.startsWith('| foo/sleep'));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(6); // 4 cells between 5 pipes
    expect(out).not.toMatch(/<script/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| x \\|');
  });

  it('export-script quotes them', async () => {
    const { code, out } = await run(['export-script', tempFile(workspace(DENY_ALL, probes))]);
    expect(code).toBe(0);
    expect(spawnSync('bash', ['-n'], { input: out }).status).toBe(0);
    expect(out).toContain(`check 'it'\\''s "x" $(touch /tmp/pp-cli-pwned)' '403' "$status"`);
    expect(out).toContain("check '`touch /tmp/pp-cli-pwned`' '403' \"$status\"");
  });
});
