/**
 * The verification script: it passes `bash -n`, and run for real with `kubectl` and `curl`
 * replaced by PATH shims that only record their argv, nothing written in the workspace executes
 * (the `pwned` file is never created) and every value reaches kubectl and curl intact.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluateWorkspace,
  serializeWorkspace,
  shq,
  splitWorkspace,
  verificationScript,
  type WorkspaceParts,
} from '../src';
import { hostileMesh, hostileProbes, hostileStrings, POLICY_TEXT } from './review-hostile';

const NOW = new Date('2026-01-01T00:00:00Z');

async function scriptOf(parts: WorkspaceParts) {
  const text = serializeWorkspace(parts).text;
  const split = splitWorkspace(text);
  const evaluation = await evaluateWorkspace(text, { now: NOW });
  return { script: verificationScript(split, evaluation), parts: split, evaluation };
}

const bashN = (script: string) => spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });

/** A shim that records its argv (NUL-separated, one file per call) and answers like a cluster would. */
const SHIM = `#!/usr/bin/env bash
n=$(ls "$CALLS" | wc -l)
printf '%s\\0' "$(basename "$0")" "$@" > "$CALLS/$(printf '%05d' "$n")"
case "$(basename "$0") $1" in
  "kubectl apply") cat > "$CALLS/../applied.yaml" ;;
  "kubectl get") case "$*" in *podIP*) echo 10.1.2.3 ;; *) echo pod-1 ;; esac ;;
  "kubectl exec") case "$*" in *" nc "*) echo hello ;; *) echo "$STUB_STATUS" ;; esac ;;
  curl*) echo "$STUB_STATUS" ;;
esac
`;

function runWithShims(script: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'pp-script-'));
  const bin = join(dir, 'bin');
  const calls = join(dir, 'calls');
  mkdirSync(bin);
  mkdirSync(calls);
  for (const name of ['kubectl', 'curl']) {
    writeFileSync(join(bin, name), SHIM);
    chmodSync(join(bin, name), 0o755);
  }
  const file = join(dir, 'verify.sh');
  writeFileSync(file, script);
  const run = spawnSync('bash', [file], {
    encoding: 'utf8',
    cwd: dir,
    env: {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      CALLS: calls,
      SETTLE_SECONDS: '0',
      STUB_STATUS: '200',
      ...env,
    },
  });
  const argvs = readdirSync(calls)
    .sort()
    .map((f) => readFileSync(join(calls, f), 'utf8').split('\0').slice(0, -1));
  const appliedFile = join(dir, 'applied.yaml');
  return { run, argvs, applied: existsSync(appliedFile) ? readFileSync(appliedFile, 'utf8') : null, dir };
}

describe('shq', () => {
  it('single-quotes a value so bash reads it back unchanged', () => {
    for (const value of hostileStrings('/tmp/never')) {
      const echoed = spawnSync('bash', ['-c', `printf '%s' ${shq(value)}`], { encoding: 'utf8' });
      expect(echoed.stdout).toBe(value);
    }
  });
});

describe('verificationScript', () => {
  it('passes bash -n for every golden workspace shape', async () => {
    for (const name of [
      'authn-mesh-strict',
      'jwt-ingress-require-token',
      'concepts-tcp-mongodb',
      'concepts-exclusion',
    ]) {
      const text = readFileSync(join(import.meta.dirname, 'golden', `${name}.yaml`), 'utf8');
      const script = verificationScript(splitWorkspace(text), await evaluateWorkspace(text, { now: NOW }));
      expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
      expect(script).toContain('set -uo pipefail');
      const check = bashN(script);
      expect(check.stderr, name).toBe('');
      expect(check.status, name).toBe(0);
    }
  });

  it('writes the Istio task pages’ command for a probe', async () => {
    const text = readFileSync(join(import.meta.dirname, 'golden', 'authn-mesh-strict.yaml'), 'utf8');
    const script = verificationScript(splitWorkspace(text), await evaluateWorkspace(text));
    expect(script).toContain(
      `status=$(kubectl exec "$(kubectl get pod -l 'app=sleep' -n 'legacy' -o jsonpath={.items..metadata.name})" -c 'sleep' -n 'legacy' -- curl 'http://httpbin.foo:8000''/ip' -s -o /dev/null -w "%{http_code}\\n")`,
    );
    expect(script).toContain(`check 'sleep.legacy to httpbin.foo' '000' "$status"`);
  });

  it('checks each status, prints PASS/FAIL and a summary, exits 1 on a mismatch', async () => {
    const text = readFileSync(join(import.meta.dirname, 'golden', 'authn-mesh-strict.yaml'), 'utf8');
    const { script, evaluation } = await scriptOf(splitWorkspace(text));
    const allOk = runWithShims(script, { STUB_STATUS: '200' });
    const failing = evaluation.probes.filter((r) => r.status !== '200').length;
    expect(failing).toBe(2);
    expect(allOk.run.stdout).toContain(`${evaluation.probes.length - 2} passed, 2 failed, 0 skipped`);
    expect(allOk.run.stdout).toContain('FAIL sleep.legacy to httpbin.foo: expected 000, got 200');
    expect(allOk.run.status).toBe(1);
    expect(allOk.applied).toBe(splitWorkspace(text).policies);
  });

  it('runs nothing from a hostile workspace and passes every value intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-pwned-'));
    const pwned = join(dir, 'pwned');
    const parts: WorkspaceParts = {
      metadata: { name: `x'$(touch ${pwned})`, title: `title\n touch ${pwned}` },
      mesh: hostileMesh(pwned),
      policies: POLICY_TEXT,
      probes: hostileProbes(pwned),
    };
    const { script, parts: split, evaluation } = await scriptOf(parts);
    expect(bashN(script).status).toBe(0);
    const specs = split.probes.probes ?? [];
    expect(Object.keys(split.probes.tokens ?? {})).toHaveLength(2);
    const { run, argvs, applied } = runWithShims(script, {
      INGRESS_HOST: 'ingress.example',
      INGRESS_PORT: '8080',
    });
    expect(existsSync(pwned), 'a name ran a command').toBe(false);
    expect(run.stderr).toBe('');
    // The Istio resources arrive byte for byte, a line equal to the default delimiter included.
    expect(applied).toBe(POLICY_TEXT);

    const execs = argvs.filter((a) => a[0] === 'kubectl' && a[1] === 'exec');
    const gets = argvs.filter((a) => a[0] === 'kubectl' && a[1] === 'get');
    const sleep = hostileMesh(pwned).workloads?.[0];
    for (const get of gets)
      expect(get).toEqual([
        'kubectl',
        'get',
        'pod',
        '-l',
        `app=${sleep?.labels?.app ?? ''}`,
        '-n',
        'foo',
        '-o',
        'jsonpath={.items..metadata.name}',
      ]);
    const http = evaluation.probes.filter(
      (r) => r.status !== 'connected' && r.status !== 'denied' && r.from !== 'external',
    );
    // From outside the mesh: curl on this machine to the ingress gateway, the Host header as written.
    const external = (split.probes.probes ?? []).find((p) => p.from === 'external');
    const curls = argvs.filter((a) => a[0] === 'curl');
    expect(curls).toHaveLength(1);
    expect(curls[0]?.[1]).toBe(`http://ingress.example:8080${external?.request?.path ?? ''}`);
    expect(curls[0]).toContain(`Host: ${external?.request?.host ?? ''}`);
    const simulated = Object.keys(split.probes.tokens ?? {}).find((k) => k !== 'real') ?? '';
    for (const r of http) {
      const spec = specs[r.index];
      const request = spec?.request ?? {};
      const exec = execs.find((a) => a.includes(`http://httpbin.bar:8000${request.path ?? '/'}`));
      if (request.token === simulated) {
        // Its token is simulated: the script needs TOKEN_<NAME>, here unset, so it skips the probe.
        expect(exec, r.name).toBeUndefined();
        expect(run.stdout).toContain(`SKIP ${r.name.split('\n')[0] ?? ''}`);
        continue;
      }
      expect(exec, r.name).toBeDefined();
      if (!exec) continue;
      expect(exec.slice(0, 9)).toEqual([
        'kubectl',
        'exec',
        'pod-1',
        '-c',
        'sleep',
        '-n',
        'foo',
        '--',
        'curl',
      ]);
      for (const [k, v] of Object.entries(request.headers ?? {})) expect(exec).toContain(`${k}: ${v}`);
      if (request.method === 'POST') expect(exec).toEqual(expect.arrayContaining(['-X', 'POST']));
      if (request.host) expect(exec).toContain(`Host: ${request.host}`);
      if (request.token === 'real')
        expect(exec).toContain(`Authorization: Bearer ${split.probes.tokens?.real?.raw ?? ''}`);
      expect(exec.slice(-1)[0] === '-g' || exec.includes('-w')).toBe(true);
    }
    const tcp = execs.find((a) => a.includes('tcp-echo.bar'));
    expect(tcp?.slice(-5)).toEqual(['-c', 'echo hello | nc -w 3 "$1" "$2"', 'sh', 'tcp-echo.bar', '9000']);
    // Every evaluated probe is reported, each name whole on its line (newlines are the names' own).
    const lines = run.stdout.split('\n');
    expect(lines.filter((l) => /^(PASS|FAIL|SKIP) /.test(l)).length).toBe(evaluation.probes.length);
  });

  it('reads a simulated token from TOKEN_<NAME>, and passes it intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-pwned-'));
    const pwned = join(dir, 'pwned');
    const { script, parts } = await scriptOf({
      metadata: {},
      mesh: hostileMesh(pwned),
      policies: '',
      probes: hostileProbes(pwned),
    });
    const variable = /\$\{(TOKEN_[A-Z0-9_]+):\?/.exec(script)?.[1] ?? '';
    expect(variable).toMatch(/^TOKEN_/);
    expect(script).toContain(`#   ${variable}: token `);
    const token = `eyJ.$(touch ${pwned}).'"\``;
    const { run, argvs } = runWithShims(script, { [variable]: token });
    expect(existsSync(pwned)).toBe(false);
    // Only the external probe is skipped (no INGRESS_HOST here), not the one with the token.
    expect(run.stdout.match(/^SKIP .*/gm)).toEqual([
      expect.stringMatching(/^SKIP external .*: set INGRESS_HOST INGRESS_PORT$/),
    ]);
    const probe = (parts.probes.probes ?? []).find((p) => p.request?.token && p.request.token !== 'real');
    const exec = argvs.find((a) => a.includes(`http://httpbin.bar:8000${probe?.request?.path ?? ''}`));
    expect(exec).toContain(`Authorization: Bearer ${token}`);
  });

  it('chooses a here-document delimiter that is not a line of the resources', async () => {
    const { script } = await scriptOf({
      metadata: {},
      mesh: hostileMesh('/tmp/x'),
      policies: POLICY_TEXT,
      probes: {},
    });
    expect(script).toContain("<<'PLAYGROUND_ISTIO_RESOURCES_1'");
  });
});
