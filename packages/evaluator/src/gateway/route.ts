/**
 * Routing at an ingress gateway: Istio Gateway + VirtualService (istio.ts), or Gateway API
 * Gateway + HTTPRoute (gateway-api.ts). Finds the backend a request goes to, or none (the gateway
 * answers 404); the matchers are in match.ts, the rewrites in rewrite.ts.
 */
import type { MeshModel, MeshWorkload } from '../mesh';
import type { ResourceSet } from '../resources/types';
import { routeGatewayApi } from './gateway-api';
import { routeIstio } from './istio';
import type { GatewayRequest, RouteResult } from './types';

export type { GatewayRequest, RouteResult, RouteTarget } from './types';
export { queryParam } from './match';

/** Gateway API gateways route by HTTPRoute; classic gateways by Gateway + VirtualService. */
export function routeAtGateway(
  resources: ResourceSet,
  mesh: MeshModel,
  gateway: MeshWorkload,
  req: GatewayRequest,
): RouteResult {
  return routeGatewayApi(resources, mesh, gateway, req) ?? routeIstio(resources, mesh, gateway, req);
}
