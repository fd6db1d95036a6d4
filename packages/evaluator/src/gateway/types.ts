/** What gateway routing is asked (a request at a gateway port) and answers (a backend, a direct response, or none). */
import type { MeshWorkload } from '../mesh';
import type { ResourceMeta } from '../resources/types';

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
  /** The Host (`:authority`) the gateway forwards after the route's rewrite, when it has one. */
  rewrittenHost?: string;
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
