import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob';

/** The regex Istio would emit for the same glob, run on RE2: the oracle. */
function oracle(pieces: readonly string[], text: string): boolean {
  return RE2JS.compile(pieces.map((p) => RE2JS.quote(p)).join('.*')).matches(text);
}

describe('compileGlob', () => {
  it('matches prefix, suffix, contains and exact pieces', () => {
    expect(compileGlob(['', '/ns/foo/', ''])('spiffe://td/ns/foo/sa/x')).toBe(true);
    expect(compileGlob(['', '/ns/f', 'o/', ''])('spiffe://td/ns/foo/sa/x')).toBe(true);
    expect(compileGlob(['', '/ns/fo', 'o/', ''])('spiffe://td/ns/fo/sa/x')).toBe(false);
    expect(compileGlob(['ab'])('ab')).toBe(true);
    expect(compileGlob(['a', 'a'])('a')).toBe(false);
    expect(compileGlob(['a', 'a'])('aa')).toBe(true);
    expect(compileGlob(['', ''])('x\ny')).toBe(false);
  });

  it('runs in linear time on a pattern that makes a backtracking regex explode', () => {
    const pieces = ['', ...Array(40).fill('a'), 'b'];
    expect(compileGlob(pieces)('a'.repeat(100_000))).toBe(false);
    expect(compileGlob(['', ...Array(40).fill('a\n'), 'b'])('a\n'.repeat(2000))).toBe(false);
  });

  it('agrees with RE2 on random globs and texts (newlines included)', () => {
    const chars = fc.constantFrom('a', 'b', '/', '\n');
    const str = fc.array(chars, { maxLength: 6 }).map((c) => c.join(''));
    fc.assert(
      fc.property(
        fc.array(str, { minLength: 1, maxLength: 5 }),
        fc.array(chars, { maxLength: 14 }),
        (pieces, t) => {
          const text = t.join('');
          expect(compileGlob(pieces)(text)).toBe(oracle(pieces, text));
        },
      ),
      { numRuns: 3000, seed: 42 },
    );
  });
});
