/**
 * The path (and Host) a route forwards to its backend after its rewrite: VirtualService `rewrite`
 * and HTTPRoute `URLRewrite` filters.
 */
import { RE2JS } from 're2js';
import { trimTrailingSlashes } from './match';
import type { HttpRouteMatch, HttpUrlRewrite, StringMatch, VirtualService } from '../resources/types';

/**
 * Envoy `regex_rewrite` substitution (RE2 `GlobalReplace`): `\N` is capture group N, `\\` a
 * backslash, anything else literal. An invalid pattern rewrites nothing (Envoy refuses the route).
 */
function regexRewrite(pattern: string, substitution: string, path: string): string {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch {
    return path;
  }
  return re.matcher(path).replaceAll((...args: unknown[]) => {
    const end = args.findIndex((a, i) => i > 0 && typeof a === 'number');
    const groups = args.slice(0, end === -1 ? args.length : end);
    return substitution.replace(/\\(\d|\\)/g, (_, g: string) =>
      g === '\\' ? '\\' : String(groups[Number(g)] ?? ''),
    );
  });
}

/**
 * The path a VirtualService route forwards (istio/istio `pilot/pkg/networking/core/route/route.go`):
 * `uriRegexRewrite` → Envoy `regex_rewrite`; `rewrite.uri` → Envoy `prefix_rewrite`, which swaps
 * what the route matched: the `uri.prefix`, the whole path for `exact`/`regex`, and `/` (the
 * prefix Istio matches on) when the route has no `uri` match, so `/foo` with `uri: /v1` becomes `/v1foo`.
 */
export function rewriteVs(
  rewrite: VirtualService['http'][number]['rewrite'],
  matched: StringMatch | undefined,
  path: string,
): string | undefined {
  if (!rewrite) return undefined;
  const rx = rewrite.uriRegexRewrite;
  if (rx) return regexRewrite(rx.match, rx.rewrite, path);
  if (rewrite.uri === undefined) return undefined;
  const prefix =
    matched?.prefix !== undefined
      ? matched.prefix
      : matched?.exact !== undefined || matched?.regex !== undefined
        ? path
        : '/';
  return rewrite.uri + path.slice(prefix.length);
}

/**
 * The path an HTTPRoute `URLRewrite` filter forwards, as Istio translates it (istio/istio
 * `pilot/pkg/config/kube/gateway/conversion.go` `createRewriteFilter`) and the Gateway API defines
 * it (`apis/v1/httproute_types.go` HTTPPathModifier):
 * - `ReplaceFullPath`: the whole path (Istio: `uriRegexRewrite` `/.*`); the query stays.
 * - `ReplacePrefixMatch`: the matched PathPrefix (its trailing `/` ignored) is replaced. Istio trims
 *   a trailing `/` off the replacement, and an empty one (or `/`) removes the prefix, leaving `/`
 *   when nothing follows it: `/foo/bar` → `/xyz/bar`, `/foo/` → `/xyz/`, `/foo` → `/xyz`, and with
 *   `/` or an empty replacement `/foo/bar` → `/bar`, `/foo/` and `/foo` → `/` (the spec's table).
 *   Only a PathPrefix match has a prefix to replace (the reader refuses the route otherwise).
 */
export function rewriteGatewayApi(
  rewrite: HttpUrlRewrite | undefined,
  match: HttpRouteMatch | null,
  path: string,
): string | undefined {
  const modifier = rewrite?.path;
  if (!modifier) return undefined;
  if (modifier.type === 'ReplaceFullPath') return modifier.value;
  const prefixMatch = match?.path ?? { type: 'PathPrefix', value: '/' };
  if (prefixMatch.type !== 'PathPrefix') return undefined;
  const prefix = trimTrailingSlashes(prefixMatch.value);
  const rest = path.slice(prefix.length);
  const replacement = trimTrailingSlashes(modifier.value);
  if (replacement === '') return rest === '' ? '/' : rest;
  return replacement + rest;
}

/** A route target's rewrite fields: the path (without query) and the Host the backend receives. */
export const rewritten = (
  path: string | undefined,
  host: string | undefined,
): { rewrittenPath?: string; rewrittenHost?: string } => ({
  ...(path === undefined ? {} : { rewrittenPath: path }),
  ...(host === undefined ? {} : { rewrittenHost: host }),
});

/** The trace's words for a Host rewrite: `; the route rewrites the Host to one.example.org`. */
export const hostRewrite = (host: string | undefined): string =>
  host === undefined ? '' : `; the route rewrites the Host to ${host}`;
