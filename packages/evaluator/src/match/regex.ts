/**
 * User regexes (VirtualService `regex` string matches, HTTPRoute `RegularExpression` path and
 * header matches) as Envoy runs them: Envoy's `safe_regex` compiles them with Google RE2 and
 * full-matches the whole value (Envoy `source/common/common/regex.cc`; Istio always emits
 * `safe_regex`). RE2 runs in time linear in the input, whatever the pattern, so a hostile pattern
 * such as `(a+)+$` cannot hang the evaluator. RE2's syntax is not JavaScript's: `(?i)` and POSIX
 * classes such as `[[:digit:]]` work; backreferences, lookaheads and lookbehinds do not exist, and
 * Istio's validation (`validateStringMatchRegexp`, which compiles with Go's RE2-syntax `regexp`)
 * refuses such a VirtualService.
 */
import { RE2JS } from 're2js';

export type CompiledRegex = { ok: true; matches: (value: string) => boolean } | { ok: false; error: string };

const NEVER = (): boolean => false;
const cache = new Map<string, CompiledRegex>();
/** Distinct patterns kept compiled; beyond it the cache starts again (a workspace has few). */
const CACHE_LIMIT = 1000;

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error parsing regexp: /, '');
}

/** Compiles a pattern once (cached); `ok: false` carries RE2's reason. Never throws. */
export function compileRegex(source: string): CompiledRegex {
  const hit = cache.get(source);
  if (hit) return hit;
  let compiled: CompiledRegex;
  try {
    const re = RE2JS.compile(source);
    compiled = { ok: true, matches: (value) => re.matches(value) };
  } catch (error) {
    compiled = { ok: false, error: describeError(error) };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, compiled);
  return compiled;
}

/** Why RE2 refuses the pattern, or `null` when it compiles. */
export function regexError(source: string): string | null {
  const compiled = compileRegex(source);
  return compiled.ok ? null : compiled.error;
}

/** Full match of `value` against an RE2 pattern; a pattern RE2 refuses never matches. */
export function regexFullMatch(source: string, value: string): boolean {
  const compiled = compileRegex(source);
  return (compiled.ok ? compiled.matches : NEVER)(value);
}

/** The diagnostic message for a refused pattern. */
export function regexMessage(source: string, error: string): string {
  const shown = source.length > 80 ? `${source.slice(0, 80)}…` : source;
  return `regex "${shown}" is not valid RE2 syntax (${error}); Envoy compiles regexes with RE2, which has no backreferences or lookaround; the match never matches`;
}
