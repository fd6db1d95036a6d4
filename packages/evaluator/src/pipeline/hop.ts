/**
 * One hop of a request: a client (a workload with or without a proxy, or the outside world) calls
 * one server workload. Transport (client TLS vs server peer authentication), then on the server's
 * proxy CUSTOM → JWT → AUDIT → DENY → ALLOW (docs/semantics.md §1, §E).
 */
import { decideCustom, decideRbac, type PolicySet, type RawStep } from '../authz/decide';
import type { AuthzRequest } from '../authz/context';
import { authenticate, type JwtOutcome } from '../jwt';
import { normalizePath, pathEnd, remoteAddress, type NormalizedPath } from '../match';
import type { MeshWorkload } from '../mesh';
import { clientTls, handshake, type ClientSends, type ServerAccepts } from '../mtls/client-tls';
import type { ModeDecision } from '../mtls/peer-authentication';
import { getOwn } from '../read';
import type { HttpRequestModel } from '../request';
import type { Verdict } from '../types';
import type { Engine } from './engine';
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

function stepServerMode(
  step: (s: RawStep) => void,
  server: MeshWorkload,
  port: number,
  mode: ModeDecision,
): void {
  const where = mode.policy
    ? `${mode.origin}-level PeerAuthentication ${mode.policy.meta.namespace}/${mode.policy.meta.name}${mode.origin === 'port' ? ` portLevelMtls ${port}` : ''}`
    : 'no PeerAuthentication sets a mode: the default';
  step({
    stage: 'server-tls',
    outcome: 'info',
    message: `${server.key} sidecar accepts ${mode.mode} on port ${port} (${where})`,
    ...(mode.policy
      ? {
          meta: mode.policy.meta,
          path:
            mode.origin === 'port'
              ? [...mode.policy.meta.basePath, 'spec', 'portLevelMtls', String(port)]
              : [...mode.policy.meta.basePath, 'spec', 'mtls'],
        }
      : {}),
  });
}

const NO_STEPS: HopStep[] = [];
const ignoreStep = (_: RawStep): void => {};

function hopResult(
  input: HopInput,
  steps: HopStep[],
  verdict: Verdict,
  httpStatus: number,
  mtls: boolean | null,
  remoteIp: string = input.clientIp,
  forwarded: HttpRequestModel = input.request,
  jwtPayload: Record<string, unknown> | null = null,
): HopResult {
  return {
    status: statusFor(input.chain, verdict, httpStatus),
    verdict,
    mtls,
    steps,
    forwarded,
    remoteIp,
    jwtPayload,
  };
}

export function evaluateHop(engine: Engine, input: HopInput): HopResult {
  const { client, server, chain, hop, trace } = input;
  // Without a trace nothing is recorded and no step closure is allocated (the matrix's hot path).
  const steps: HopStep[] = trace ? [] : NO_STEPS;
  const step = trace ? (s: RawStep) => void steps.push(Object.assign(s, { hop })) : ignoreStep;

  // --- transport: what the client sends, what the server accepts (§B) ---
  let sends: ClientSends = 'PLAINTEXT';
  if (client?.sidecar || client?.gateway) {
    const tls = clientTls(
      engine.mesh,
      engine.destinationRules,
      engine.peerAuthentications,
      client,
      server,
      input.servicePort,
      input.targetPort,
      input.subset,
    );
    sends = tls.sends;
    if (trace)
      step({
        stage: 'client-tls',
        outcome: 'info',
        message: `${client.key} proxy: ${tls.reason}`,
        ...(tls.destinationRule ? { meta: tls.destinationRule.meta, path: tls.tlsPath ?? [] } : {}),
      });
  } else if (trace) {
    step({
      stage: 'client-tls',
      outcome: 'info',
      message: `${client ? `${client.key} has no sidecar` : 'the client is outside the mesh'}: it sends plaintext (DestinationRules do not apply)`,
    });
  }
  let accepts: ServerAccepts = 'PLAINTEXT_ONLY';
  if (server.gateway) {
    if (trace)
      step({
        stage: 'server-tls',
        outcome: 'info',
        message: `${server.key} is a gateway: its listener serves plaintext HTTP here (Gateway servers, not PeerAuthentication, govern it)`,
      });
  } else if (server.sidecar) {
    const mode = engine.peerAuthentications.forPort(server, input.targetPort);
    accepts = mode.mode;
    if (trace) stepServerMode(step, server, input.targetPort, mode);
  } else if (trace) {
    step({
      stage: 'server-tls',
      outcome: 'info',
      message: `${server.key} has no sidecar: the app accepts plaintext only`,
    });
  }
  const shake = handshake(sends, accepts);
  if (!shake.ok) {
    const viaSidecar = Boolean(client?.sidecar || client?.gateway);
    if (trace) {
      step({
        stage: 'transport',
        outcome: 'fail',
        message: `${shake.reason}${viaSidecar && chain === 'http' ? ': the client sidecar answers 503' : ': the connection is reset (curl prints 000)'}`,
      });
    }
    return hopResult(input, steps, 'mtls-failure', viaSidecar && chain === 'http' ? 503 : 0, null);
  }
  if (trace)
    step({
      stage: 'transport',
      outcome: 'pass',
      message: `connected over ${shake.mtls ? 'mTLS' : 'plaintext'}${shake.mtls ? ` as ${client?.principal ?? ''}` : ' (no peer identity)'}`,
    });

  if (!server.sidecar && !server.gateway) {
    if (trace)
      step({ stage: 'allow', outcome: 'pass', message: `${server.key} has no proxy: no policy is enforced` });
    const result = hopResult(input, steps, 'allowed', 200, shake.mtls);
    if (input.upstream && chain === 'http') {
      const normalized = input.normalized ?? normalizePath(input.request.path, engine.mesh.pathNormalization);
      result.upstream = directUpstream(client, input.request, normalized);
    }
    return result;
  }

  // --- the server proxy's filters ---
  // The peer identity is the client workload's SPIFFE identity; a MeshWorkload is a Peer.
  const peer = shake.mtls && client ? client : null;
  const xff = getOwn(input.request.headers, 'x-forwarded-for');
  const remoteIp =
    xff === undefined
      ? input.clientIp
      : remoteAddress(input.clientIp, xff, engine.mesh.numTrustedProxies, server.gateway);
  const normalized = input.normalized ?? normalizePath(input.request.path, engine.mesh.pathNormalization);
  if (chain === 'http' && normalized.rejected) {
    if (trace)
      step({
        stage: 'protocol',
        outcome: 'fail',
        message: `the path ${input.request.path} is rejected by Envoy's path normalization (400) before any filter runs`,
      });
    return hopResult(input, steps, 'invalid', 400, shake.mtls);
  }
  if (trace && chain === 'http') {
    const sent = input.request.path.slice(0, pathEnd(input.request.path));
    if (sent !== normalized.path)
      step({
        stage: 'protocol',
        outcome: 'info',
        message: `${engine.mesh.pathNormalization} path normalization: ${sent} becomes ${normalized.path} (what policies match and the app receives)`,
      });
  }
  const authz: AuthzRequest = {
    chain,
    peer,
    sourceIp: input.clientIp,
    remoteIp,
    destinationIp: server.ip,
    destinationPort: input.targetPort,
    sni: shake.mtls ? (input.sni ?? sniOf(input, engine.mesh.trustDomain)) : '',
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
  const set = input.policySet ?? engine.policySet(server);

  if (trace) {
    for (const refused of engine.refusedPolicies(server)) {
      const m = refused.meta;
      step({
        stage: m.kind === 'RequestAuthentication' ? 'jwt' : 'allow',
        outcome: 'skip',
        message: `${m.kind} ${m.namespace}/${m.name} would apply here, but a cluster refuses it (see its errors): it is not enforced`,
        meta: m,
        path: [...m.basePath],
      });
    }
  }
  const custom = decideCustom(set, authz, trace);
  if (trace) custom.steps.forEach(step);
  if (custom.denied) return hopResult(input, steps, custom.verdict, custom.status, shake.mtls, remoteIp);

  let forwarded = input.request;
  if (chain === 'http') {
    const providers = engine.jwtProviders(server);
    if (providers.length > 0) {
      const outcome = input.jwt ?? authenticate(providers, input.request, engine.jwt, input.nowSeconds);
      const p = outcome.provider;
      if (trace)
        step({
          stage: 'jwt',
          outcome: outcome.result === 'pass' ? 'pass' : 'fail',
          message: outcome.message,
          ...(p
            ? {
                meta: p.ra.meta,
                path: [...p.ra.meta.basePath, 'spec', 'jwtRules', p.rule.index],
                rule: p.rule.index,
              }
            : {}),
        });
      if (outcome.result === 'unauthenticated')
        return hopResult(input, steps, 'unauthenticated', 401, shake.mtls, remoteIp);
      if (outcome.result === 'audience-rejected')
        return hopResult(input, steps, 'audience-rejected', 403, shake.mtls, remoteIp);
      authz.jwtPayload = outcome.payload;
      forwarded = afterJwtAuthn(providers, input.request, outcome);
      // jwt_authn runs before RBAC: the policies see the headers it removed and wrote.
      if (authz.http) authz.http.headers = forwarded.headers;
    }
  } else if (trace && engine.jwtProviders(server).length > 0) {
    step({
      stage: 'jwt',
      outcome: 'skip',
      message: 'RequestAuthentication applies, but there is no JWT filter on a TCP port',
    });
  }

  const rbac = decideRbac(set, authz, trace);
  if (trace) rbac.steps.forEach(step);
  const verdict: Verdict = rbac.denied ? 'denied' : 'allowed';
  const result = hopResult(
    input,
    steps,
    verdict,
    rbac.denied ? 403 : 200,
    shake.mtls,
    remoteIp,
    forwarded,
    authz.jwtPayload,
  );
  if (input.upstream && chain === 'http' && verdict === 'allowed')
    result.upstream = proxiedUpstream({
      client,
      clientIp: input.clientIp,
      server,
      forwarded,
      normalized,
      mtls: shake.mtls,
    });
  return result;
}
