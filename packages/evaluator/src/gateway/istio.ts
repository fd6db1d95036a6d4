/** Routing at an Istio ingress gateway: the Gateways selecting it and the VirtualServices bound to them. */
import type { MeshModel, MeshWorkload } from '../mesh';
import { selects } from '../mesh';
import type {
  HttpMatchRequest as HttpRouteMatchRequest,
  ResourceSet,
  VirtualService,
} from '../resources/types';
import { getOwn } from '../read';
import { lookupService } from './backend';
import { routingClaim } from './claims';
import {
  headerEntryMatches,
  hostMatches,
  hostOnly,
  hostRank,
  queryParam,
  stringMatch,
  uriMatch,
} from './match';
import { hostRewrite, rewriteVs, rewritten } from './rewrite';
import type { GatewayRequest, RouteResult } from './types';

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

export function routeIstio(
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
          description: `VirtualService ${vs.meta.namespace}/${vs.meta.name} http[${route.index}] → ${destination.host}:${port}${hostRewrite(route.rewrite?.authority)}`,
          ...rewritten(rewriteVs(route.rewrite, hit?.uri, req.path), route.rewrite?.authority),
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
