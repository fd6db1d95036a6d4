/**
 * What an ingress gateway exposes, read from the simple cases of its Istio Gateway (with the
 * VirtualServices bound to it) or Gateway API Gateway (with its HTTPRoutes): plain HTTP server
 * ports and a host name to send. TLS servers and listeners are left out (no probe for them).
 */
import type { WorkloadSpec } from '../types';
import { type KubeObject, dict, list, str, stringMap } from './kube';
import { namespaceOf } from './workloads';

export interface Exposure {
  gateway: WorkloadSpec;
  /** The gateway Service's port a client outside the mesh dials. */
  port: number;
  /** A host the routes accept, when they name one (not a wildcard). */
  host?: string;
  /** The first route's exact or prefix path, when it has one (else the default `/`). */
  path?: string;
}

/** The first exact or prefix URI of a VirtualService's http routes. */
function virtualServicePath(vs: KubeObject): string | undefined {
  for (const route of list(dict(vs.raw.spec)?.http))
    for (const match of list(dict(route)?.match)) {
      const uri = dict(dict(match)?.uri);
      const path = str(uri?.exact) ?? str(uri?.prefix);
      if (path?.startsWith('/')) return path;
    }
  return undefined;
}

/** The first Exact or PathPrefix path of an HTTPRoute's rules. */
function httpRoutePath(route: KubeObject): string | undefined {
  for (const rule of list(dict(route.raw.spec)?.rules))
    for (const match of list(dict(rule)?.matches)) {
      const path = dict(dict(match)?.path);
      const type = str(path?.type) ?? 'PathPrefix';
      const value = str(path?.value);
      if ((type === 'Exact' || type === 'PathPrefix') && value?.startsWith('/')) return value;
    }
  return undefined;
}

const extras = (host: string | undefined, path: string | undefined) => ({
  ...(host ? { host } : {}),
  ...(path ? { path } : {}),
});

const HTTP = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB']);
const concrete = (host: string | undefined) => (host && !host.includes('*') ? host : undefined);
/** `ns/host` or `./host` in a Gateway server's hosts: the host part. */
const hostPart = (host: string) => host.slice(host.indexOf('/') + 1);

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(
    ([k, v]) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === v,
  );
}

/** The gateway's Service port for a server port: the port itself, or the one targeting it. */
function servicePort(gateway: WorkloadSpec, number: number): number | undefined {
  const ports = gateway.ports ?? [];
  return (ports.find((p) => p.port === number) ?? ports.find((p) => p.targetPort === number))?.port;
}

function istioGateway(
  object: KubeObject,
  gateways: readonly WorkloadSpec[],
  resources: readonly KubeObject[],
): Exposure[] {
  const spec = dict(object.raw.spec) ?? {};
  const selector = stringMap(spec.selector);
  if (Object.keys(selector).length === 0) return [];
  const namespace = namespaceOf(object);
  const names = new Set([object.name, `${namespace}/${object.name}`]);
  const bound = resources
    .filter((r) => r.kind === 'VirtualService' && r.apiVersion.startsWith('networking.istio.io/'))
    .filter((r) => {
      const gateways = list(dict(r.raw.spec)?.gateways).flatMap((g) => str(g) ?? []);
      return gateways.some((g) => names.has(g) || (namespaceOf(r) === namespace && g === object.name));
    });
  const vsHosts = bound.flatMap((r) => list(dict(r.raw.spec)?.hosts).flatMap((h) => str(h) ?? []));
  const path = bound.map(virtualServicePath).find(Boolean);
  const out: Exposure[] = [];
  for (const server of list(spec.servers)) {
    const s = dict(server);
    const port = dict(s?.port);
    const number = port?.number;
    const protocol = str(port?.protocol)?.toUpperCase() ?? 'HTTP';
    if (typeof number !== 'number' || !HTTP.has(protocol)) continue;
    const serverHosts = list(s?.hosts)
      .flatMap((h) => str(h) ?? [])
      .map(hostPart);
    const host = vsHosts.map(concrete).find(Boolean) ?? serverHosts.map(concrete).find(Boolean);
    for (const gateway of gateways) {
      if (!selects(selector, gateway.labels ?? {})) continue;
      const dialled = servicePort(gateway, number);
      if (dialled !== undefined) out.push({ gateway, port: dialled, ...extras(host, path) });
    }
  }
  return out;
}

function gatewayApi(
  object: KubeObject,
  gateways: readonly WorkloadSpec[],
  resources: readonly KubeObject[],
): Exposure[] {
  const spec = dict(object.raw.spec) ?? {};
  const namespace = namespaceOf(object);
  const deployed = gateways.filter(
    (g) => g.namespace === namespace && g.labels?.['gateway.networking.k8s.io/gateway-name'] === object.name,
  );
  const routes = resources
    .filter((r) => r.kind === 'HTTPRoute')
    .filter((r) =>
      list(dict(r.raw.spec)?.parentRefs).some((p) => {
        const ref = dict(p);
        return str(ref?.name) === object.name && (str(ref?.namespace) ?? namespaceOf(r)) === namespace;
      }),
    );
  const routeHosts = routes.flatMap((r) => list(dict(r.raw.spec)?.hostnames).flatMap((h) => str(h) ?? []));
  const path = routes.map(httpRoutePath).find(Boolean);
  const out: Exposure[] = [];
  for (const listener of list(spec.listeners)) {
    const l = dict(listener);
    if (typeof l?.port !== 'number' || str(l.protocol)?.toUpperCase() !== 'HTTP') continue;
    const host = routeHosts.map(concrete).find(Boolean) ?? concrete(str(l.hostname));
    for (const gateway of deployed) {
      const dialled = servicePort(gateway, l.port);
      if (dialled !== undefined) out.push({ gateway, port: dialled, ...extras(host, path) });
    }
  }
  return out;
}

/** Every (ingress gateway, port) a client outside the mesh can reach, without duplicates. */
export function exposures(ingress: readonly WorkloadSpec[], resources: readonly KubeObject[]): Exposure[] {
  const all = resources.flatMap((r) => {
    if (r.kind === 'Gateway' && r.apiVersion.startsWith('networking.istio.io/'))
      return istioGateway(r, ingress, resources);
    if (r.kind === 'Gateway' && r.apiVersion.startsWith('gateway.networking.k8s.io/'))
      return gatewayApi(r, ingress, resources);
    return [];
  });
  const seen = new Set<string>();
  return all.filter((e) => {
    const key = `${e.gateway.namespace}/${e.gateway.name}:${e.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
