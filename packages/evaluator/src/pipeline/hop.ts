/**
 * One hop of a request: a client (a workload with or without a proxy, or the outside world) calls
 * one server workload. Transport (client TLS vs server peer authentication), then on the server's
 * proxy CUSTOM → JWT → AUDIT → DENY → ALLOW (SEMANTICS §1, §E).
 */
import { decideCustom, decideRbac, type RawStep } from '../authz/decide';
import type { AuthzRequest, Peer } from '../authz/context';
import { authenticate, type JwtOutcome } from '../jwt';
import { normalizePath, remoteAddress } from '../match';
import type { MeshWorkload } from '../mesh';
import { clientTls, handshake, type ClientSends, type ServerAccepts } from '../mtls/client-tls';
import type { HttpRequestModel } from '../request';
import type { Verdict } from '../types';
import type { Engine } from './engine';

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
}

const peerOf = (w: MeshWorkload, trustDomain: string): Peer => ({
  principal: w.principal,
  trustDomain,
  namespace: w.namespace,
  serviceAccount: w.serviceAccount,
});

/** What the client observes (DESIGN "Outcomes"); `httpStatus` 0 = the connection was reset. */
function statusFor(chain: Chain, verdict: Verdict, httpStatus: number): string {
  if (chain === 'tcp') return verdict === 'allowed' ? 'connected' : verdict === 'mtls-failure' ? '000' : 'denied';
  return httpStatus === 0 ? '000' : String(httpStatus);
}

/** Strips the headers/params that carried tokens the gateway or sidecar validated. */
function stripTokens(request: HttpRequestModel, outcome: JwtOutcome): HttpRequestModel {
  if (outcome.stripped.length === 0) return request;
  const headers = { ...request.headers };
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

export function evaluateHop(engine: Engine, input: HopInput): HopResult {
  const { client, server, chain, hop } = input;
  const steps: HopStep[] = [];
  const step = (s: RawStep) => steps.push({ ...s, hop });
  const result = (verdict: Verdict, httpStatus: number, mtls: boolean | null, remoteIp = input.clientIp): HopResult => ({
    status: statusFor(chain, verdict, httpStatus),
    verdict,
    mtls,
    steps,
    forwarded: input.request,
    remoteIp,
  });

  // --- transport: what the client sends, what the server accepts (§B) ---
  let sends: ClientSends = 'PLAINTEXT';
  if (client?.sidecar || client?.gateway) {
    const tls = clientTls(engine.mesh, engine.resources.destinationRules, engine.peerAuthentications, client, server, input.servicePort, input.targetPort, input.subset);
    sends = tls.sends;
    step({
      stage: 'client-tls',
      outcome: 'info',
      message: `${client.key} proxy: ${tls.reason}`,
      ...(tls.destinationRule ? { meta: tls.destinationRule.meta, path: tls.tlsPath ?? [] } : {}),
    });
  } else {
    step({ stage: 'client-tls', outcome: 'info', message: `${client ? `${client.key} has no sidecar` : 'the client is outside the mesh'}: it sends plaintext (DestinationRules do not apply)` });
  }
  let accepts: ServerAccepts = 'PLAINTEXT_ONLY';
  if (server.gateway) {
    step({ stage: 'server-tls', outcome: 'info', message: `${server.key} is a gateway: its listener serves plaintext HTTP here (Gateway servers, not PeerAuthentication, govern it)` });
  } else if (server.sidecar) {
    const mode = engine.peerAuthentications.forPort(server, input.targetPort);
    accepts = mode.mode;
    const where = mode.policy
      ? `${mode.origin}-level PeerAuthentication ${mode.policy.meta.namespace}/${mode.policy.meta.name}${mode.origin === 'port' ? ` portLevelMtls ${input.targetPort}` : ''}`
      : 'no PeerAuthentication sets a mode: the default';
    step({
      stage: 'server-tls',
      outcome: 'info',
      message: `${server.key} sidecar accepts ${mode.mode} on port ${input.targetPort} (${where})`,
      ...(mode.policy
        ? {
            meta: mode.policy.meta,
            path: mode.origin === 'port' ? [...mode.policy.meta.basePath, 'spec', 'portLevelMtls', String(input.targetPort)] : [...mode.policy.meta.basePath, 'spec', 'mtls'],
          }
        : {}),
    });
  } else {
    step({ stage: 'server-tls', outcome: 'info', message: `${server.key} has no sidecar: the app accepts plaintext only` });
  }
  const shake = handshake(sends, accepts);
  if (!shake.ok) {
    const viaSidecar = Boolean(client?.sidecar || client?.gateway);
    step({
      stage: 'transport',
      outcome: 'fail',
      message: `${shake.reason}${viaSidecar && chain === 'http' ? ': the client sidecar answers 503' : ': the connection is reset (curl prints 000)'}`,
    });
    return result('mtls-failure', viaSidecar && chain === 'http' ? 503 : 0, null);
  }
  step({ stage: 'transport', outcome: 'pass', message: `connected over ${shake.mtls ? 'mTLS' : 'plaintext'}${shake.mtls ? ` as ${client?.principal ?? ''}` : ' (no peer identity)'}` });

  if (!server.sidecar && !server.gateway) {
    step({ stage: 'allow', outcome: 'pass', message: `${server.key} has no proxy: no policy is enforced` });
    return result('allowed', 200, shake.mtls);
  }

  // --- the server proxy's filters ---
  const peer = shake.mtls && client ? peerOf(client, engine.mesh.trustDomain) : null;
  const xff = input.request.headers['x-forwarded-for'];
  const remoteIp = remoteAddress(input.clientIp, xff, engine.mesh.numTrustedProxies, server.gateway);
  const normalized = normalizePath(input.request.path);
  if (chain === 'http' && normalized.rejected) {
    step({ stage: 'protocol', outcome: 'fail', message: `the path ${input.request.path} is rejected by Envoy's path normalization (400) before any filter runs` });
    return result('invalid', 400, shake.mtls);
  }
  const authz: AuthzRequest = {
    chain,
    peer,
    sourceIp: input.clientIp,
    remoteIp,
    destinationIp: server.ip,
    destinationPort: input.targetPort,
    sni: shake.mtls ? `outbound_.${input.servicePort}_.${input.subset ?? ''}_.${server.service}.${server.namespace}.svc.${engine.mesh.trustDomain}` : '',
    http: chain === 'http' ? { method: input.request.method, path: normalized.path, host: input.request.host, headers: input.request.headers } : null,
    jwtPayload: null,
  };
  const set = engine.policySet(server);

  const custom = decideCustom(set, authz);
  custom.steps.forEach(step);
  if (custom.denied) return result('custom-denied', custom.status, shake.mtls, remoteIp);

  let forwarded = input.request;
  if (chain === 'http') {
    const providers = engine.jwtProviders(server);
    if (providers.length > 0) {
      const outcome = authenticate(providers, input.request, engine.jwt, input.nowSeconds);
      const p = outcome.provider;
      step({
        stage: 'jwt',
        outcome: outcome.result === 'pass' ? 'pass' : 'fail',
        message: outcome.message,
        ...(p ? { meta: p.ra.meta, path: [...p.ra.meta.basePath, 'spec', 'jwtRules', p.rule.index], rule: p.rule.index } : {}),
      });
      if (outcome.result === 'unauthenticated') return result('unauthenticated', 401, shake.mtls, remoteIp);
      if (outcome.result === 'audience-rejected') return result('audience-rejected', 403, shake.mtls, remoteIp);
      authz.jwtPayload = outcome.payload;
      forwarded = stripTokens(input.request, outcome);
    }
  } else if (engine.jwtProviders(server).length > 0) {
    step({ stage: 'jwt', outcome: 'skip', message: 'RequestAuthentication applies, but there is no JWT filter on a TCP port' });
  }

  const rbac = decideRbac(set, authz);
  rbac.steps.forEach(step);
  const verdict: Verdict = rbac.denied ? 'denied' : 'allowed';
  return { ...result(verdict, rbac.denied ? 403 : 200, shake.mtls, remoteIp), forwarded };
}
