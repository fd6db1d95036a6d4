/**
 * The path (and Host) a route forwards to its backend after its rewrite: VirtualService `rewrite`
 * and HTTPRoute `URLRewrite` filters.
 */
import { RE2JS } from 're2js';
import type { StringMatch, VirtualService } from '../resources/types';

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

export const rewritten = (path: string | undefined): { rewrittenPath?: string } =>
  path === undefined ? {} : { rewrittenPath: path };
