/**
 * gateway.networking.k8s.io HTTPRoute: parents, hostnames, and rules with matches and backends.
 * Applies the CRD defaults (a rule without matches, or a match without a path, matches path
 * prefix `/`; header matches default to Exact). A `URLRewrite` filter is read (the path and Host the
 * backend receives, gateway/rewrite.ts); other filters, timeouts and retries are accepted, ignored.
 */
import type { NodePath } from '../document';
import type { HttpRoute, HttpRouteMatch, HttpUrlRewrite, ResourceMeta } from './types';
import type { Reader } from '../read';
import { regexError, regexMessage } from '../match/regex';
import { type Dict } from '../read';

const SPEC_FIELDS = ['parentRefs', 'hostnames', 'rules', 'useDefaultGateways'] as const;
const PARENT_REF_FIELDS = ['group', 'kind', 'namespace', 'name', 'sectionName', 'port'] as const;
const RULE_FIELDS = [
  'name',
  'matches',
  'filters',
  'backendRefs',
  'timeouts',
  'retry',
  'sessionPersistence',
] as const;
const MATCH_FIELDS = ['path', 'headers', 'queryParams', 'method'] as const;
const BACKEND_FIELDS = ['group', 'kind', 'name', 'namespace', 'port', 'weight', 'filters'] as const;
const PATH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'] as const;
const PATH_MODIFIER_TYPES = ['ReplaceFullPath', 'ReplacePrefixMatch'] as const;
const HEADER_TYPES = ['Exact', 'RegularExpression'] as const;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] as const;

type ParentRef = HttpRoute['parentRefs'][number];
type RouteRule = HttpRoute['rules'][number];
type BackendRef = RouteRule['backendRefs'][number];

const DEFAULT_PATH = { type: 'PathPrefix', value: '/' } as const;

function readParentRef(r: Reader, raw: Dict, at: NodePath): ParentRef {
  r.fields(raw, at, PARENT_REF_FIELDS);
  const out: ParentRef = { name: r.requiredString(raw, 'name', at, 'http-route.parent-name-required') };
  const namespace = r.string(raw, 'namespace', at);
  const sectionName = r.string(raw, 'sectionName', at);
  const port = r.integer(raw, 'port', at);
  const kind = r.string(raw, 'kind', at);
  r.string(raw, 'group', at);
  if (namespace !== undefined) out.namespace = namespace;
  if (sectionName !== undefined) out.sectionName = sectionName;
  if (port !== undefined) out.port = port;
  if (kind !== undefined) out.kind = kind;
  return out;
}

/** A RegularExpression value Envoy's RE2 would refuse (`regex.unsupported`); it never matches. */
function checkRegex(r: Reader, value: string, at: NodePath): void {
  const error = regexError(value);
  if (error !== null) r.error('regex.unsupported', at, regexMessage(value, error));
}

function readMatch(r: Reader, raw: Dict, at: NodePath): HttpRouteMatch {
  r.fields(raw, at, MATCH_FIELDS);
  const out: HttpRouteMatch = {};
  const path = r.object(raw, 'path', at);
  if (path === undefined) {
    out.path = { ...DEFAULT_PATH };
  } else {
    const pAt = [...at, 'path'];
    r.fields(path, pAt, ['type', 'value']);
    const type = r.enumString(path, 'type', pAt, PATH_TYPES) ?? 'PathPrefix';
    const value = r.string(path, 'value', pAt) ?? '/';
    if (type !== 'RegularExpression' && !value.startsWith('/')) {
      r.error(
        'http-route.path-value',
        [...pAt, 'value'],
        `path value "${value}" must be an absolute path starting with "/"`,
      );
    }
    if (type === 'RegularExpression') checkRegex(r, value, [...pAt, 'value']);
    out.path = { type, value };
  }
  // Header and query parameter matches share one shape (HTTPHeaderMatch, HTTPQueryParamMatch).
  for (const field of ['headers', 'queryParams'] as const) {
    const list = r.list(raw, field, at);
    if (list === undefined) continue;
    out[field] = r.dictItems(list, [...at, field]).map(([h, i]) => {
      const hAt = [...at, field, i];
      r.fields(h, hAt, ['type', 'name', 'value']);
      const type = r.enumString(h, 'type', hAt, HEADER_TYPES) ?? 'Exact';
      const name = r.requiredString(h, 'name', hAt, 'http-route.header-name-required');
      const value = r.string(h, 'value', hAt) ?? '';
      if (type === 'RegularExpression') checkRegex(r, value, [...hAt, 'value']);
      return { type, name, value };
    });
  }
  const method = r.enumString(raw, 'method', at, METHODS);
  if (method !== undefined) out.method = method;
  return out;
}

function readBackendRef(r: Reader, raw: Dict, at: NodePath): BackendRef {
  r.fields(raw, at, BACKEND_FIELDS);
  const out: BackendRef = { name: r.requiredString(raw, 'name', at, 'http-route.backend-name-required') };
  const namespace = r.string(raw, 'namespace', at);
  const port = r.integer(raw, 'port', at);
  const weight = r.integer(raw, 'weight', at);
  if (namespace !== undefined) out.namespace = namespace;
  if (port !== undefined) out.port = port;
  if (weight !== undefined) out.weight = weight;
  return out;
}

/**
 * The rule's `URLRewrite` filter (Gateway API HTTPURLRewriteFilter, HTTPPathModifier): `hostname`,
 * and `path` with the value its `type` names. ReplacePrefixMatch needs every match of the rule to be
 * a PathPrefix (HTTPPathModifier.ReplacePrefixMatch: the route is not Accepted otherwise).
 */
function readUrlRewrite(
  r: Reader,
  raw: Dict,
  at: NodePath,
  matches: readonly HttpRouteMatch[],
): HttpUrlRewrite | undefined {
  const filters = r.list(raw, 'filters', at);
  if (filters === undefined) return undefined;
  let out: HttpUrlRewrite | undefined;
  for (const [filter, i] of r.dictItems(filters, [...at, 'filters'])) {
    if (r.string(filter, 'type', [...at, 'filters', i]) !== 'URLRewrite') continue;
    const fAt = [...at, 'filters', i, 'urlRewrite'];
    const rewrite = r.object(filter, 'urlRewrite', [...at, 'filters', i]) ?? {};
    r.fields(rewrite, fAt, ['hostname', 'path']);
    out = {};
    const hostname = r.string(rewrite, 'hostname', fAt);
    if (hostname !== undefined) out.hostname = hostname;
    const path = r.object(rewrite, 'path', fAt);
    if (path === undefined) continue;
    const pAt = [...fAt, 'path'];
    r.fields(path, pAt, ['type', 'replaceFullPath', 'replacePrefixMatch']);
    const type = r.enumString(path, 'type', pAt, PATH_MODIFIER_TYPES);
    if (type === undefined) continue;
    const field = type === 'ReplaceFullPath' ? 'replaceFullPath' : 'replacePrefixMatch';
    const value = r.string(path, field, pAt);
    if (value === undefined) {
      r.error('http-route.rewrite-path', pAt, `a ${type} path modifier needs ${field}`);
      continue;
    }
    if (type === 'ReplacePrefixMatch' && matches.some((m) => m.path?.type !== 'PathPrefix'))
      r.error(
        'http-route.rewrite-prefix-match',
        [...pAt, 'type'],
        'ReplacePrefixMatch is only compatible with PathPrefix matches: the route is not accepted',
      );
    out.path = { type, value };
  }
  return out;
}

function readRule(r: Reader, raw: Dict, at: NodePath, index: number): RouteRule {
  r.fields(raw, at, RULE_FIELDS);
  const rawMatches = r.list(raw, 'matches', at);
  const matches =
    rawMatches === undefined || rawMatches.length === 0
      ? [{ path: { ...DEFAULT_PATH } }]
      : r.dictItems(rawMatches, [...at, 'matches']).map(([m, i]) => readMatch(r, m, [...at, 'matches', i]));
  const backendRefs = r
    .dictItems(r.list(raw, 'backendRefs', at) ?? [], [...at, 'backendRefs'])
    .map(([b, i]) => readBackendRef(r, b, [...at, 'backendRefs', i]));
  const rewrite = readUrlRewrite(r, raw, at, matches);
  return { index, matches, backendRefs, ...(rewrite ? { rewrite } : {}) };
}

export function readHttpRoute(r: Reader, root: Dict, meta: ResourceMeta): HttpRoute {
  const spec = r.object(root, 'spec', []) ?? {};
  const at: NodePath = ['spec'];
  r.fields(spec, at, SPEC_FIELDS);
  const parentRefs = r
    .dictItems(r.list(spec, 'parentRefs', at) ?? [], [...at, 'parentRefs'])
    .map(([p, i]) => readParentRef(r, p, [...at, 'parentRefs', i]));
  const hostnames = r.stringList(spec, 'hostnames', at) ?? [];
  const rawRules = r.list(spec, 'rules', at);
  const rules =
    rawRules === undefined
      ? [{ index: 0, matches: [{ path: { ...DEFAULT_PATH } }], backendRefs: [] }]
      : r.dictItems(rawRules, [...at, 'rules']).map(([rule, i]) => readRule(r, rule, [...at, 'rules', i], i));
  return { meta, parentRefs, hostnames, rules };
}
