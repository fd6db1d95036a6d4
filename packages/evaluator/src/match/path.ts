import { compileStringMatcher } from './string';
import { compilePathTemplate, containsPathTemplate } from './template';

/**
 * Istio's mesh-wide path normalization (`meshConfig.pathNormalization.normalization`; istio.io
 * `reference/config/security/normalization`). `DEFAULT` in Istio's enum means `BASE`.
 *
 * How Istio configures Envoy's HTTP connection manager for each value (istio/istio
 * `pilot/pkg/networking/core/listener_builder.go`, "Setup normalization"):
 *   - `NONE`:  `normalize_path: false`;
 *   - `BASE`:  `normalize_path: true`;
 *   - `MERGE_SLASHES`: `normalize_path: true`, `merge_slashes: true`;
 *   - `DECODE_AND_MERGE_SLASHES`: as MERGE_SLASHES plus
 *     `path_with_escaped_slashes_action: UNESCAPE_AND_FORWARD` (every other value sets KEEP_UNCHANGED).
 * Envoy applies them in this order (envoyproxy/envoy `source/common/http/conn_manager_utility.cc`
 * `maybeNormalizePath`): the fragment is dropped, escaped slashes are unescaped, the path is
 * canonicalized (`PathUtil::canonicalPath`), and only then are slashes merged. The order is visible:
 * `/app//../admin` is `/app/admin` under MERGE_SLASHES, not `/admin`.
 */
export type PathNormalization = 'NONE' | 'BASE' | 'MERGE_SLASHES' | 'DECODE_AND_MERGE_SLASHES';

export const PATH_NORMALIZATIONS: readonly PathNormalization[] = [
  'NONE',
  'BASE',
  'MERGE_SLASHES',
  'DECODE_AND_MERGE_SLASHES',
];

/**
 * The path after the mesh's normalization (docs/semantics.md §A4), applied once to the request path
 * before any filter sees it. The result is what both the policy and the backend see.
 */
export interface NormalizedPath {
  /** The normalized path without `?query` and `#fragment` (what path matchers compare with). */
  path: string;
  /** `true` when Envoy answers `400` before any filter runs (`%00` or a NUL byte in the path). */
  rejected: boolean;
}

/** Unreserved characters (RFC 3986): the only escapes BASE decodes. */
function isUnreserved(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    code === 0x2d || // -
    code === 0x2e || // .
    code === 0x5f || // _
    code === 0x7e // ~
  );
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

/** Index of the first `?` or `#`, or the length: Envoy `PathUtil::removeQueryAndFragment`. */
export function pathEnd(raw: string): number {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x3f || c === 0x23) return i;
  }
  return raw.length;
}

/** RFC 3986 §5.2.4 remove_dot_segments on a path that starts with `/`. Slashes are not merged. */
function removeDotSegments(path: string): string {
  const segments = path.split('/');
  const out: string[] = [];
  const last = segments.length - 1;
  for (let i = 1; i <= last; i++) {
    const segment = segments[i] as string;
    if (segment === '.' || segment === '..') {
      if (segment === '..') out.pop();
      // A trailing dot segment leaves the directory form: `/a/b/..` → `/a/`.
      if (i === last) out.push('');
      continue;
    }
    out.push(segment);
  }
  return '/' + out.join('/');
}

/** `%2F`/`%2f` → `/` and `%5C`/`%5c` → `\`: Envoy `PathUtil::unescapeSlashes` (UNESCAPE_AND_FORWARD). */
function unescapeSlashes(path: string): string {
  return path.indexOf('%') === -1 ? path : path.replace(/%2f/gi, '/').replace(/%5c/gi, '\\');
}

/** Runs of `/` become one: Envoy `PathUtil::mergeSlashes` (the path part only). */
function mergeSlashes(path: string): string {
  return path.indexOf('//') === -1 ? path : path.replace(/\/{2,}/g, '/');
}

/**
 * Envoy's `normalize_path` (`PathUtil::canonicalPath`), as Istio's BASE documents it:
 * decodes `%2D %2E %30-%39 %41-%5A %5F %61-%7A %7E` exactly once (hex case-insensitive), keeps
 * every other escape as written (`%2F`, `%5C`, `%25`…), turns `\` into `/`, then resolves
 * `.`/`..` segments per RFC 3986 §5.2.4 (`%2e%2e` counts as `..` because decoding comes first).
 * Slashes are not merged. `%00` (or a raw NUL) gets `400`, reported as `rejected`.
 */
function canonicalPath(stripped: string): NormalizedPath {
  // Fast path: nothing to decode, no backslash, no dot segment candidate.
  if (
    stripped.charCodeAt(0) === 0x2f &&
    stripped.indexOf('%') === -1 &&
    stripped.indexOf('\\') === -1 &&
    stripped.indexOf('/.') === -1 &&
    stripped.indexOf('\0') === -1
  ) {
    return { path: stripped, rejected: false };
  }
  let decoded = '';
  let i = 0;
  while (i < stripped.length) {
    const c = stripped.charCodeAt(i);
    if (c === 0) return { path: stripped, rejected: true };
    if (c === 0x25 && i + 2 < stripped.length) {
      const hi = hexValue(stripped.charCodeAt(i + 1));
      const lo = hexValue(stripped.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        const value = hi * 16 + lo;
        if (value === 0) return { path: stripped, rejected: true };
        decoded += isUnreserved(value) ? String.fromCharCode(value) : stripped.slice(i, i + 3);
        i += 3;
        continue;
      }
    }
    decoded += c === 0x5c ? '/' : stripped[i];
    i++;
  }
  if (decoded.charCodeAt(0) !== 0x2f) decoded = '/' + decoded;
  return { path: removeDotSegments(decoded), rejected: false };
}

/**
 * Normalizes a request target as the mesh's `pathNormalization` makes Envoy do (see
 * {@link PathNormalization}); `?query` and `#fragment` are dropped (they are never matched).
 *   - NONE: the path as sent (only the fragment and query go). A raw NUL still gets `400` (the
 *     HTTP codec refuses it); `%00` passes, since only `canonicalPath` rejects it (code-derived).
 *   - BASE: {@link canonicalPath}.
 *   - MERGE_SLASHES: BASE, then runs of `/` merged.
 *   - DECODE_AND_MERGE_SLASHES: `%2F`/`%5C` unescaped first, then MERGE_SLASHES.
 * Expectations per setting: istio/istio `tests/integration/security/normalization_test.go`.
 */
export function normalizePath(raw: string, mode: PathNormalization = 'BASE'): NormalizedPath {
  const end = pathEnd(raw);
  const stripped = end === raw.length ? raw : raw.slice(0, end);
  if (mode === 'NONE') {
    if (stripped.indexOf('\0') !== -1) return { path: stripped, rejected: true };
    return { path: stripped === '' ? '/' : stripped, rejected: false };
  }
  const canonical = canonicalPath(mode === 'DECODE_AND_MERGE_SLASHES' ? unescapeSlashes(stripped) : stripped);
  if (mode === 'BASE' || canonical.rejected) return canonical;
  return { path: mergeSlashes(canonical.path), rejected: false };
}

/**
 * The `:path` the upstream application receives: the normalized path plus the query exactly as
 * sent. Envoy normalizes only the path part and drops the fragment (`/app#foo` reaches the app as
 * `/app` in every setting of `normalization_test.go`).
 */
export function upstreamPath(raw: string, normalized: NormalizedPath): string {
  const end = pathEnd(raw);
  if (raw.charCodeAt(end) !== 0x3f) return normalized.path;
  const hash = raw.indexOf('#', end);
  return normalized.path + (hash === -1 ? raw.slice(end) : raw.slice(end, hash));
}

/** A compiled `paths`/`notPaths` value; it takes the `path` of {@link normalizePath}. */
export type PathMatcher = (normalizedPath: string) => boolean;

/**
 * Compiles one `paths` value: a URI template when it contains `{*}` or `{**}`
 * (istio/istio `model/generator.go` `pathGenerator`), otherwise the generic syntax with `*`
 * meaning a non-empty path. Like Envoy's path matchers, the query and fragment are ignored even
 * if the caller passes them.
 */
export function compilePathMatcher(pattern: string): PathMatcher {
  if (containsPathTemplate(pattern)) return compilePathTemplate(pattern).matcher;
  const match = compileStringMatcher(pattern, { presence: 'non-empty' });
  return (path) => {
    const end = pathEnd(path);
    return match(end === path.length ? path : path.slice(0, end));
  };
}
