import { describe, expect, it } from 'vitest';
import {
  checkPathTemplate,
  compilePathTemplate,
  containsPathTemplate,
  envoyTemplateProblem,
} from './template';

function matches(template: string, path: string): boolean {
  const compiled = compilePathTemplate(template);
  expect(compiled.error).toBeUndefined();
  return compiled.matcher(path);
}

describe('path templates (docs/semantics.md §A4, Z11: TestAuthz_PathTemplating)', () => {
  it.each([
    ['/allow/admin/{**}', '/allow/admin/', true],
    ['/allow/admin/{**}', '/allow/admin/temp', true],
    ['/allow/admin/{**}', '/allow/admin/foo/temp.txt', true],
    ['/allow/admin/{**}', '/allow/admin', false],
    ['/foo/{*}/bar/{**}', '/foo/buzz/bar/bat', true],
    ['/foo/{*}/bar/{**}', '/foo/bar/bat.txt', false],
    ['/foo/{*}/bar/{**}', '/foo//bar/bat.txt', false],
    ['/store/{**}/cart', '/store//cart', true],
    ['/store/{**}/cart', '/store/foo/bar/cart', true],
    ['/store/{**}/cart', '/store/cart', false],
  ])('%s vs %s → %s', (template, path, expected) => {
    expect(matches(template, path)).toBe(expected);
  });

  it('`/allow/admin?param=value` does not match `/allow/admin/{**}` (query is stripped)', () => {
    expect(matches('/allow/admin/{**}', '/allow/admin?param=value')).toBe(false);
    expect(matches('/allow/admin/{**}', '/allow/admin/?param=value')).toBe(true);
    expect(matches('/allow/admin/{**}', '/allow/admin/x#frag')).toBe(true);
  });

  it('`{*}` is exactly one non-empty segment', () => {
    expect(matches('/a/{*}', '/a/b')).toBe(true);
    expect(matches('/a/{*}', '/a/b/c')).toBe(false);
    expect(matches('/a/{*}', '/a/')).toBe(false);
    expect(matches('/a/{*}/', '/a/b/')).toBe(true);
  });

  it('literals are matched literally (regex metacharacters are escaped)', () => {
    expect(matches('/v1.0/{*}', '/v1.0/x')).toBe(true);
    expect(matches('/v1.0/{*}', '/v1x0/x')).toBe(false);
    expect(matches('/a+b/{**}', '/a+b/c')).toBe(true);
    expect(matches('/a+b/{**}', '/aab/c')).toBe(false);
  });

  it('segments only match pchars, so a path with a space or `=` does not match `{*}`', () => {
    expect(matches('/a/{*}', '/a/b c')).toBe(false);
    expect(matches('/a/{*}', '/a/k=v')).toBe(false);
    expect(matches('/a/{*}', '/a/%2F')).toBe(true);
  });

  it("text after the last operator is a suffix, as in Envoy's documented `/**.mpd` example", () => {
    // Istio validation rejects such values (Z58); the matcher itself follows Envoy.
    expect(matches('/{**}.mpd', '/content/123/india/dash/55/manifest.mpd')).toBe(true);
    expect(matches('/{**}.mpd', '/content/manifest.m4s')).toBe(false);
    expect(matches('/foo/{*}.txt', '/foo/a.txt')).toBe(true);
    expect(matches('/foo/{*}.txt', '/foo/a/b.txt')).toBe(false);
  });

  it('gives Envoy the template with `{*}` → `*` and `{**}` → `**`', () => {
    expect(compilePathTemplate('/foo/{*}/bar/{**}').envoyTemplate).toBe('/foo/*/bar/**');
  });

  it.each([
    ['/foo/{**}/bar/{*}', '{**} is not the last operator'],
    ['/foo/{x}/{*}', "contains '{' or '}' beyond a supported path template"],
    ['/a=b/{*}', 'invalid literal "a=b"'],
    ['/a//{*}', 'invalid literal ""'],
    ['/a b/{*}', 'Invalid pattern'],
    ['foo/{*}', 'Invalid pattern'],
  ])('Envoy would refuse %s (%s): the matcher matches nothing', (template, error) => {
    const compiled = compilePathTemplate(template);
    expect(compiled.error).toBe(error);
    expect(compiled.matcher('/foo/a/bar/b')).toBe(false);
  });

  it('containsPathTemplate only recognizes `{*}` and `{**}`', () => {
    expect(containsPathTemplate('/a/{*}')).toBe(true);
    expect(containsPathTemplate('/a/{**}')).toBe(true);
    expect(containsPathTemplate('/a/*')).toBe(false);
    expect(containsPathTemplate('/a/{x}')).toBe(false);
  });
});

/**
 * Istio's validation (pkg/config/security/security.go CheckValidPathTemplate, `validLiteral` with
 * `=`) against Envoy's parser (uri_template_internal.cc `kLiteral`, "sub-delims excluding *=").
 */
describe('Istio accepts, Envoy refuses', () => {
  it.each([
    ['/a/{*}', null],
    ['/a=b/{*}', null],
    ['/a/{**}/b/{*}', '{**} is not the last operator'],
    ['/a/{x}', "contains '{' or '}'"],
    ['/a b/{*}', 'is not a valid literal'],
    ['/plain=path', null],
  ])('Istio: %s', (path, problem) => {
    const got = checkPathTemplate(path);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toContain(problem);
  });

  it('names the values Istio accepts and Envoy refuses', () => {
    expect(envoyTemplateProblem('/a=b/{*}')).toContain('invalid literal "a=b"');
    expect(envoyTemplateProblem('/a=b/{*}')).toContain('can never match');
    expect(envoyTemplateProblem('{*}/a')).toContain('Invalid pattern');
    expect(envoyTemplateProblem('/a/{*}')).toBeNull();
    expect(envoyTemplateProblem('/a=b')).toBeNull(); // not a template: a plain exact path
    expect(envoyTemplateProblem('/a/{x}/{*}')).toBeNull(); // Istio refuses it first
  });
});
