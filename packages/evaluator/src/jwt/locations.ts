/**
 * Where tokens travel: placing a probe's tokens into a request, and reading them back out the
 * way Envoy's jwt_authn extractor (`extractor.cc`) does for one provider.
 */
import { copyMap, getOwn } from '../read';
import type { JwtRule } from '../resources/types';

/** One token to send, already rendered to its compact string. */
export interface TokenPlacement {
  value: string;
  /** `header:<name>` (default `header:authorization`), `query:<param>` or `cookie:<name>`. */
  in?: string;
  /** Header value prefix; default `Bearer ` for the authorization header, none otherwise. */
  prefix?: string;
}

type Location =
  { kind: 'header'; name: string } | { kind: 'query'; name: string } | { kind: 'cookie'; name: string };

/** Read `in`; anything that is not `query:`/`cookie:` names a header (`header:` is optional). */
function parseIn(where: string | undefined): Location {
  const text = (where ?? '').trim();
  if (text.startsWith('query:')) return { kind: 'query', name: text.slice(6) };
  if (text.startsWith('cookie:')) return { kind: 'cookie', name: text.slice(7) };
  const name = (text.startsWith('header:') ? text.slice(7) : text).trim().toLowerCase();
  return { kind: 'header', name: name === '' ? 'authorization' : name };
}

function appendQuery(path: string, name: string, value: string): string {
  const hash = path.indexOf('#');
  const base = hash === -1 ? path : path.slice(0, hash);
  const fragment = hash === -1 ? '' : path.slice(hash);
  const pair = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  let sep = '?';
  if (base.includes('?')) sep = base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${sep}${pair}${fragment}`;
}

/** Build the request's headers and path with every token placed where the probe says. */
export function placeTokens(
  request: { headers: Record<string, string>; path: string },
  uses: readonly TokenPlacement[],
): { headers: Record<string, string>; path: string } {
  const headers = copyMap(request.headers);
  let path = request.path;
  for (const use of uses) {
    const location = parseIn(use.in);
    if (location.kind === 'query') {
      path = appendQuery(path, location.name, use.value);
    } else if (location.kind === 'cookie') {
      const cookie = `${location.name}=${use.value}`;
      const existing = headers['cookie'];
      headers['cookie'] = existing === undefined || existing === '' ? cookie : `${existing}; ${cookie}`;
    } else {
      const prefix = use.prefix ?? (location.name === 'authorization' ? 'Bearer ' : '');
      const value = `${prefix}${use.value}`;
      const existing = getOwn(headers, location.name);
      // Repeated headers reach Envoy joined with ',' (HttpRequestModel's convention).
      headers[location.name] = existing === undefined ? value : `${existing},${value}`;
    }
  }
  return { headers, path };
}

/** A token found in the request, with where it came from (for issuer checks and stripping). */
export interface ExtractedToken {
  token: string;
  /** `header:<name>`, `query:<param>` or `cookie:<name>`. */
  in: string;
  /** Header name when the token came from a header (Envoy removes only those). */
  header: string | null;
}

/** Base64url alphabet plus `.`: what Envoy collects after a header value prefix. */
const JWT_CHARS = /[A-Za-z0-9_.-]/;

/** Envoy `extractJWT`: skip to the first JWT character after the prefix, take the run of them. */
function extractAfterPrefix(value: string, after: number): string {
  let start = after;
  while (start < value.length && !JWT_CHARS.test(value.charAt(start))) start++;
  if (start >= value.length) return value;
  let end = start;
  while (end < value.length && JWT_CHARS.test(value.charAt(end))) end++;
  return value.slice(start, end);
}

function percentDecode(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Query parameters of a request target; the first occurrence of a name wins (as in Envoy). */
export function queryParams(path: string): Map<string, string> {
  const params = new Map<string, string>();
  const hash = path.indexOf('#');
  const target = hash === -1 ? path : path.slice(0, hash);
  const q = target.indexOf('?');
  if (q === -1) return params;
  for (const part of target.slice(q + 1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = percentDecode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : percentDecode(part.slice(eq + 1));
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

/** Cookies of a `cookie` header value; the first occurrence wins, surrounding quotes removed. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (header === undefined) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name !== '' && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** The locations one rule reads; the defaults apply only when none is configured. */
export interface RuleLocations {
  headers: { name: string; prefix: string }[];
  params: string[];
  cookies: string[];
}

export function locationsOf(rule: JwtRule): RuleLocations {
  if (rule.fromHeaders.length === 0 && rule.fromParams.length === 0 && rule.fromCookies.length === 0) {
    return { headers: [{ name: 'authorization', prefix: 'Bearer ' }], params: ['access_token'], cookies: [] };
  }
  const byKey = new Map<string, { name: string; prefix: string }>();
  for (const h of rule.fromHeaders) {
    const name = h.name.toLowerCase();
    const prefix = h.prefix ?? '';
    byKey.set(name + prefix, { name, prefix });
  }
  // Envoy keeps locations in ordered maps: headers by name+prefix, params and cookies by name.
  const headers = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, h]) => h);
  const params = [...new Set(rule.fromParams)].sort();
  const cookies = [...new Set(rule.fromCookies)].sort();
  return { headers, params, cookies };
}

/**
 * Tokens one provider extracts, in Envoy's order (headers, then params, then cookies). A header
 * whose configured prefix is absent yields nothing; the prefix may appear anywhere in the value.
 */
export function extractTokens(
  locations: RuleLocations,
  headers: ReadonlyMap<string, string>,
  path: string,
): ExtractedToken[] {
  const tokens: ExtractedToken[] = [];
  for (const { name, prefix } of locations.headers) {
    const value = headers.get(name);
    if (value === undefined) continue;
    if (prefix === '') {
      tokens.push({ token: value, in: `header:${name}`, header: name });
      continue;
    }
    const pos = value.indexOf(prefix);
    if (pos === -1) continue;
    tokens.push({
      token: extractAfterPrefix(value, pos + prefix.length),
      in: `header:${name}`,
      header: name,
    });
  }
  if (locations.params.length > 0) {
    const params = queryParams(path);
    for (const name of locations.params) {
      const value = params.get(name);
      if (value !== undefined) tokens.push({ token: value, in: `query:${name}`, header: null });
    }
  }
  if (locations.cookies.length > 0) {
    const cookies = parseCookies(headers.get('cookie'));
    for (const name of locations.cookies) {
      const value = cookies.get(name);
      if (value !== undefined) tokens.push({ token: value, in: `cookie:${name}`, header: null });
    }
  }
  return tokens;
}
