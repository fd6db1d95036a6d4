/**
 * Routing at an ingress gateway: Istio Gateway + VirtualService, or Gateway API Gateway + HTTPRoute.
 * Finds the backend a request goes to, or none (the gateway answers 404).
 */
import type { MeshModel, MeshWorkload } from '../mesh';
import { resolveServiceHost, selects } from '../mesh';
import type {
  HttpMatchRequest as HttpRouteMatchRequest,
  HttpRoute,
  HttpRouteMatch,
  ResourceMeta,
  ResourceSet,
  StringMatch,
  VirtualService,
} from '../resources/types';
import { regexFullMatch } from '../match/regex';
import { RE2JS } from 're2js';
import { claimMatches, routingClaim } from './claims';
import { getOwn } from '../read';
import { GATEWAY_NAME_LABEL } from '../selection';

export interface RouteTarget {
  backend: MeshWorkload;
  /** Service port on the backend. */
  port: number;
  subset: string | null;
  meta: ResourceMeta;
  /** Path of the deciding route inside its document. */
  path: (string | number)[];
  rule: number;
  description: string;
  /** The path (without query) the gateway forwards after the route's rewrite, when it has one. */
  rewrittenPath?: string;
}

export type RouteResult =
  | { kind: 'route'; target: RouteTarget }
  | { kind: 'direct'; status: number; meta: ResourceMeta; path: (string | number)[]; rule: number }
  | { kind: 'none'; reason: string };

export interface GatewayRequest {
  method: string;
  /** Path without query. */
  path: string;
  /** The query string after `?` (without it), or undefined when the path has none. */
  query?: string;
  host: string;
  headers: Record<string, string>;
  /** Gateway Service port the request arrived on, and its target port. */
  port: number;
  targetPort: number;
  /**
   * Claims of the token the gateway's jwt_authn validated (Envoy's `payload` dynamic metadata), or
   * null/absent when no RequestAuthentication applies or no token was accepted.
   */
  claims?: Record<string, unknown> | null;
}

const hostOnly = (host: string) => host.toLowerCase().replace(/:\d+$/, '');

/** Istio/Gateway API host matching: `*`, `*.suffix`, exact; a `ns/` prefix is stripped. */
function hostMatches(pattern: string, host: string): boolean {
  return hostRank(pattern, host) >= 0;
}

/**
 * How specifically a host pattern matches (-1: not at all), as Envoy chooses among virtual hosts:
 * an exact domain first, then the longest `*.suffix`, then `*`.
 */
function hostRank(pattern: string, host: string): number {
  const p = pattern.toLowerCase().replace(/^[^/]*\//, '');
  if (p === '*') return 0;
  if (p.startsWith('*.')) return host.endsWith(p.slice(1)) ? p.length : -1;
  return p === host ? Number.MAX_SAFE_INTEGER : -1;
}

/**
 * Whether a StringMatch with no match type, or the regex `*`, stands for a presence match
 * (istio/istio route.go `canBeConvertedToPresentMatch`).
 */
function isPresenceMatch(m: StringMatch): boolean {
  return m.exact === undefined && m.prefix === undefined && (m.regex === undefined || m.regex === '*');
}

/** An Envoy header/query matcher from a StringMatch: absent never matches; `{}` and `*` test presence. */
function stringMatch(m: StringMatch | undefined, value: string | undefined): boolean {
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
function uriMatch(m: StringMatch | undefined, path: string, ignoreCase: boolean): boolean {
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
function headerEntryMatches(req: GatewayRequest, name: string, m: StringMatch, without: boolean): boolean {
  const claim = routingClaim(name);
  if (claim !== null) return claimMatches(req.claims ?? null, claim, m) !== without;
  const value = getOwn(req.headers, name.toLowerCase());
  if (!without) return stringMatch(m, value);
  return !stringMatch(m, isPresenceMatch(m) ? value : (value ?? ''));
}

/**
 * A match's `gateways`, or else its `sourceLabels` and `sourceNamespace`, against the proxy the
 * routes are built for, here the gateway workload (route.go `sourceMatchHTTP`). Short gateway
 * names are in the VirtualService's namespace.
 */
function sourceMatches(
  m: HttpRouteMatchRequest,
  namespace: string,
  gatewayNames: ReadonlySet<string>,
  gateway: MeshWorkload,
): boolean {
  if (m.gateways?.length)
    return m.gateways.some((g) => gatewayNames.has(g.includes('/') ? g : `${namespace}/${g}`));
  const labels = m.sourceLabels ?? {};
  if (!Object.keys(labels).every((k) => getOwn(gateway.labels, k) === labels[k])) return false;
  return m.sourceNamespace === undefined || m.sourceNamespace === gateway.namespace;
}

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
function rewriteVs(
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

const rewritten = (path: string | undefined): { rewrittenPath?: string } =>
  path === undefined ? {} : { rewrittenPath: path };

function lookupService(mesh: MeshModel, host: string, namespace: string): MeshWorkload | null {
  const resolved = resolveServiceHost(mesh, host, namespace);
  if (!resolved) return null;
  return mesh.services.get(`${resolved.service}.${resolved.namespace}`)?.[0] ?? null;
}

function routeIstio(
  resources: ResourceSet,
  mesh: MeshModel,
  gateway: MeshWorkload,
  req: GatewayRequest,
): RouteResult {
  const host = hostOnly(req.host);
  const servers = resources.gateways.filter(
    (g) =>
      !g.meta.rejected &&
      Object.keys(g.selector).length > 0 &&
      selects(g.selector, gateway.labels) &&
      g.servers.some(
        (s) =>
          (s.port.number === req.port || s.port.number === req.targetPort) &&
          s.hosts.some((h) => hostMatches(h, host)),
      ),
  );
  if (servers.length === 0)
    return {
      kind: 'none',
      reason: `no Gateway selecting ${gateway.key} has a server for port ${req.port} and host ${host}`,
    };
  const names = new Set(servers.flatMap((g) => [`${g.meta.namespace}/${g.meta.name}`]));
  // Istio builds the gateway's routes per server port (route.go `TranslateRoute`: a match whose
  // `port` is not the listening server port is dropped).
  const serverPorts = new Set(
    servers.flatMap((g) =>
      g.servers
        .filter((s) => s.port.number === req.port || s.port.number === req.targetPort)
        .map((s) => s.port.number),
    ),
  );
  let claimRoutes = false;
  // Envoy picks one virtual host per request, the most specific domain (exact, then the longest
  // `*.suffix`, then `*`); only the VirtualServices of that host are searched, in order.
  const hostRankOf = (v: VirtualService) => Math.max(-1, ...v.hosts.map((h) => hostRank(h, host)));
  const bound = resources.virtualServices.filter(
    (v) =>
      !v.meta.rejected &&
      v.gateways.some((g) => names.has(g.includes('/') ? g : `${v.meta.namespace}/${g}`)) &&
      hostRankOf(v) >= 0,
  );
  const bestHost = Math.max(-1, ...bound.map(hostRankOf));
  for (const vs of bound) {
    if (hostRankOf(vs) !== bestHost) continue;
    for (const route of vs.http) {
      claimRoutes ||= route.match.some((m) =>
        [...Object.keys(m.headers ?? {}), ...Object.keys(m.withoutHeaders ?? {})].some(
          (name) => routingClaim(name) !== null,
        ),
      );
      const hit = route.match.find(
        (m) =>
          sourceMatches(m, vs.meta.namespace, names, gateway) &&
          uriMatch(m.uri, req.path, m.ignoreUriCase === true) &&
          stringMatch(m.method, req.method) &&
          stringMatch(m.authority, req.host) &&
          // The gateway listener here serves plaintext HTTP (see pipeline/hop.ts).
          stringMatch(m.scheme, 'http') &&
          (m.port === undefined || serverPorts.has(m.port)) &&
          Object.entries(m.queryParams ?? {}).every(([name, sm]) =>
            stringMatch(sm, queryParam(req.query, name)),
          ) &&
          Object.entries(m.headers ?? {}).every(([name, sm]) => headerEntryMatches(req, name, sm, false)) &&
          Object.entries(m.withoutHeaders ?? {}).every(([name, sm]) =>
            headerEntryMatches(req, name, sm, true),
          ),
      );
      if (route.match.length > 0 && hit === undefined) continue;
      const path = [...vs.meta.basePath, 'spec', 'http', route.index];
      if (route.directResponse)
        return {
          kind: 'direct',
          status: route.directResponse.status,
          meta: vs.meta,
          path,
          rule: route.index,
        };
      const destination = [...route.route].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0))[0];
      if (!destination) continue;
      const backend = lookupService(mesh, destination.host, vs.meta.namespace);
      if (!backend)
        return {
          kind: 'none',
          reason: `VirtualService ${vs.meta.namespace}/${vs.meta.name} routes to ${destination.host}, which is not a Service in the mesh`,
        };
      const port = destination.port ?? (backend.ports.length === 1 ? backend.ports[0]?.port : undefined);
      if (port === undefined)
        return {
          kind: 'none',
          reason: `VirtualService ${vs.meta.namespace}/${vs.meta.name}: destination ${destination.host} needs a port`,
        };
      return {
        kind: 'route',
        target: {
          backend,
          port,
          subset: destination.subset ?? null,
          meta: vs.meta,
          path,
          rule: route.index,
          description: `VirtualService ${vs.meta.namespace}/${vs.meta.name} http[${route.index}] → ${destination.host}:${port}`,
          ...rewritten(rewriteVs(route.rewrite, hit?.uri, req.path)),
        },
      };
    }
  }
  return {
    kind: 'none',
    reason:
      `no VirtualService bound to ${[...names].join(', ')} routes ${host}${req.path}` +
      (claimRoutes
        ? req.claims
          ? ' (the routes on JWT claims do not match the validated token)'
          : ' (routes on JWT claims match only a token validated here by a RequestAuthentication; this request has none)'
        : ''),
  };
}

/** Istio `getURIRank`: Exact 3 > PathPrefix 2 > RegularExpression 1; `getURILength`: the value's length. */
function uriRank(m: HttpRouteMatch): [number, number] {
  if (!m.path) return [-1, 0];
  const rank = m.path.type === 'Exact' ? 3 : m.path.type === 'PathPrefix' ? 2 : 1;
  return [rank, m.path.value.length];
}

/**
 * Istio's `sortHTTPRoutes` order (conversion.go, after the Gateway API precedence rules): a rule
 * without matches last; then path type, longer path, a method, more headers, more query params.
 */
function compareGatewayApiMatches(a: HttpRouteMatch | null, b: HttpRouteMatch | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  const [r1, l1] = uriRank(a);
  const [r2, l2] = uriRank(b);
  if (r1 !== r2) return r2 - r1;
  if (l1 !== l2) return l2 - l1;
  if ((a.method === undefined) !== (b.method === undefined)) return a.method !== undefined ? -1 : 1;
  const h1 = a.headers?.length ?? 0;
  const h2 = b.headers?.length ?? 0;
  if (h1 !== h2) return h2 - h1;
  return (b.queryParams?.length ?? 0) - (a.queryParams?.length ?? 0);
}

function pathMatches(match: HttpRouteMatch['path'], path: string): boolean {
  if (!match) return path.startsWith('/');
  if (match.type === 'Exact') return path === match.value;
  if (match.type === 'RegularExpression') return regexFullMatch(match.value, path);
  // Trailing slashes trimmed by a loop: the regex `/\/+$/` is quadratic on a long run of `/`.
  let end = match.value.length;
  while (end > 0 && match.value.charCodeAt(end - 1) === 0x2f) end--;
  const prefix = match.value.slice(0, end);
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

function routeGatewayApi(
  resources: ResourceSet,
  mesh: MeshModel,
  gateway: MeshWorkload,
  req: GatewayRequest,
): RouteResult | null {
  const name = gateway.labels[GATEWAY_NAME_LABEL];
  if (name === undefined) return null;
  const gw = resources.kubernetesGateways.find(
    (g) => !g.meta.rejected && g.meta.name === name && g.meta.namespace === gateway.namespace,
  );
  if (!gw)
    return {
      kind: 'none',
      reason: `Gateway ${gateway.namespace}/${name} (gateway.networking.k8s.io) is not defined`,
    };
  const host = hostOnly(req.host);
  const listeners = gw.listeners.filter(
    (l) => l.port === req.port && (!l.hostname || hostMatches(l.hostname, host)),
  );
  if (listeners.length === 0)
    return {
      kind: 'none',
      reason: `Gateway ${gw.meta.namespace}/${gw.meta.name} has no listener on port ${req.port} for ${host}`,
    };
  // Istio turns every HTTPRoute rule match into one route of the virtual host of each hostname
  // (pilot/pkg/config/kube/gateway/conversion.go): Envoy picks the most specific virtual host, and
  // Istio orders its routes with `sortHTTPRoutes` (stable, routes in creation order).
  const entries: { route: HttpRoute; rule: HttpRoute['rules'][number]; match: HttpRouteMatch | null }[] = [];
  let best = -1;
  for (const route of resources.httpRoutes) {
    if (route.meta.rejected) continue;
    const attached = route.parentRefs.some(
      (p) =>
        p.name === gw.meta.name &&
        (p.namespace ?? route.meta.namespace) === gw.meta.namespace &&
        (!p.kind || p.kind === 'Gateway') &&
        // sectionName and port (when set) both narrow the attachment to matching listeners.
        listeners.some(
          (l) => (!p.sectionName || l.name === p.sectionName) && (p.port === undefined || l.port === p.port),
        ),
    );
    if (!attached) continue;
    const rank = route.hostnames.length ? Math.max(...route.hostnames.map((h) => hostRank(h, host))) : 0;
    if (rank < 0 || rank < best) continue;
    if (rank > best) {
      best = rank;
      entries.length = 0;
    }
    for (const rule of route.rules) {
      if (rule.matches.length === 0) entries.push({ route, rule, match: null });
      for (const match of rule.matches) entries.push({ route, rule, match });
    }
  }
  entries.sort((a, b) => compareGatewayApiMatches(a.match, b.match));
  for (const { route, rule, match: m } of entries) {
    const matched =
      m === null ||
      (pathMatches(m.path, req.path) &&
        (!m.method || m.method === req.method) &&
        (m.headers ?? []).every((h) => {
          // A header match never matches an absent header, whatever its regex.
          const value = getOwn(req.headers, h.name.toLowerCase());
          if (value === undefined) return false;
          return h.type === 'RegularExpression' ? regexFullMatch(h.value, value) : value === h.value;
        }) &&
        (m.queryParams ?? []).every((p) => {
          // Istio translates these to Envoy query_parameters matchers: absent never matches.
          const value = queryParam(req.query, p.name);
          if (value === undefined) return false;
          return p.type === 'RegularExpression' ? regexFullMatch(p.value, value) : value === p.value;
        }));
    if (!matched) continue;
    const ref = rule.backendRefs[0];
    const path = [...route.meta.basePath, 'spec', 'rules', rule.index];
    // Gateway API: a rule without backendRefs, or whose backend is invalid (no such Service),
    // MUST answer 500 to the requests it matches (HTTPRouteRule.backendRefs).
    if (!ref) return { kind: 'direct', status: 500, meta: route.meta, path, rule: rule.index };
    const backend = lookupService(
      mesh,
      `${ref.name}.${ref.namespace ?? route.meta.namespace}`,
      route.meta.namespace,
    );
    if (!backend) return { kind: 'direct', status: 500, meta: route.meta, path, rule: rule.index };
    const port = ref.port ?? backend.ports[0]?.port;
    if (port === undefined)
      return {
        kind: 'none',
        reason: `HTTPRoute ${route.meta.namespace}/${route.meta.name}: backend ${ref.name} has no port`,
      };
    return {
      kind: 'route',
      target: {
        backend,
        port,
        subset: null,
        meta: route.meta,
        path,
        rule: rule.index,
        description: `HTTPRoute ${route.meta.namespace}/${route.meta.name} rules[${rule.index}] → ${ref.name}:${port}`,
      },
    };
  }
  return {
    kind: 'none',
    reason: `no HTTPRoute attached to Gateway ${gw.meta.namespace}/${gw.meta.name} matches ${host}${req.path}`,
  };
}

/** Gateway API gateways route by HTTPRoute; classic gateways by Gateway + VirtualService. */
export function routeAtGateway(
  resources: ResourceSet,
  mesh: MeshModel,
  gateway: MeshWorkload,
  req: GatewayRequest,
): RouteResult {
  return routeGatewayApi(resources, mesh, gateway, req) ?? routeIstio(resources, mesh, gateway, req);
}
