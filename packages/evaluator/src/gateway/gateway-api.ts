/** Routing at a Gateway API gateway: its Gateway's listeners and the HTTPRoutes attached to them. */
import type { MeshModel, MeshWorkload } from '../mesh';
import type { HttpRoute, HttpRouteMatch, ResourceSet } from '../resources/types';
import { regexFullMatch } from '../match/regex';
import { getOwn } from '../read';
import { GATEWAY_NAME_LABEL } from '../selection';
import { lookupService } from './backend';
import { hostMatches, hostOnly, hostRank, queryParam, trimTrailingSlashes } from './match';
import { hostRewrite, rewriteGatewayApi, rewritten } from './rewrite';
import type { GatewayRequest, RouteResult } from './types';

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
  const prefix = trimTrailingSlashes(match.value);
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

export function routeGatewayApi(
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
        description: `HTTPRoute ${route.meta.namespace}/${route.meta.name} rules[${rule.index}] → ${ref.name}:${port}${hostRewrite(rule.rewrite?.hostname)}`,
        ...rewritten(rewriteGatewayApi(rule.rewrite, m, req.path), rule.rewrite?.hostname),
      },
    };
  }
  return {
    kind: 'none',
    reason: `no HTTPRoute attached to Gateway ${gw.meta.namespace}/${gw.meta.name} matches ${host}${req.path}`,
  };
}
