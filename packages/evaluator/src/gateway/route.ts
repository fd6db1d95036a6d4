/**
 * Routing at an ingress gateway: Istio Gateway + VirtualService, or Gateway API Gateway + HTTPRoute.
 * Finds the backend a request goes to, or none (the gateway answers 404).
 */
import type { MeshModel, MeshWorkload } from '../mesh';
import { resolveServiceHost, selects } from '../mesh';
import type {
  HttpRouteMatch,
  ResourceMeta,
  ResourceSet,
  StringMatch,
  VirtualService,
} from '../resources/types';
import { regexFullMatch } from '../match/regex';
import { RE2JS } from 're2js';
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
  host: string;
  headers: Record<string, string>;
  /** Gateway Service port the request arrived on, and its target port. */
  port: number;
  targetPort: number;
}

const hostOnly = (host: string) => host.toLowerCase().replace(/:\d+$/, '');

/** Istio/Gateway API host matching: `*`, `*.suffix`, exact; a `ns/` prefix is stripped. */
function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/^[^/]*\//, '');
  if (p === '*') return true;
  if (p.startsWith('*.')) return host.endsWith(p.slice(1));
  return p === host;
}

function stringMatch(m: StringMatch | undefined, value: string | undefined): boolean {
  if (!m) return true;
  if (value === undefined) return false;
  if (m.exact !== undefined) return value === m.exact;
  if (m.prefix !== undefined) return value.startsWith(m.prefix);
  if (m.regex !== undefined) return regexFullMatch(m.regex, value);
  return true;
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
  for (const vs of resources.virtualServices) {
    if (vs.meta.rejected) continue;
    const bound = vs.gateways.some((g) => names.has(g.includes('/') ? g : `${vs.meta.namespace}/${g}`));
    if (!bound || !vs.hosts.some((h) => hostMatches(h, host))) continue;
    for (const route of vs.http) {
      const hit = route.match.find(
        (m) =>
          stringMatch(m.uri, req.path) &&
          stringMatch(m.method, req.method) &&
          stringMatch(m.authority, req.host) &&
          (m.port === undefined || m.port === req.port) &&
          Object.entries(m.headers ?? {}).every(([name, sm]) =>
            stringMatch(sm, getOwn(req.headers, name.toLowerCase())),
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
    reason: `no VirtualService bound to ${[...names].join(', ')} routes ${host}${req.path}`,
  };
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
    if (route.hostnames.length && !route.hostnames.some((h) => hostMatches(h, host))) continue;
    for (const rule of route.rules) {
      const matched =
        rule.matches.length === 0 ||
        rule.matches.some(
          (m) =>
            pathMatches(m.path, req.path) &&
            (!m.method || m.method === req.method) &&
            (m.headers ?? []).every((h) => {
              // A header match never matches an absent header, whatever its regex.
              const value = getOwn(req.headers, h.name.toLowerCase());
              if (value === undefined) return false;
              return h.type === 'RegularExpression' ? regexFullMatch(h.value, value) : value === h.value;
            }),
        );
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
