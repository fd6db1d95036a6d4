/**
 * Istio (and Gateway API) resources as the evaluator uses them, after reading and validation.
 * Field names follow Istio's API. A resource that Istio's webhook (or kubectl's strict field
 * validation) would refuse has `rejected: true` and is never enforced, as on a cluster.
 */
import type { NodePath } from '../document';
import type { ResourceRef, WorkspaceSource } from '../types';

export interface ResourceMeta extends ResourceRef {
  apiVersion: string;
  /** metadata.creationTimestamp as epoch ms, or null when absent. */
  creationTimestamp: number | null;
  /** Position among resources in the workspace (document order); breaks ties by age. */
  order: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Path of the resource inside its document (`[]`, or `['items', i]` in a `kind: List`). */
  basePath: NodePath;
  /** true when a cluster would refuse the resource (webhook error, unknown field, wrong type). */
  rejected: boolean;
  /** The workspace part of the resource's document (parts evaluation only). */
  source?: WorkspaceSource;
}

export interface TargetRef {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
}

export type AuthorizationAction = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

/** AuthorizationPolicy Source (all optional; absent = not set). */
export interface Source {
  principals?: string[];
  notPrincipals?: string[];
  requestPrincipals?: string[];
  notRequestPrincipals?: string[];
  namespaces?: string[];
  notNamespaces?: string[];
  serviceAccounts?: string[];
  notServiceAccounts?: string[];
  trustDomains?: string[];
  notTrustDomains?: string[];
  ipBlocks?: string[];
  notIpBlocks?: string[];
  remoteIpBlocks?: string[];
  notRemoteIpBlocks?: string[];
}

/** AuthorizationPolicy Operation. `ports` are decimal strings as in the API. */
export interface Operation {
  hosts?: string[];
  notHosts?: string[];
  ports?: string[];
  notPorts?: string[];
  methods?: string[];
  notMethods?: string[];
  paths?: string[];
  notPaths?: string[];
}

export interface Condition {
  key: string;
  values?: string[];
  notValues?: string[];
}

export interface Rule {
  /** Index in `spec.rules`. */
  index: number;
  /** `from` list, or null when absent. Entries are the `source` objects. */
  from: Source[] | null;
  to: Operation[] | null;
  when: Condition[] | null;
  /** A null entry in `rules` (skipped by istiod, rejected by the webhook). */
  isNull: boolean;
}

export interface AuthorizationPolicy {
  meta: ResourceMeta;
  /** matchLabels, `{}` for an empty selector, null when `selector` is absent. */
  selector: Record<string, string> | null;
  targetRefs: TargetRef[];
  action: AuthorizationAction;
  /** CUSTOM provider name. */
  provider: string | null;
  /** null when `rules` is absent; `[]` when empty. */
  rules: Rule[] | null;
  /** `istio.io/dry-run: "true"`. */
  dryRun: boolean;
}

export type MutualTlsMode = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

export interface PeerAuthentication {
  meta: ResourceMeta;
  selector: Record<string, string> | null;
  /** `spec.mtls.mode`; null when `mtls` is absent (same as UNSET). */
  mode: MutualTlsMode | null;
  /** Keyed by workload (container) port. */
  portLevelMtls: { port: number; mode: MutualTlsMode }[];
}

export interface JwtHeader {
  name: string;
  prefix?: string;
}

export interface JwtRule {
  /** Index in `spec.jwtRules`. */
  index: number;
  issuer: string;
  audiences: string[];
  jwksUri: string | null;
  /** Inline JWKS (a JSON string, as in the API). */
  jwks: string | null;
  fromHeaders: JwtHeader[];
  fromParams: string[];
  fromCookies: string[];
  forwardOriginalToken: boolean;
  outputPayloadToHeader: string | null;
  outputClaimToHeaders: { header: string; claim: string }[];
  spaceDelimitedClaims: string[];
}

export interface RequestAuthentication {
  meta: ResourceMeta;
  selector: Record<string, string> | null;
  targetRefs: TargetRef[];
  jwtRules: JwtRule[];
}

export type ClientTlsMode = 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';

export interface TlsSettings {
  /** null when `tls` is present but has no mode (treated as DISABLE by Envoy? see mtls.ts). */
  mode: ClientTlsMode | null;
}

export interface PortTrafficPolicy {
  /** Service port number. */
  port: number;
  tls: TlsSettings | null;
  /** Index in portLevelSettings. */
  index: number;
}

export interface TrafficPolicy {
  tls: TlsSettings | null;
  portLevelSettings: PortTrafficPolicy[];
}

export interface Subset {
  name: string;
  labels: Record<string, string>;
  trafficPolicy: TrafficPolicy | null;
  index: number;
}

export interface DestinationRule {
  meta: ResourceMeta;
  host: string;
  /** exportTo as given; [] means the default (`*`). */
  exportTo: string[];
  trafficPolicy: TrafficPolicy | null;
  subsets: Subset[];
  /** `spec.workloadSelector.matchLabels`, or null. */
  workloadSelector: Record<string, string> | null;
}

/** networking.istio.io Gateway. */
export interface IstioGateway {
  meta: ResourceMeta;
  selector: Record<string, string>;
  servers: {
    index: number;
    port: { number: number; name?: string; protocol: string };
    hosts: string[];
    tlsMode: string | null;
  }[];
}

export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

export interface HttpMatchRequest {
  uri?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers?: Record<string, StringMatch>;
  /** Matches when none of these matches (a missing header counts as empty, a missing claim as absent). */
  withoutHeaders?: Record<string, StringMatch>;
  port?: number;
  scheme?: StringMatch;
  queryParams?: Record<string, StringMatch>;
  /** Case-insensitive `uri` exact/prefix matching (not regex). */
  ignoreUriCase?: boolean;
  /** Gateways (`ns/name` as written, or short) this match is limited to; overrides sourceLabels. */
  gateways?: string[];
  /** Labels the proxy (here: the gateway workload) must carry. */
  sourceLabels?: Record<string, string>;
  sourceNamespace?: string;
}

export interface HttpRouteDestination {
  host: string;
  port?: number;
  subset?: string;
  weight?: number;
}

export interface VirtualService {
  meta: ResourceMeta;
  hosts: string[];
  gateways: string[];
  http: {
    index: number;
    match: HttpMatchRequest[];
    route: HttpRouteDestination[];
    /** A direct response (no backend). */
    directResponse?: { status: number };
    /**
     * `rewrite.uri` and `rewrite.uriRegexRewrite` (the path the backend receives) and
     * `rewrite.authority` (its Host); gateway/rewrite.ts.
     */
    rewrite?: { uri?: string; uriRegexRewrite?: { match: string; rewrite: string }; authority?: string };
  }[];
}

/** gateway.networking.k8s.io Gateway. */
export interface KubernetesGateway {
  meta: ResourceMeta;
  gatewayClassName: string;
  listeners: { index: number; name: string; port: number; protocol: string; hostname?: string }[];
}

export interface HttpRouteMatch {
  path?: { type: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string };
  headers?: { type?: 'Exact' | 'RegularExpression'; name: string; value: string }[];
  /** Query parameter names are case-sensitive (Gateway API HTTPQueryParamMatch). */
  queryParams?: { type?: 'Exact' | 'RegularExpression'; name: string; value: string }[];
  method?: string;
}

export interface HttpRoute {
  meta: ResourceMeta;
  parentRefs: { name: string; namespace?: string; sectionName?: string; port?: number; kind?: string }[];
  hostnames: string[];
  rules: {
    index: number;
    matches: HttpRouteMatch[];
    backendRefs: { name: string; namespace?: string; port?: number; weight?: number }[];
    /** The rule's `URLRewrite` filter (gateway/rewrite.ts). */
    rewrite?: HttpUrlRewrite;
  }[];
}

/** Gateway API HTTPURLRewriteFilter: the Host and the path the backend receives. */
export interface HttpUrlRewrite {
  hostname?: string;
  path?: { type: 'ReplaceFullPath' | 'ReplacePrefixMatch'; value: string };
}

/** Everything the workspace's Istio documents declare, by kind, in document order. */
export interface ResourceSet {
  authorizationPolicies: AuthorizationPolicy[];
  peerAuthentications: PeerAuthentication[];
  requestAuthentications: RequestAuthentication[];
  destinationRules: DestinationRule[];
  gateways: IstioGateway[];
  virtualServices: VirtualService[];
  kubernetesGateways: KubernetesGateway[];
  httpRoutes: HttpRoute[];
}
