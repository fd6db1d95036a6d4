/**
 * The matchers of gateway routing, as Envoy applies what Istio translates: host (virtual host
 * choice), StringMatch, `uri`, query parameters and headers (including JWT claims).
 */
import type { StringMatch } from '../resources/types';
import { regexFullMatch } from '../match/regex';
import { getOwn } from '../read';
import { claimMatches, routingClaim } from './claims';
import type { GatewayRequest } from './types';

export const hostOnly = (host: string) => host.toLowerCase().replace(/:\d+$/, '');

/** Istio/Gateway API host matching: `*`, `*.suffix`, exact; a `ns/` prefix is stripped. */
export function hostMatches(pattern: string, host: string): boolean {
  return hostRank(pattern, host) >= 0;
}

/**
 * How specifically a host pattern matches (-1: not at all), as Envoy chooses among virtual hosts:
 * an exact domain first, then the longest `*.suffix`, then `*`.
 */
export function hostRank(pattern: string, host: string): number {
  const p = pattern.toLowerCase().replace(/^[^/]*\//, '');
  if (p === '*') return 0;
  if (p.startsWith('*.')) return host.endsWith(p.slice(1)) ? p.length : -1;
  return p === host ? Number.MAX_SAFE_INTEGER : -1;
}

/**
 * Whether a StringMatch with no match type, or the regex `*`, stands for a presence match
 * (istio/istio route.go `canBeConvertedToPresentMatch`).
 */
export function isPresenceMatch(m: StringMatch): boolean {
  return m.exact === undefined && m.prefix === undefined && (m.regex === undefined || m.regex === '*');
}

/** An Envoy header/query matcher from a StringMatch: absent never matches; `{}` and `*` test presence. */
export function stringMatch(m: StringMatch | undefined, value: string | undefined): boolean {
  if (!m) return true;
  if (value === undefined) return false;
  if (m.exact !== undefined) return value === m.exact;
  if (m.prefix !== undefined) return value.startsWith(m.prefix);
  if (isPresenceMatch(m)) return true;
  if (m.regex !== undefined) return regexFullMatch(m.regex, value);
  return true;
}

/**
 * The `uri` match: Envoy's route path matcher (route.go `TranslateRouteMatch`): exact → `path`,
 * prefix → `prefix`, regex → `safe_regex`, with `case_sensitive = !ignoreUriCase`, which Envoy
 * applies to exact and prefix only, never to a regex.
 */
export function uriMatch(m: StringMatch | undefined, path: string, ignoreCase: boolean): boolean {
  if (!m) return true;
  const fold = (v: string) => (ignoreCase ? v.toLowerCase() : v);
  if (m.exact !== undefined) return fold(path) === fold(m.exact);
  if (m.prefix !== undefined) return fold(path).startsWith(fold(m.prefix));
  if (m.regex !== undefined) return regexFullMatch(m.regex, path);
  return true;
}

/**
 * Envoy's query decoding (`Http::Utility::PercentEncoding::decode`, as
 * `QueryParamsMulti::parseAndDecodeQueryString` uses it): each valid `%XX` becomes its byte, an
 * invalid one stays as written, `+` stays `+`.
 */
function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...new TextEncoder().encode(text[i]));
    }
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

/**
 * The first value of a query parameter, decoded, as Envoy's route QueryParameterMatcher reads it
 * (`getFirstValue` of the decoded query; Envoy test/common/http/utility_test.cc
 * `parseQueryString`); undefined when the parameter is absent. `?key` has the empty value.
 */
export function queryParam(query: string | undefined, name: string): string | undefined {
  if (query === undefined || query === '') return undefined;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = percentDecode(eq === -1 ? pair : pair.slice(0, eq));
    if (key === name) return eq === -1 ? '' : percentDecode(pair.slice(eq + 1));
  }
  return undefined;
}

/**
 * One `headers` / `withoutHeaders` entry of a VirtualService match. A `@request.auth.claims…` name
 * matches the validated token's claims (see `claims.ts`). An ordinary header is an Envoy
 * HeaderMatcher (route.go `translateHeaderMatch`): under `withoutHeaders` it is inverted with
 * `treat_missing_header_as_empty` (unless it is a presence match), so a missing header is
 * compared as "".
 */
export function headerEntryMatches(
  req: GatewayRequest,
  name: string,
  m: StringMatch,
  without: boolean,
): boolean {
  const claim = routingClaim(name);
  if (claim !== null) return claimMatches(req.claims ?? null, claim, m) !== without;
  const value = getOwn(req.headers, name.toLowerCase());
  if (!without) return stringMatch(m, value);
  return !stringMatch(m, isPresenceMatch(m) ? value : (value ?? ''));
}

/** Trailing slashes trimmed by a loop: the regex `/\/+$/` is quadratic on a long run of `/`. */
export function trimTrailingSlashes(value: string): string {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 0x2f) end--;
  return value.slice(0, end);
}
