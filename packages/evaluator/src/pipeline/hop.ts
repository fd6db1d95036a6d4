/**
 * One hop of a request: a client (a workload with or without a proxy, or the outside world) calls
 * one server workload. Transport (client TLS vs server peer authentication), then on the server's
 * proxy CUSTOM → JWT → AUDIT → DENY → ALLOW (docs/semantics.md §1, §E). Each stage returns what it
 * decided; `hopTrace.ts` builds the trace from those decisions.
 */
import {
  decideCustom,
  decideRbac,
  type CustomDecision,
  type PolicySet,
  type RawStep,
  type RbacDecision,
} from '../authz/decide';
import type { AuthzRequest } from '../authz/context';
import { authenticate, type JwtOutcome, type JwtProvider } from '../jwt';
import { normalizePath, remoteAddress, type NormalizedPath } from '../match';
import type { MeshWorkload } from '../mesh';
import { clientTls, handshake, type ClientTlsDecision, type ServerAccepts } from '../mtls/client-tls';
import type { ModeDecision } from '../mtls/peer-authentication';
import { getOwn } from '../read';
import type { HttpRequestModel } from '../request';
import type { Verdict } from '../types';
import type { Engine } from './engine';
import { hopTrace } from './hopTrace';
import { afterJwtAuthn, directUpstream, proxiedUpstream, type Upstream } from './upstream';

export type Chain = 'http' | 'tcp';

export interface HopInput {
  /** null = a client outside the mesh (no proxy, no identity). */
  client: MeshWorkload | null;
  clientIp: string;
  server: MeshWorkload;
  servicePort: number;
  targetPort: number;
  chain: Chain;
  request: HttpRequestModel;
  subset: string | null;
  nowSeconds: number;
  hop: number;
  /** false: decide only, build no trace (the matrix). */
  trace: boolean;
  /**
   * jwt_authn's outcome for this exact request at this server, when the caller already knows it:
   * it depends on the request and the server only, so the matrix computes it once per server.
   */
  jwt: JwtOutcome | undefined;
  /** The request path after Envoy's normalization, when already known. */
  normalized: NormalizedPath | undefined;
  /** The SNI an mTLS client sets for this server port, when already known. */
  sni: string | undefined;
  /** The server's policies specialised for this exact request (see `specializePolicySet`). */
  policySet: PolicySet | undefined;
  /** Build {@link HopResult.upstream} (probes do; the matrix's hot path does not). */
  upstream?: boolean;
}

/** The SNI an Istio mTLS client sets: `outbound_.<port>_.<subset>_.<fqdn>`. */
export function sniOf(
  input: Pick<HopInput, 'server' | 'servicePort' | 'subset'>,
  trustDomain: string,
): string {
  const s = input.server;
  return `outbound_.${input.servicePort}_.${input.subset ?? ''}_.${s.service}.${s.namespace}.svc.${trustDomain}`;
}

export interface HopStep extends RawStep {
  hop: number;
}

export interface HopResult {
  status: string;
  verdict: Verdict;
  mtls: boolean | null;
  steps: HopStep[];
  /** The request as it leaves this proxy upstream (validated tokens stripped). */
  forwarded: HttpRequestModel;
  /** Envoy remote address at this hop (for XFF on the next hop). */
  remoteIp: string;
  /** Claims of the token jwt_authn accepted here (what a gateway routes on), or null. */
  jwtPayload: Record<string, unknown> | null;
  /**
   * When asked for, on an allowed HTTP hop: the request the server's proxy forwards (to its app,
   * or for a gateway to the backend), or what an app without a proxy receives (upstream.ts).
   */
  upstream?: Upstream;
}

/** What the client observes (docs/workspace-format.md "Outcomes"); `httpStatus` 0 = the connection was reset. */
function statusFor(chain: Chain, verdict: Verdict, httpStatus: number): string {
  if (chain === 'tcp')
    return verdict === 'allowed' ? 'connected' : verdict === 'mtls-failure' ? '000' : 'denied';
  return httpStatus === 0 ? '000' : String(httpStatus);
}

/** The transport stage (docs/semantics.md §B): what the client sends, what the server accepts, the handshake. */
export interface Transport {
  /** A client with a proxy (sidecar or gateway) sends what its TLS settings say; any other sends plaintext. */
  client: { proxy: true; tls: ClientTlsDecision } | { proxy: false };
  /** A gateway's listener and an app without a sidecar accept plaintext; a sidecar accepts its PeerAuthentication mode. */
  server: { kind: 'gateway' } | { kind: 'sidecar'; mode: ModeDecision } | { kind: 'app' };
  shake: { ok: boolean; mtls: boolean; reason: string };
}

/** The JWT stage: jwt_authn's outcome on an HTTP port, or its absence on a TCP port. */
export type JwtStage = { kind: 'http'; providers: JwtProvider[]; outcome: JwtOutcome } | { kind: 'tcp' };

/** The stages a hop reached, each with what it decided (a stage not reached is absent). */
export interface HopDecisions {
  transport: Transport;
  /** The path after Envoy's normalization, once the request reached the server's proxy. */
  path?: NormalizedPath;
  custom?: CustomDecision;
  /** Absent when no RequestAuthentication applies to the server. */
  jwt?: JwtStage;
  rbac?: RbacDecision;
}

// The decisions without data are shared constants: the matrix's hot path allocates nothing for them.
const NO_PROXY: Transport['client'] = { proxy: false };
const GATEWAY_LISTENER: Transport['server'] = { kind: 'gateway' };
const APP_ONLY: Transport['server'] = { kind: 'app' };

function decideClientTls(engine: Engine, input: HopInput): Transport['client'] {
  const { client } = input;
  if (!client?.sidecar && !client?.gateway) return NO_PROXY;
  const tls = clientTls(
    engine.mesh,
    engine.destinationRules,
    engine.peerAuthentications,
    client,
    input.server,
    input.servicePort,
    input.targetPort,
    input.subset,
  );
  return { proxy: true, tls };
}

function decideServerTls(engine: Engine, input: HopInput): Transport['server'] {
  const { server } = input;
  if (server.gateway) return GATEWAY_LISTENER;
  if (server.sidecar)
    return { kind: 'sidecar', mode: engine.peerAuthentications.forPort(server, input.targetPort) };
  return APP_ONLY;
}

function decideTransport(engine: Engine, input: HopInput): Transport {
  const client = decideClientTls(engine, input);
  const server = decideServerTls(engine, input);
  const accepts: ServerAccepts = server.kind === 'sidecar' ? server.mode.mode : 'PLAINTEXT_ONLY';
  return { client, server, shake: handshake(client.proxy ? client.tls.sends : 'PLAINTEXT', accepts) };
}

/** Envoy's remote address at the server's proxy (X-Forwarded-For and trusted hops, docs/semantics.md). */
function remoteIpAt(engine: Engine, input: HopInput): string {
  const xff = getOwn(input.request.headers, 'x-forwarded-for');
  return xff === undefined
    ? input.clientIp
    : remoteAddress(input.clientIp, xff, engine.mesh.numTrustedProxies, input.server.gateway);
}

/** What the server proxy's authorization filters see of this request. */
function authzRequest(
  engine: Engine,
  input: HopInput,
  mtls: boolean,
  remoteIp: string,
  normalized: NormalizedPath,
): AuthzRequest {
  const { client, chain } = input;
  return {
    chain,
    // The peer identity is the client workload's SPIFFE identity; a MeshWorkload is a Peer.
    peer: mtls && client ? client : null,
    sourceIp: input.clientIp,
    remoteIp,
    destinationIp: input.server.ip,
    destinationPort: input.targetPort,
    sni: mtls ? (input.sni ?? sniOf(input, engine.mesh.trustDomain)) : '',
    http:
      chain === 'http'
        ? {
            method: input.request.method,
            path: normalized.path,
            host: input.request.host,
            headers: input.request.headers,
          }
        : null,
    jwtPayload: null,
  };
}

/** jwt_authn at the server (HTTP only), when a RequestAuthentication applies to it. */
function decideJwt(engine: Engine, input: HopInput): JwtStage | undefined {
  const providers = engine.jwtProviders(input.server);
  if (providers.length === 0) return undefined;
  if (input.chain !== 'http') return { kind: 'tcp' };
  const outcome = input.jwt ?? authenticate(providers, input.request, engine.jwt, input.nowSeconds);
  return { kind: 'http', providers, outcome };
}

const NO_STEPS: HopStep[] = [];

interface Ending {
  verdict: Verdict;
  httpStatus: number;
  mtls: boolean | null;
  remoteIp?: string;
  forwarded?: HttpRequestModel;
  jwtPayload?: Record<string, unknown> | null;
}

function hopResult(engine: Engine, input: HopInput, decisions: HopDecisions, end: Ending): HopResult {
  return {
    status: statusFor(input.chain, end.verdict, end.httpStatus),
    verdict: end.verdict,
    mtls: end.mtls,
    // Without a trace no step is built (the matrix's hot path).
    steps: input.trace ? hopTrace(engine, input, decisions) : NO_STEPS,
    forwarded: end.forwarded ?? input.request,
    remoteIp: end.remoteIp ?? input.clientIp,
    jwtPayload: end.jwtPayload ?? null,
  };
}

const pathOf = (engine: Engine, input: HopInput): NormalizedPath =>
  input.normalized ?? normalizePath(input.request.path, engine.mesh.pathNormalization);

/** The server's proxy: path normalization, then CUSTOM → JWT → AUDIT → DENY → ALLOW. */
function atServerProxy(engine: Engine, input: HopInput, decisions: HopDecisions): HopResult {
  const { chain } = input;
  const { mtls } = decisions.transport.shake;
  const end = (e: Ending) => hopResult(engine, input, decisions, e);
  const normalized = (decisions.path = pathOf(engine, input));
  if (chain === 'http' && normalized.rejected) return end({ verdict: 'invalid', httpStatus: 400, mtls });

  const remoteIp = remoteIpAt(engine, input);
  const authz = authzRequest(engine, input, mtls, remoteIp, normalized);
  const set = input.policySet ?? engine.policySet(input.server);
  const custom = (decisions.custom = decideCustom(set, authz, input.trace));
  if (custom.denied) return end({ verdict: custom.verdict, httpStatus: custom.status, mtls, remoteIp });

  let forwarded = input.request;
  const jwt = (decisions.jwt = decideJwt(engine, input));
  if (jwt?.kind === 'http') {
    const { outcome } = jwt;
    if (outcome.result === 'unauthenticated')
      return end({ verdict: 'unauthenticated', httpStatus: 401, mtls, remoteIp });
    if (outcome.result === 'audience-rejected')
      return end({ verdict: 'audience-rejected', httpStatus: 403, mtls, remoteIp });
    authz.jwtPayload = outcome.payload;
    forwarded = afterJwtAuthn(jwt.providers, input.request, outcome);
    // jwt_authn runs before RBAC: the policies see the headers it removed and wrote.
    if (authz.http) authz.http.headers = forwarded.headers;
  }

  const rbac = (decisions.rbac = decideRbac(set, authz, input.trace));
  const verdict: Verdict = rbac.denied ? 'denied' : 'allowed';
  const result = end({
    verdict,
    httpStatus: rbac.denied ? 403 : 200,
    mtls,
    remoteIp,
    forwarded,
    jwtPayload: authz.jwtPayload,
  });
  if (input.upstream && chain === 'http' && verdict === 'allowed')
    result.upstream = proxiedUpstream({
      client: input.client,
      clientIp: input.clientIp,
      server: input.server,
      forwarded,
      normalized,
      mtls,
    });
  return result;
}

export function evaluateHop(engine: Engine, input: HopInput): HopResult {
  const transport = decideTransport(engine, input);
  const decisions: HopDecisions = { transport };
  const { shake } = transport;
  if (!shake.ok) {
    const httpStatus = transport.client.proxy && input.chain === 'http' ? 503 : 0;
    return hopResult(engine, input, decisions, { verdict: 'mtls-failure', httpStatus, mtls: null });
  }
  if (transport.server.kind !== 'app') return atServerProxy(engine, input, decisions);
  // No proxy at the server: nothing is enforced.
  const result = hopResult(engine, input, decisions, {
    verdict: 'allowed',
    httpStatus: 200,
    mtls: shake.mtls,
  });
  if (input.upstream && input.chain === 'http')
    result.upstream = directUpstream(input.client, input.request, pathOf(engine, input));
  return result;
}
