/**
 * The second leg of a probe through an ingress gateway, once the gateway's own hop allowed it:
 * routing (Gateway + VirtualService, or Gateway API Gateway + HTTPRoute, `gateway/route.ts`), the
 * backend's port, and the request the gateway forwards to the backend.
 */
import type { RawStep } from '../authz/decide';
import { routeAtGateway, type RouteTarget } from '../gateway/route';
import { normalizePath } from '../match';
import type { MeshWorkload } from '../mesh';
import { copyMap, getOwn } from '../read';
import type { HttpRequestModel } from '../request';
import type { Verdict } from '../types';
import type { Engine } from './engine';
import type { HopResult } from './hop';
import { resolvePort, type ResolvedPort } from './request';

export type FlowStep = RawStep & { hop: number };

/** Routing at the gateway: where the probe ends there, or the backend it goes on to. */
export type GatewayRouting =
  | { steps: FlowStep[]; ends: { status: string; verdict: Verdict } }
  | { steps: FlowStep[]; ends: null; target: RouteTarget; backendPort: ResolvedPort };

/** What the gateway's route table matches: Envoy normalizes the path first; queryParams match the query. */
function routedRequest(engine: Engine, forwarded: HttpRequestModel, port: ResolvedPort) {
  const q = forwarded.path.search(/[?#]/);
  return {
    method: forwarded.method,
    path: normalizePath(forwarded.path, engine.mesh.pathNormalization).path,
    host: forwarded.host,
    headers: forwarded.headers,
    port: port.servicePort,
    targetPort: port.targetPort,
    ...(forwarded.path[q] === '?' ? { query: forwarded.path.slice(q + 1).split('#')[0] ?? '' } : {}),
  };
}

export function routeThroughGateway(
  engine: Engine,
  gateway: MeshWorkload,
  port: ResolvedPort,
  first: HopResult,
): GatewayRouting {
  const route = routeAtGateway(engine.resources, engine.mesh, gateway, {
    ...routedRequest(engine, first.forwarded, port),
    claims: first.jwtPayload,
  });
  if (route.kind === 'none')
    return {
      steps: [
        { stage: 'route', outcome: 'fail', message: `${route.reason}: the gateway answers 404`, hop: 0 },
      ],
      ends: { status: '404', verdict: 'no-route' },
    };
  if (route.kind === 'direct')
    return {
      steps: [
        {
          stage: 'route',
          outcome: 'info',
          message: `the route answers directly with ${route.status}`,
          hop: 0,
          meta: route.meta,
          path: route.path,
          rule: route.rule,
        },
      ],
      ends: { status: String(route.status), verdict: route.status < 400 ? 'allowed' : 'denied' },
    };
  const target = route.target;
  const routed: FlowStep = {
    stage: 'route',
    outcome: 'pass',
    message:
      target.rewrittenPath === undefined
        ? target.description
        : `${target.description}; the route rewrites the path to ${target.rewrittenPath}`,
    hop: 0,
    meta: target.meta,
    path: target.path,
    rule: target.rule,
  };
  const backendPort = resolvePort(target.backend, target.port, 'service');
  if (typeof backendPort === 'string')
    return {
      steps: [
        routed,
        { stage: 'route', outcome: 'fail', message: `${backendPort}: the gateway answers 503`, hop: 0 },
      ],
      ends: { status: '503', verdict: 'no-route' },
    };
  return { steps: [routed], ends: null, target, backendPort };
}

/** A route's rewritten path in place of the path part of `upstream` (the query stays). */
function withRewrite(upstream: string, rewrittenPath: string | undefined): string {
  if (rewrittenPath === undefined) return upstream;
  const q = upstream.indexOf('?');
  return q === -1 ? rewrittenPath : rewrittenPath + upstream.slice(q);
}

/**
 * The request the gateway sends to the backend: what its proxy forwards (upstream.ts) with the
 * route's rewrite; otherwise the request with the address the gateway saw appended to X-Forwarded-For.
 * A route that rewrites the authority (VirtualService `rewrite.authority`, HTTPRoute URLRewrite
 * `hostname`) sends that Host.
 */
export function forwardedToBackend(
  first: HopResult,
  target: RouteTarget,
  clientIp: string,
): HttpRequestModel {
  const request = ((): HttpRequestModel => {
    if (first.upstream)
      return {
        ...first.forwarded,
        path: withRewrite(first.upstream.path, target.rewrittenPath),
        headers: first.upstream.headers,
      };
    const xff = getOwn(first.forwarded.headers, 'x-forwarded-for');
    return {
      ...first.forwarded,
      headers: Object.assign(copyMap(first.forwarded.headers), {
        'x-forwarded-for': xff ? `${xff}, ${clientIp}` : clientIp,
      }),
    };
  })();
  return target.rewrittenHost === undefined ? request : { ...request, host: target.rewrittenHost };
}
