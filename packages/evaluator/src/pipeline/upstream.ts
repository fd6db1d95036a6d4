/**
 * What the application receives (docs/workspace-format.md "Test hooks", Results `upstream`): the
 * `:path` and the headers a server's proxy forwards to it once every filter has let the request
 * through. Only the headers that an Istio setting or policy controls are simulated; Envoy's
 * bookkeeping headers (`x-request-id`, `x-b3-*`/`traceparent`, `x-envoy-attempt-count`,
 * `x-forwarded-proto`…) are not.
 *
 * - The path: the mesh's `pathNormalization` (match/path.ts), plus the query as sent, no fragment.
 * - `x-forwarded-client-cert` (XFCC):
 *   - a sidecar's outbound listener leaves `forward_client_cert_details` unset, i.e. Envoy's
 *     `SANITIZE`: an XFCC the client app wrote never leaves its own sidecar;
 *   - a sidecar's inbound listener uses `APPEND_FORWARD` with Subject, URI and DNS details
 *     (istio/istio `pilot/pkg/networking/core/listener_inbound.go` `buildSidecarInboundHTTPOpts`,
 *     `pilot/pkg/networking/util/proxy_headers.go`): on an mTLS connection it appends
 *     `By=<the server's SPIFFE URI>;Hash=<…>;Subject="";URI=<the client's SPIFFE URI>` to what
 *     arrived; on plaintext it removes the header (envoyproxy/envoy
 *     `source/common/http/conn_manager_utility.cc` `mutateXfccRequestHeader`);
 *   - a gateway uses `SANITIZE_SET` (`gateway.go`, unless `gatewayTopology` says otherwise); its
 *     listener is plaintext here, so it removes the header.
 *   `Hash=` (the SHA-256 of the client's certificate) is not simulated: the playground has no
 *   certificate to hash. Istio workload certificates have an empty subject and no DNS SAN, hence
 *   `Subject=""` and no `DNS=`.
 * - `authorization` (or whichever header carried a validated token) is removed unless the
 *   jwtRule has `forwardOriginalToken: true` (the hop strips it, jwt/authenticate.ts).
 * - jwt_authn first removes every `outputPayloadToHeader` and `outputClaimToHeaders` header the
 *   client sent (Envoy `extractor.cc` sanitizes them, so they cannot be forged), then sets them from
 *   the accepted tokens.
 * - `x-forwarded-for` at a gateway: `use_remote_address: true` appends the downstream peer address.
 *   `numTrustedProxies` (`xff_num_trusted_hops`) decides which entry is the client (`remote.ip`),
 *   not what is appended. Sidecars (`use_remote_address: false`) leave XFF as it is.
 * - A CUSTOM (ext_authz) provider adds no header: the simulated providers only allow or deny.
 */
import type { JwtOutcome, JwtProvider } from '../jwt';
import { upstreamPath, type NormalizedPath } from '../match/path';
import type { MeshWorkload } from '../mesh';
import { copyMap, getOwn } from '../read';
import type { HttpRequestModel } from '../request';

export interface Upstream {
  /** The `:path` the app receives: normalized, with the query as sent. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
}

const XFCC = 'x-forwarded-client-cert';

/** The XFCC element a sidecar appends for an mTLS peer (without `Hash=`, see above). */
export function xfccElement(server: MeshWorkload, client: MeshWorkload): string {
  return `By=${server.uri};Subject="";URI=${client.uri}`;
}

export interface UpstreamInput {
  /** The client workload; null outside the mesh. */
  client: MeshWorkload | null;
  /** The peer address the server's proxy sees. */
  clientIp: string;
  server: MeshWorkload;
  /** The request after jwt_authn (validated tokens stripped). */
  forwarded: HttpRequestModel;
  normalized: NormalizedPath;
  /** The connection is Istio mTLS (the client has an identity). */
  mtls: boolean;
}

/** The request a server proxy forwards to its app (or, for a gateway, to the backend). */
export function proxiedUpstream(input: UpstreamInput): Upstream {
  const { client, server } = input;
  const headers = copyMap(input.forwarded.headers);
  // The client's sidecar (or gateway) sanitized XFCC on its way out.
  if (client?.sidecar || client?.gateway) delete headers[XFCC];
  if (server.gateway) {
    delete headers[XFCC];
    const xff = getOwn(headers, 'x-forwarded-for');
    headers['x-forwarded-for'] = xff ? `${xff}, ${input.clientIp}` : input.clientIp;
  } else if (input.mtls && client) {
    const incoming = getOwn(headers, XFCC);
    const mine = xfccElement(server, client);
    headers[XFCC] = incoming ? `${incoming},${mine}` : mine;
  } else {
    delete headers[XFCC];
  }
  return { path: upstreamPath(input.forwarded.path, input.normalized), headers };
}

/**
 * The request as jwt_authn leaves it, which is what the RBAC filter after it and the app see:
 * every provider's output headers removed (forged ones cannot pass), the validated tokens' header
 * (or query parameter) removed unless `forwardOriginalToken`, then the accepted tokens' output
 * headers written.
 */
export function afterJwtAuthn(
  providers: readonly JwtProvider[],
  request: HttpRequestModel,
  outcome: JwtOutcome,
): HttpRequestModel {
  const outputs = outcome.outputHeaders ?? [];
  const sanitizes = providers.some((p) => p.rule.outputPayloadToHeader || p.rule.outputClaimToHeaders.length);
  if (outcome.stripped.length === 0 && outputs.length === 0 && !sanitizes) return request;
  const stripped = stripTokens(request, outcome);
  const headers = stripped === request ? copyMap(request.headers) : stripped.headers;
  for (const p of providers) {
    if (p.rule.outputPayloadToHeader) delete headers[p.rule.outputPayloadToHeader.toLowerCase()];
    for (const { header } of p.rule.outputClaimToHeaders) delete headers[header.toLowerCase()];
  }
  const seen = new Set<string>();
  for (const [name, value] of outputs) {
    // A payload header is added (`addCopy`), a claim header set; after sanitizing, the only
    // collision is two accepted tokens writing the same name: keep both, comma-joined.
    headers[name] = seen.has(name) ? `${headers[name] ?? ''},${value}` : value;
    seen.add(name);
  }
  return { ...stripped, headers };
}

/** Strips the headers/params that carried tokens the gateway or sidecar validated. */
function stripTokens(request: HttpRequestModel, outcome: JwtOutcome): HttpRequestModel {
  if (outcome.stripped.length === 0) return request;
  const headers = copyMap(request.headers);
  let path = request.path;
  for (const { in: where } of outcome.stripped) {
    const [kind, name = ''] = where.split(':');
    if (kind === 'header') delete headers[name.toLowerCase()];
    if (kind === 'query') {
      const q = path.indexOf('?');
      if (q !== -1) {
        const kept = path
          .slice(q + 1)
          .split('&')
          .filter((kv) => decodeURIComponent(kv.split('=')[0] ?? '') !== name);
        path = kept.length ? `${path.slice(0, q)}?${kept.join('&')}` : path.slice(0, q);
      }
    }
  }
  return { ...request, headers, path };
}

/**
 * The request an app without a proxy receives: what the client (or its sidecar) sent. A client
 * sidecar's outbound listener normalizes the path with the same setting (listener_builder.go sets
 * it on every HTTP connection manager) and sanitizes XFCC; without one the target goes as written
 * (the fragment never leaves curl).
 */
export function directUpstream(
  client: MeshWorkload | null,
  request: HttpRequestModel,
  normalized: NormalizedPath,
): Upstream {
  const headers = copyMap(request.headers);
  if (client?.sidecar || client?.gateway) {
    delete headers[XFCC];
    return { path: upstreamPath(request.path, normalized), headers };
  }
  const hash = request.path.indexOf('#');
  return { path: hash === -1 ? request.path : request.path.slice(0, hash), headers };
}
