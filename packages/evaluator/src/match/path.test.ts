import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePathMatcher,
  normalizePath,
  PATH_NORMALIZATIONS,
  upstreamPath,
  type PathNormalization,
} from './path';

const norm = (raw: string): string => normalizePath(raw).path;

describe('normalizePath: Istio BASE normalization (docs/semantics.md §A4)', () => {
  it.each([
    ['/ip', '/ip'],
    ['/allow/admin?param=value', '/allow/admin'],
    ['/allow?param=value', '/allow'],
    ['/a#frag?x', '/a'],
    ['/a?x#frag', '/a'],
    // RFC 3986 dot segments.
    ['/public/../public', '/public'],
    ['/public/../private', '/private'],
    ['/a/./b', '/a/b'],
    ['/a/b/..', '/a/'],
    ['/a/b/.', '/a/b/'],
    ['/..', '/'],
    ['/../../a', '/a'],
    ['/a/...', '/a/...'],
    ['/a/..b/.c', '/a/..b/.c'],
    // Unreserved escapes are decoded once, hex case-insensitive; then dots resolve.
    ['/public/%2e%2e/private', '/private'],
    ['/public/%2E/%2E%2E/private', '/private'],
    ['/%41%62%7e%5F%2D%30%39', '/Ab~_-09'],
    ['/a/.%2e/b', '/b'],
    // Other escapes stay as written; no double decoding.
    ['/a%2Fb', '/a%2Fb'],
    ['/a%2fb', '/a%2fb'],
    ['/a%5Cb', '/a%5Cb'],
    ['/a%252e', '/a%252e'],
    ['/a%20b', '/a%20b'],
    ['/a%zz', '/a%zz'],
    ['/a%4', '/a%4'],
    // Backslashes become slashes (and then take part in dot resolution).
    ['/a\\b', '/a/b'],
    ['/a\\..\\b', '/b'],
    // Slashes are not merged.
    ['//a//b', '//a//b'],
    ['/a//../b', '/a/b'],
    // Degenerate targets get a leading slash.
    ['', '/'],
    ['?x', '/'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizePath(raw)).toEqual({ path: expected, rejected: false });
  });

  it('rejects %00 and a raw NUL (Envoy answers 400)', () => {
    expect(normalizePath('/a%00b').rejected).toBe(true);
    expect(normalizePath('/a%00').rejected).toBe(true);
    expect(normalizePath('/a\0b').rejected).toBe(true);
    expect(normalizePath('/a?x=%00').rejected).toBe(false); // the query is not normalized
  });

  it('decodes exactly once, left to right: a decoded byte never starts a new escape', () => {
    // `%4` is not an escape, `%31` decodes to `1`; the result `%41` is not decoded again.
    expect(norm('/%4%31')).toBe('/%41');
  });
});

describe('compilePathMatcher', () => {
  it('Z10: DENY `/allow/admin` beats ALLOW `/allow*`; the query is ignored', () => {
    const deny = compilePathMatcher('/allow/admin');
    const allow = compilePathMatcher('/allow*');
    const decide = (raw: string): number => {
      const path = norm(raw);
      if (deny(path)) return 403;
      return allow(path) ? 200 : 403;
    };
    expect(decide('/allow/admin')).toBe(403);
    expect(decide('/allow/admin?param=value')).toBe(403);
    expect(decide('/allow')).toBe(200);
    expect(decide('/allow?param=value')).toBe(200);
  });

  it('Z12: ALLOW `/public*` sees the normalized path', () => {
    const allow = compilePathMatcher('/public*');
    expect(allow(norm('/public/../public'))).toBe(true);
    expect(allow(norm('/public/../private'))).toBe(false);
    expect(allow(norm('/public/%2e%2e/private'))).toBe(false);
    expect(allow(norm('/public/%2E/%2E%2E/private'))).toBe(false);
  });

  it('Z11: templates are used when the value contains {*} or {**}', () => {
    const paths = ['/allow/admin/{**}', '/foo/{*}/bar/{**}', '/store/{**}/cart'].map(compilePathMatcher);
    const allowed = (raw: string): boolean => paths.some((m) => m(norm(raw)));
    expect(allowed('/allow/admin/')).toBe(true);
    expect(allowed('/allow/admin')).toBe(false);
    expect(allowed('/allow/admin/foo/temp.txt')).toBe(true);
    expect(allowed('/foo/buzz/bar/bat')).toBe(true);
    expect(allowed('/foo/bar/bat.txt')).toBe(false);
    expect(allowed('/store//cart')).toBe(true);
    expect(allowed('/store/cart')).toBe(false);
  });

  it('Z39: `/api/*/admin` is a literal, so it does not match /api/v1/admin', () => {
    expect(compilePathMatcher('/api/*/admin')(norm('/api/v1/admin'))).toBe(false);
  });

  it('ignores a query or fragment handed to it, as Envoy PathMatcher does', () => {
    expect(compilePathMatcher('/a')('/a?b')).toBe(true);
    expect(compilePathMatcher('*/info')('/x/info#top')).toBe(true);
    expect(compilePathMatcher('*')('/')).toBe(true);
  });
});

describe('normalizePath properties', () => {
  // Paths built from tokens that exercise every rule; `%` only appears in well-formed escapes.
  const token = fc.constantFrom(
    '/',
    'a',
    'B',
    '.',
    '..',
    '%2e',
    '%2E',
    '%2F',
    '%2f',
    '%5C',
    '%41',
    '%7e',
    '%25',
    '%252e',
    '\\',
    '-',
    '~',
    '?q',
    '#f',
  );
  const rawPath = fc.array(token, { maxLength: 14 }).map((parts) => parts.join(''));

  it('is idempotent on its output', () => {
    fc.assert(
      fc.property(rawPath, (raw) => {
        const once = normalizePath(raw);
        if (once.rejected) return true;
        expect(normalizePath(once.path)).toEqual(once);
        return true;
      }),
    );
  });

  it('never yields `.` or `..` segments, a query, a fragment or a backslash, and starts with /', () => {
    fc.assert(
      fc.property(rawPath, (raw) => {
        const { path } = normalizePath(raw);
        const segments = path.split('/');
        return (
          path.startsWith('/') && !segments.includes('.') && !segments.includes('..') && !/[?#\\]/.test(path)
        );
      }),
    );
  });
});

/**
 * Expectations from istio/istio `tests/integration/security/normalization_test.go`
 * (`TestNormalization`, master 86c9f01f): `in` is what the client sends, `out` the URL the echo
 * app received. Our normalized path drops the query; none of these inputs has one.
 */
describe('normalizePath per meshConfig.pathNormalization (TestNormalization)', () => {
  const cases: Record<PathNormalization, [string, string][]> = {
    NONE: [
      ['/', '/'],
      ['/app#foo', '/app'],
      ['/app/', '/app/'],
      ['/app/../admin', '/app/../admin'],
      ['/app', '/app'],
      ['/app//', '/app//'],
      ['/app/%2f', '/app/%2f'],
      ['/app%2f/', '/app%2f/'],
      ['/xyz%30..//abc', '/xyz%30..//abc'],
      ['/app/%2E./admin', '/app/%2E./admin'],
      ['/app\\admin', '/app\\admin'],
      ['/app/\\/\\/\\admin', '/app/\\/\\/\\admin'],
      ['/%2Fapp%5cadmin%5Cabc', '/%2Fapp%5cadmin%5Cabc'],
      ['/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc', '/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc'],
      ['/app//../admin', '/app//../admin'],
      ['/app//../../admin', '/app//../../admin'],
    ],
    BASE: [
      ['/', '/'],
      ['/app#foo', '/app'],
      ['/app/', '/app/'],
      ['/app/../admin', '/admin'],
      ['/app', '/app'],
      ['/app//', '/app//'],
      ['/app/%2f', '/app/%2f'],
      ['/app%2f/', '/app%2f/'],
      ['/xyz%30..//abc', '/xyz0..//abc'],
      ['/app/%2E./admin', '/admin'],
      ['/app\\admin', '/app/admin'],
      ['/app/\\/\\/\\admin', '/app//////admin'],
      ['/%2Fapp%5cadmin%5Cabc', '/%2Fapp%5cadmin%5Cabc'],
      ['/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc', '/%5Capp%2f%5c%2F..%2fadmin%5c/abc'],
      ['/app//../admin', '/app/admin'],
      ['/app//../../admin', '/admin'],
    ],
    MERGE_SLASHES: [
      ['/', '/'],
      ['/app#foo', '/app'],
      ['/app/', '/app/'],
      ['/app/../admin', '/admin'],
      ['/app', '/app'],
      ['/app//', '/app/'],
      ['/app/%2f', '/app/%2f'],
      ['/app%2f/', '/app%2f/'],
      ['/xyz%30..//abc', '/xyz0../abc'],
      ['/app/%2E./admin', '/admin'],
      ['/app\\admin', '/app/admin'],
      ['/app/\\/\\/\\admin', '/app/admin'],
      ['/%2Fapp%5cadmin%5Cabc', '/%2Fapp%5cadmin%5Cabc'],
      ['/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc', '/%5Capp%2f%5c%2F..%2fadmin%5c/abc'],
      ['/app//../admin', '/app/admin'],
      ['/app//../../admin', '/admin'],
    ],
    DECODE_AND_MERGE_SLASHES: [
      ['/', '/'],
      ['/app#foo', '/app'],
      ['/app/', '/app/'],
      ['/app/../admin', '/admin'],
      ['/app', '/app'],
      ['/app//', '/app/'],
      ['/app/%2f', '/app/'],
      ['/app%2f/', '/app/'],
      ['/xyz%30..//abc', '/xyz0../abc'],
      ['/app/%2E./admin', '/admin'],
      ['/app\\admin', '/app/admin'],
      ['/app/\\/\\/\\admin', '/app/admin'],
      ['/%2Fapp%5cadmin%5Cabc', '/app/admin/abc'],
      ['/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc', '/app/admin/abc'],
      ['/app//../admin', '/app/admin'],
      ['/app//../../admin', '/admin'],
      ['/%c0%2e%c0%2e/admin', '/%c0.%c0./admin'],
      ['/%c0%2fadmin', '/%c0/admin'],
      // The "NotNormalized" group (also DECODE_AND_MERGE_SLASHES).
      ['/0x2e0x2e/admin', '/0x2e0x2e/admin'],
      ['/0x2e0x2e0x2fadmin', '/0x2e0x2e0x2fadmin'],
      ['/%25c0%25ae%25c1%259cadmin', '/%25c0%25ae%25c1%259cadmin'],
      ['/%252e%252e/admin', '/%252e%252e/admin'],
      ['/%252e%252e%252fadmin', '/%252e%252e%252fadmin'],
      ['/%c1%9cadmin', '/%c1%9cadmin'],
      ['/%c0%ae%c0%ae/admin', '/%c0%ae%c0%ae/admin'],
      ['/%c0%afadmin', '/%c0%afadmin'],
      ['/.../admin', '/.../admin'],
      ['/..../admin', '/..../admin'],
      ['/..;/admin', '/..;/admin'],
      ['/;/admin', '/;/admin'],
      ['/admin;a=b', '/admin;a=b'],
      ['/admin;a=b/xyz', '/admin;a=b/xyz'],
      ['/admin,a=b/xyz', '/admin,a=b/xyz'],
      ['/Admin', '/Admin'],
      ['/ADMIN', '/ADMIN'],
    ],
  };
  for (const mode of PATH_NORMALIZATIONS) {
    it.each(cases[mode])(`${mode}: %j → %j`, (raw, expected) => {
      expect(normalizePath(raw, mode)).toEqual({ path: expected, rejected: false });
    });
  }

  it('DECODE_AND_MERGE_SLASHES: /admin%01 … /admin%ff as the "PercentEncoded" group derives them', () => {
    // The test decodes `- . / \ _ ~ 0-9 A-Z a-z` (then `\` → `/`) and keeps every other escape.
    const decoded = (i: number): boolean =>
      [0x2d, 0x2e, 0x2f, 0x5c, 0x5f, 0x7e].includes(i) ||
      (i >= 0x30 && i <= 0x39) ||
      (i >= 0x41 && i <= 0x5a) ||
      (i >= 0x61 && i <= 0x7a);
    for (let i = 1; i <= 0xff; i++) {
      const input = `/admin%${i.toString(16).padStart(2, '0')}`;
      const out = decoded(i) ? decodeURIComponent(input).replace(/\\/g, '/') : input;
      expect(normalizePath(input, 'DECODE_AND_MERGE_SLASHES'), input).toEqual({ path: out, rejected: false });
    }
  });

  it('/admin%00 gets 400 ("Invalid" group); under NONE only a raw NUL does', () => {
    for (const mode of ['BASE', 'MERGE_SLASHES', 'DECODE_AND_MERGE_SLASHES'] as const)
      expect(normalizePath('/admin%00', mode).rejected).toBe(true);
    expect(normalizePath('/admin%00', 'NONE')).toEqual({ path: '/admin%00', rejected: false });
    expect(normalizePath('/a\0b', 'NONE').rejected).toBe(true);
  });

  it('the default setting is BASE', () => {
    expect(normalizePath('/a//b/../c')).toEqual(normalizePath('/a//b/../c', 'BASE'));
  });
});

describe('upstreamPath: the normalized path plus the query as sent, no fragment', () => {
  it.each([
    ['/a/../b?x=/../y', 'BASE', '/b?x=/../y'],
    ['/a//b?q#frag', 'MERGE_SLASHES', '/a/b?q'],
    ['/a#frag?x', 'BASE', '/a'],
    ['/%61dmin?', 'NONE', '/%61dmin?'],
    ['/app#foo', 'NONE', '/app'],
  ] as const)('%j (%s) → %j', (raw, mode, expected) => {
    expect(upstreamPath(raw, normalizePath(raw, mode))).toBe(expected);
  });
});
