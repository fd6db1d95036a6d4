import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyStringPattern, compileStringMatcher, compileStringMatchers } from './string';

const plain = { presence: 'non-empty' } as const;
const header = { presence: 'present' } as const;

describe('compileStringMatcher: Istio generic syntax (docs/semantics.md §A4)', () => {
  it.each([
    // pattern, value, expected
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['abc', 'ABC', false],
    ['abc*', 'abcdef', true],
    ['abc*', 'abc', true],
    ['abc*', 'xabc', false],
    ['*abc', 'xyzabc', true],
    ['*abc', 'abc', true],
    ['*abc', 'abcx', false],
    // Z39: a `*` in the middle is a literal, so the pattern is an exact match.
    ['/api/*/admin', '/api/v1/admin', false],
    ['/api/*/admin', '/api/*/admin', true],
    // `**` is a suffix match on a literal `*`.
    ['**', '*', true],
    ['**', 'a*', true],
    ['**', 'ab', false],
    // Leading `*` wins over trailing `*`: `*abc*` is a suffix match on `abc*`.
    ['*abc*', 'xabc*', true],
    ['*abc*', 'xabcx', false],
  ])('%s vs %s → %s', (pattern, value, expected) => {
    expect(compileStringMatcher(pattern, plain)(value)).toBe(expected);
  });

  it('Z41: methods are case-sensitive, so `get` never matches GET', () => {
    expect(compileStringMatcher('get', header)('GET')).toBe(false);
    expect(compileStringMatcher('GET', header)('GET')).toBe(true);
  });

  it('an absent value matches no exact, prefix or suffix pattern', () => {
    for (const p of ['abc', 'abc*', '*abc']) expect(compileStringMatcher(p, plain)(undefined)).toBe(false);
  });

  it('`*` for string matchers is RE2 `.+`: non-empty, and no newline', () => {
    const m = compileStringMatcher('*', plain);
    expect(m(undefined)).toBe(false);
    expect(m('')).toBe(false);
    expect(m('x')).toBe(true);
    expect(m('a\nb')).toBe(false);
  });

  it('`*` for header-based fields is present_match: an empty header still matches', () => {
    const m = compileStringMatcher('*', header);
    expect(m(undefined)).toBe(false);
    expect(m('')).toBe(true);
    expect(m('x')).toBe(true);
  });

  it('ignoreCase folds ASCII letters only', () => {
    expect(compileStringMatcher('ABC*', { ...header, ignoreCase: true })('abcd')).toBe(true);
    expect(compileStringMatcher('*.Foo', { ...header, ignoreCase: true })('x.fOO')).toBe(true);
    expect(compileStringMatcher('é', { ...header, ignoreCase: true })('É')).toBe(false);
  });

  it('classifies in Istio order', () => {
    expect(classifyStringPattern('*', 'present')).toEqual({ kind: 'presence', presence: 'present' });
    expect(classifyStringPattern('**', 'present')).toEqual({ kind: 'suffix', value: '*' });
    expect(classifyStringPattern('a*', 'present')).toEqual({ kind: 'prefix', value: 'a' });
    expect(classifyStringPattern('a*b', 'present')).toEqual({ kind: 'exact', value: 'a*b' });
  });

  it('compileStringMatchers ORs its values; an empty list matches nothing', () => {
    const m = compileStringMatchers(['/a', '/b*'], plain);
    expect(m('/a')).toBe(true);
    expect(m('/bx')).toBe(true);
    expect(m('/c')).toBe(false);
    expect(compileStringMatchers([], plain)('/a')).toBe(false);
  });
});

describe('compileStringMatcher properties', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', '*', '/', 'A', '.'), maxLength: 8 });

  it('`p*` (p non-empty, not starting with `*`) matches exactly the strings starting with p', () => {
    fc.assert(
      fc.property(
        text.filter((p) => p.length > 0 && !p.startsWith('*')),
        text,
        (p, v) => compileStringMatcher(`${p}*`, plain)(v) === v.startsWith(p),
      ),
    );
  });

  it('`*s` (s non-empty) matches exactly the strings ending with s', () => {
    fc.assert(
      fc.property(
        text.filter((s) => s.length > 0),
        text,
        (s, v) => compileStringMatcher(`*${s}`, plain)(v) === v.endsWith(s),
      ),
    );
  });

  it('a pattern without `*` matches only itself', () => {
    fc.assert(
      fc.property(
        text.filter((p) => !p.includes('*')),
        text,
        (p, v) => compileStringMatcher(p, plain)(v) === (v === p),
      ),
    );
  });

  it('`*` matches every non-empty value (non-empty mode) and every defined value (present mode)', () => {
    fc.assert(
      fc.property(fc.option(text, { nil: undefined }), (v) => {
        const nonEmpty = compileStringMatcher('*', plain)(v) === (v !== undefined && v.length > 0);
        const present = compileStringMatcher('*', header)(v) === (v !== undefined);
        return nonEmpty && present;
      }),
    );
  });

  it('ignoreCase agrees with comparing lower-cased ASCII strings', () => {
    const ascii = fc.string({ unit: fc.constantFrom('a', 'B', 'c', 'D', '.', ':', '*'), maxLength: 6 });
    fc.assert(
      fc.property(ascii, ascii, (p, v) => {
        const folded = compileStringMatcher(p, { ...plain, ignoreCase: true });
        return folded(v) === compileStringMatcher(p.toLowerCase(), plain)(v.toLowerCase());
      }),
    );
  });
});
