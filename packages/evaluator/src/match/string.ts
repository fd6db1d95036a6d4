/**
 * Istio's generic value syntax for AuthorizationPolicy fields (docs/semantics.md §A4):
 * `abc` exact, `abc*` prefix, `*abc` suffix, `*` presence. A `*` anywhere else is a literal
 * character: `a*b` is an exact match and `**` is a suffix match on `*`, exactly as istio/istio
 * `matcher/string.go` `StringMatcherWithPrefix` and `matcher/header.go` build them.
 */

/**
 * What `*` alone means.
 * - `non-empty`: Istio emits the RE2 regex `.+` (string and metadata matchers: principals, paths,
 *   claims, SNI…). RE2's `.` does not match `\n`, so a value containing a newline does not match.
 * - `present`: Envoy `present_match` (header-based fields: methods, hosts, request.headers), which
 *   accepts a header that exists even with an empty value.
 */
export type PresenceMode = 'non-empty' | 'present';

export interface StringMatcherOptions {
  /** ASCII case-insensitive comparison, as Envoy's `ignore_case` (only `hosts` uses it). */
  ignoreCase?: boolean;
  presence: PresenceMode;
}

/** `undefined` means the attribute is absent (no header, no claim, no peer identity). */
export type StringMatcher = (value: string | undefined) => boolean;

/** The shape a pattern compiles to; exported so the explain trace can describe a match. */
export type StringPattern =
  | { kind: 'presence'; presence: PresenceMode }
  | { kind: 'exact'; value: string }
  | { kind: 'prefix'; value: string }
  | { kind: 'suffix'; value: string };

/** Classifies a pattern in the order Istio checks it: `*`, then leading `*`, then trailing `*`. */
export function classifyStringPattern(pattern: string, presence: PresenceMode): StringPattern {
  if (pattern === '*') return { kind: 'presence', presence };
  if (pattern.startsWith('*')) return { kind: 'suffix', value: pattern.slice(1) };
  if (pattern.endsWith('*')) return { kind: 'prefix', value: pattern.slice(0, -1) };
  return { kind: 'exact', value: pattern };
}

/** Lower-cases A–Z only, as absl's ASCII helpers that Envoy's `ignore_case` uses. */
function asciiLowerCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** Compares `needle` (already ASCII-lower-cased) with `haystack` at `offset`, ignoring ASCII case. */
function regionEqualsIgnoreCase(haystack: string, offset: number, lowerNeedle: string): boolean {
  for (let i = 0; i < lowerNeedle.length; i++) {
    if (asciiLowerCode(haystack.charCodeAt(offset + i)) !== lowerNeedle.charCodeAt(i)) return false;
  }
  return true;
}

function asciiLower(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(asciiLowerCode(s.charCodeAt(i)));
  return out;
}

/** Compiles one pattern to a closure; nothing is allocated when the closure runs. */
export function compileStringMatcher(pattern: string, options: StringMatcherOptions): StringMatcher {
  const shape = classifyStringPattern(pattern, options.presence);
  if (shape.kind === 'presence') {
    if (shape.presence === 'present') return (value) => value !== undefined;
    return (value) => value !== undefined && value.length > 0 && value.indexOf('\n') === -1;
  }
  if (options.ignoreCase === true) {
    const needle = asciiLower(shape.value);
    const n = needle.length;
    switch (shape.kind) {
      case 'exact':
        return (value) =>
          value !== undefined && value.length === n && regionEqualsIgnoreCase(value, 0, needle);
      case 'prefix':
        return (value) =>
          value !== undefined && value.length >= n && regionEqualsIgnoreCase(value, 0, needle);
      case 'suffix':
        return (value) =>
          value !== undefined && value.length >= n && regionEqualsIgnoreCase(value, value.length - n, needle);
    }
  }
  const needle = shape.value;
  switch (shape.kind) {
    case 'exact':
      return (value) => value === needle;
    case 'prefix':
      return (value) => value !== undefined && value.startsWith(needle);
    case 'suffix':
      return (value) => value !== undefined && value.endsWith(needle);
  }
}

/** OR of several patterns (a field's `values` list). An empty list matches nothing. */
export function compileStringMatchers(
  patterns: readonly string[],
  options: StringMatcherOptions,
): StringMatcher {
  const matchers = patterns.map((p) => compileStringMatcher(p, options));
  if (matchers.length === 1) return matchers[0] as StringMatcher;
  return (value) => {
    for (let i = 0; i < matchers.length; i++) if ((matchers[i] as StringMatcher)(value)) return true;
    return false;
  };
}
