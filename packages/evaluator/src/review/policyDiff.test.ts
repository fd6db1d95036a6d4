import { describe, expect, it } from 'vitest';
import { policyDiff } from './policyDiff';

describe('policyDiff', () => {
  it('is empty when the texts are equal', () => {
    expect(policyDiff('a: 1\n', 'a: 1\n')).toBe('');
  });

  it('is a unified diff with file headers and a hunk', () => {
    const before = 'kind: PeerAuthentication\nspec:\n  mtls:\n    mode: PERMISSIVE\n';
    const after = 'kind: PeerAuthentication\nspec:\n  mtls:\n    mode: STRICT\n';
    expect(policyDiff(before, after, { before: 'base.yaml', after: 'head.yaml' })).toBe(
      [
        '--- base.yaml',
        '+++ head.yaml',
        '@@ -1,4 +1,4 @@',
        ' kind: PeerAuthentication',
        ' spec:',
        '   mtls:',
        '-    mode: PERMISSIVE',
        '+    mode: STRICT',
        '',
      ].join('\n'),
    );
  });

  it('adds a whole text to an empty one', () => {
    expect(policyDiff('', 'a: 1\n')).toBe('--- before\n+++ after\n@@ -0,0 +1,1 @@\n+a: 1\n');
  });

  it('replaces every line when two large texts differ beyond the edit cap, quickly', () => {
    const a = Array.from({ length: 6000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 6000 }, (_, i) => `b${i}`).join('\n');
    const started = Date.now();
    const patch = policyDiff(a, b);
    expect(Date.now() - started).toBeLessThan(10_000);
    const lines = patch.split('\n');
    expect(lines.slice(0, 3)).toEqual(['--- before', '+++ after', '@@ -1,6000 +1,6000 @@']);
    expect(lines.filter((l) => l.startsWith('-') && !l.startsWith('---'))).toHaveLength(6000);
    expect(lines.filter((l) => l === '\\ No newline at end of file')).toHaveLength(2);
  });
});
