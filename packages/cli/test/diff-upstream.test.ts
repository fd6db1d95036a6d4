/**
 * `diff` compares what the app receives (issue 10): a change that leaves every status alone but
 * changes the path or the headers the application gets is a change, in the text and in `--json`
 * (`before.upstream` / `after.upstream`, fields added to the issue 9 contract). The workspace pairs
 * are upstream golden workspaces with one setting changed; the paths and headers expected on each
 * side are those Istio's tests give (tests/integration/security/normalization_test.go, and
 * forwardOriginalToken keeping `Authorization`, packages/evaluator/test/upstream-golden.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempFile } from './harness';

const golden = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../evaluator/test/golden', `${name}.yaml`), 'utf8');

interface Upstream {
  path: string;
  headers: Record<string, string>;
}
interface ChangeJson {
  name: string;
  kind: string;
  before: { status: string; upstream: Upstream | null };
  after: { status: string; upstream: Upstream | null };
}

const mergeSlashes = golden('upstream-path-normalization-merge-slashes');
const base = mergeSlashes.replace(/^ {6}normalization: MERGE_SLASHES$/m, '      normalization: BASE');
const forward = golden('upstream-forward-original-token');
const strip = forward.replace(/^ {4}forwardOriginalToken: true\n/m, '');

describe('diff of what the app receives', () => {
  it('BASE → MERGE_SLASHES: /app// reaches the app as /app/, a change of kind other', async () => {
    const { code, out } = await run(['diff', tempFile(base), tempFile(mergeSlashes), '--json']);
    expect(code).toBe(1);
    const { changes } = JSON.parse(out) as { changes: ChangeJson[] };
    const change = changes.find((c) => c.name === 'b /app//');
    expect(change?.kind).toBe('other');
    expect([change?.before.status, change?.after.status]).toEqual(['200', '200']);
    expect([change?.before.upstream?.path, change?.after.upstream?.path]).toEqual(['/app//', '/app/']);
    // TestNormalization gives /app for /app in both settings: no change there.
    expect(changes.find((c) => c.name === 'b /app')).toBeUndefined();
  });

  it('the text says what the app receives differently', async () => {
    const { out } = await run(['diff', tempFile(base), tempFile(mergeSlashes)]);
    const at = out.split('\n').findIndex((l) => l.includes('"b /app//"'));
    expect(out.split('\n')[at]).toMatch(
      /^changed .* 200 allowed \(mTLS\) → 200 allowed \(mTLS\) {2}\(other\)/,
    );
    expect(out.split('\n')[at + 1]).toBe('         the app receives: path /app// → /app/');
  });

  it('forwardOriginalToken: true → unset: the app no longer gets Authorization', async () => {
    const { code, out } = await run(['diff', tempFile(forward), tempFile(strip), '--json']);
    expect(code).toBe(1);
    const { changes } = JSON.parse(out) as { changes: ChangeJson[] };
    const change = changes.find((c) => c.name === 'valid-token-forward');
    expect(change?.before.upstream?.headers.authorization).toMatch(/^Bearer ey/);
    expect(change?.after.upstream?.headers.authorization).toBeUndefined();
    const text = await run(['diff', tempFile(forward), tempFile(strip)]);
    expect(text.out).toMatch(/the app receives: header authorization: Bearer ey\S+ → \(absent\)/);
  });

  it('no change when the same workspace is compared with itself, upstream included', async () => {
    const { code, out } = await run(['diff', tempFile(mergeSlashes), tempFile(mergeSlashes), '--json']);
    expect(code).toBe(0);
    const { summary } = JSON.parse(out) as { summary: { changed: number } };
    expect(summary.changed).toBe(0);
  });

  it('added and removed probes carry what the app receives too', async () => {
    const fewer = forward.replace(/^ {4}- \{name: valid-token-forward.*\n/m, '');
    const { out } = await run(['diff', tempFile(fewer), tempFile(forward), '--json']);
    const { added } = JSON.parse(out) as { added: { name: string; after: { upstream: Upstream | null } }[] };
    expect(added.find((a) => a.name === 'valid-token-forward')?.after.upstream?.path).toBe(
      '/valid-token-forward',
    );
  });
});

describe('diff --markdown', () => {
  it('the changed row says what the app receives differently', async () => {
    const { out } = await run(['diff', tempFile(base), tempFile(mergeSlashes), '--markdown']);
    const row = out.split('\n').find((l) => l.includes('/app//') && l.startsWith('|'));
    expect(row).toMatch(/\(other\); the app receives: path \/app\/\/ → \/app\//);
  });
});
