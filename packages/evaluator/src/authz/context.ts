/** What the server proxy knows about a request when its RBAC filters run (docs/semantics.md §B3). */

/** The peer identity from Istio mTLS; absent on plaintext. */
export interface Peer {
  /** `<td>/ns/<ns>/sa/<sa>` without `spiffe://`. */
  principal: string;
  trustDomain: string;
  namespace: string;
  serviceAccount: string;
  /** `spiffe://` + principal: the URI SAN. */
  uri: string;
}

export interface AuthzHttp {
  method: string;
  /** BASE-normalized path without query or fragment. */
  path: string;
  host: string;
  /** Lower-case names. */
  headers: Record<string, string>;
}

export interface AuthzRequest {
  chain: 'http' | 'tcp';
  peer: Peer | null;
  /** Envoy direct_remote_ip: the immediate peer. */
  sourceIp: string;
  /** Envoy remote_ip: from XFF at gateways, else the peer. */
  remoteIp: string;
  destinationIp: string;
  /** The workload (container) port. */
  destinationPort: number;
  /** TLS SNI; '' for plaintext. */
  sni: string;
  http: AuthzHttp | null;
  /** Payload of the JWT that jwt_authn accepted, if any. */
  jwtPayload: Record<string, unknown> | null;
}
