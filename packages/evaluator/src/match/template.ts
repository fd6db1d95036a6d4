/**
 * URI templates in `paths` (Istio 1.22+; docs/semantics.md §A4). Istio replaces `{*}` with `*` and `{**}`
 * with `**` (istio/istio `matcher/template.go`) and hands the result to Envoy's
 * `uri_template` matcher, which turns it into a regex and full-matches it against the path
 * without query and fragment (Envoy `extensions/path/uri_template_lib`):
 * - `*` (`{*}`) is one non-empty path segment;
 * - `**` (`{**}`) is zero or more characters including `/`, and must be the last operator;
 * - literals are RFC 3986 pchars without `*` and `=`; a `/` right before the end is kept, so
 *   `/allow/admin/{**}` needs the trailing `/`.
 */

import { compileRegex } from './regex';

export const MATCH_ONE_TEMPLATE = '{*}';
export const MATCH_ANY_TEMPLATE = '{**}';

/** Istio `security.ContainsPathTemplate`: whether a `paths` value is a template. */
export function containsPathTemplate(value: string): boolean {
  return value.includes(MATCH_ONE_TEMPLATE) || value.includes(MATCH_ANY_TEMPLATE);
}

/**
 * Istio's literal alphabet (pkg/config/security/security.go `validLiteral`): RFC 3986 pchars, `=`
 * included. Envoy's (below) leaves `=` out, so a template literal with `=` passes Istio's
 * validation and is refused by Envoy.
 */
const ISTIO_LITERAL = /^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/;

/**
 * Istio's `CheckValidPathTemplate`, the validation every `paths`/`notPaths` value goes through:
 * slashes trimmed at both ends, then per segment: `{*}`/`{**}` as whole segments with `{**}` last,
 * no other brace, and (in a template) valid literals. Null when Istio accepts the value.
 */
export function checkPathTemplate(path: string): string | null {
  const hasTemplate = containsPathTemplate(path);
  let start = 0;
  let end = path.length;
  while (start < end && path.charCodeAt(start) === 0x2f) start++;
  while (end > start && path.charCodeAt(end - 1) === 0x2f) end--;
  let sawMatchAny = false;
  for (const segment of path.slice(start, end).split('/')) {
    if (segment === MATCH_ONE_TEMPLATE || segment === MATCH_ANY_TEMPLATE) {
      if (sawMatchAny) return `invalid path ${path}: {**} is not the last operator`;
      if (segment === MATCH_ANY_TEMPLATE) sawMatchAny = true;
      continue;
    }
    if (segment.includes('{') || segment.includes('}')) {
      return `invalid path ${path}: contains '{' or '}' beyond a supported path template ({*} or {**} as a whole segment)`;
    }
    if (hasTemplate && !ISTIO_LITERAL.test(segment)) {
      return `invalid path ${path}: segment "${segment}" is not a valid literal in a path template (RFC 3986 pchars, no '*')`;
    }
  }
  return null;
}

/**
 * Why Envoy refuses a template Istio accepted (its literal alphabet has no `=`, the template must
 * start with `/` and have no empty segment), or null when Envoy takes it (or it is no template).
 * Such a value never matches: the rule that holds it can never match on it.
 */
export function envoyTemplateProblem(path: string): string | null {
  if (!containsPathTemplate(path) || checkPathTemplate(path) !== null) return null;
  const compiled = compilePathTemplate(path);
  if (compiled.error === undefined) return null;
  return `path template "${path}" is accepted by Istio but Envoy's uri_template matcher refuses "${compiled.envoyTemplate}" (${compiled.error}): it can never match`;
}

// Envoy's literal alphabet: unreserved, `%`, sub-delims without `*` and `=`, `:` and `@`.
const LITERAL_CLASS = "a-zA-Z0-9\\-._~%!$&'()+,;:@";
const VALID_LITERAL = new RegExp(`^[${LITERAL_CLASS}]+$`);
const PATH_GLOB = `[${LITERAL_CLASS}]+`;
const TEXT_GLOB = `[${LITERAL_CLASS}/]*`;
const PRINTABLE_PATTERN = /^\/[\x21-\x7e]*$/;

function escapeRegex(literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

export interface CompiledPathTemplate {
  /** The template Envoy receives (`{*}` → `*`, `{**}` → `**`). */
  envoyTemplate: string;
  /** Why Envoy would refuse the template; the matcher then matches nothing. */
  error?: string;
  /** Full match against the normalized path; the query and fragment are ignored. */
  matcher: (normalizedPath: string) => boolean;
}

const NEVER = (): boolean => false;

/** Translates the template into a regex source, following Envoy's `parseURLPatternSyntax`. */
function templateToRegex(template: string): { source: string } | { error: string } {
  if (!PRINTABLE_PATTERN.test(template)) return { error: 'Invalid pattern' };
  let rest = template.slice(1);
  const parts: string[] = [];
  let suffix = '';
  let seenTextGlob = false;
  while (rest.length > 0) {
    if (rest[0] === '*') {
      const textGlob = rest.startsWith('**');
      if (seenTextGlob) return { error: '{**} is not the last operator' };
      seenTextGlob = textGlob;
      parts.push(textGlob ? TEXT_GLOB : PATH_GLOB);
      rest = rest.slice(textGlob ? 2 : 1);
    } else if (rest[0] === '{') {
      // Envoy's named variables are not reachable from Istio (validation rejects other braces).
      return { error: "contains '{' or '}' beyond a supported path template" };
    } else {
      const slash = rest.indexOf('/');
      const literal = slash === -1 ? rest : rest.slice(0, slash);
      if (!VALID_LITERAL.test(literal)) return { error: `invalid literal "${literal}"` };
      parts.push(escapeRegex(literal));
      rest = rest.slice(literal.length);
    }
    if (rest.length === 0) break;
    if (rest === '/') {
      parts.push('');
      break;
    }
    if (rest[0] === '/') {
      rest = rest.slice(1);
      continue;
    }
    // Text right after an operator, up to the end: a suffix such as `/**.mpd`.
    const slash = rest.indexOf('/');
    const literal = slash === -1 ? rest : rest.slice(0, slash);
    if (!VALID_LITERAL.test(literal)) return { error: `invalid literal "${literal}"` };
    if (slash !== -1) return { error: 'prefix match not supported' };
    suffix = escapeRegex(literal);
    break;
  }
  return { source: `^/${parts.join('/')}${suffix}$` };
}

/**
 * Compiles a `paths` template once; the returned matcher runs one precompiled RE2 regex, as
 * Envoy's `uri_template` matcher does (linear time whatever the path).
 */
export function compilePathTemplate(pattern: string): CompiledPathTemplate {
  const envoyTemplate = pattern
    .split(MATCH_ANY_TEMPLATE)
    .map((p) => p.split(MATCH_ONE_TEMPLATE).join('*'))
    .join('**');
  const result = templateToRegex(envoyTemplate);
  if ('error' in result) return { envoyTemplate, error: result.error, matcher: NEVER };
  const regex = compileRegex(result.source);
  if (!regex.ok) return { envoyTemplate, error: regex.error, matcher: NEVER };
  const matches = regex.matches;
  return {
    envoyTemplate,
    matcher: (path) => {
      let end = path.length;
      for (let i = 0; i < path.length; i++) {
        const c = path.charCodeAt(i);
        if (c === 0x3f || c === 0x23) {
          end = i;
          break;
        }
      }
      return matches(end === path.length ? path : path.slice(0, end));
    },
  };
}
