/**
 * Evaluating one probe: resolve its endpoints and port, build the request the client sends
 * (`request.ts`), then one hop (client → server) or, through an ingress gateway, two hops with
 * routing between (`ingress.ts`).
 */
import { specializePolicySet, type RawStep } from '../authz/decide';
import type { AuthzRequest } from '../authz/context';
import { authenticate } from '../jwt';
import { normalizePath } from '../match';
import type { MeshWorkload } from '../mesh';
import type { HttpRequestModel } from '../request';
import type { ProbeResult, ProbeSpec, TraceStep, Verdict } from '../types';
import type { Engine } from './engine';
import { evaluateHop, sniOf, type HopInput, type HopResult, type HopStep } from './hop';
import { forwardedToBackend, routeThroughGateway, type FlowStep } from './ingress';
import { buildRequest, resolvePort, type ResolvedPort } from './request';
import { afterJwtAuthn, type Upstream } from './upstream';

/** The address an outside client calls from when the probe names none (TEST-NET-3). */
export const DEFAULT_EXTERNAL_IP = '203.0.113.10';

interface Flow {
  status: string;
  verdict: Verdict;
  mtls: boolean | null;
  steps: FlowStep[];
  /** What the app receives, when the request reaches one (allowed, HTTP). */
  upstream?: Upstream;
}

function invalid(message: string, extra: Partial<RawStep> = {}): Flow {
  return {
    status: 'invalid',
    verdict: 'invalid',
    mtls: null,
    steps: [{ stage: 'endpoint', outcome: 'fail', message, hop: 0, ...extra }],
  };
}

function nowOf(engine: Engine, spec: ProbeSpec, fallback: Date): number {
  const text = spec.now ?? engine.probesSpec.now;
  const ms = text ? Date.parse(text) : fallback.getTime();
  return Math.floor((Number.isNaN(ms) ? fallback.getTime() : ms) / 1000);
}

/** The probe's client and server, the port it reaches and the request it sends. */
interface Endpoints {
  client: MeshWorkload | null;
  clientIp: string;
  server: MeshWorkload;
  port: ResolvedPort;
  request: HttpRequestModel;
}

/** Resolves the probe's endpoints, port and request, or says why the probe is invalid. */
function resolveEndpoints(engine: Engine, spec: ProbeSpec): Endpoints | string {
  const client = spec.from === 'external' ? null : engine.mesh.byKey.get(spec.from);
  if (client === undefined)
    return `probe source "${spec.from}" is not a workload of the mesh (write namespace/workload, or external)`;
  const server = engine.mesh.byKey.get(spec.to);
  if (!server) return `probe destination "${spec.to}" is not a workload of the mesh`;
  const port = resolvePort(server, spec.port, spec.address ?? 'service');
  if (typeof port === 'string') return port;
  const { request, problems } = buildRequest(engine, spec, server);
  if (problems.length) return problems.join('; ');
  const clientIp = client ? client.ip : (spec.request?.sourceIp ?? DEFAULT_EXTERNAL_IP);
  return { client, clientIp, server, port, request };
}

/** A probe's hop: nothing is known ahead of it (unlike the matrix's), and it reports what the app receives. */
function probeHop(
  engine: Engine,
  hop: Pick<
    HopInput,
    'client' | 'clientIp' | 'server' | 'request' | 'subset' | 'nowSeconds' | 'hop' | 'trace'
  >,
  port: ResolvedPort,
): HopResult {
  // One literal, every field named: spreading `hop` into it made V8 copy it property by
  // property, a sixth of a traced probe's time.
  return evaluateHop(engine, {
    client: hop.client,
    clientIp: hop.clientIp,
    server: hop.server,
    request: hop.request,
    subset: hop.subset,
    nowSeconds: hop.nowSeconds,
    hop: hop.hop,
    trace: hop.trace,
    servicePort: port.servicePort,
    targetPort: port.targetPort,
    chain: port.chain,
    jwt: undefined,
    normalized: undefined,
    sni: undefined,
    policySet: undefined,
    upstream: true,
  });
}

/** The probe ends with this hop's outcome. */
function endsWith(hop: HopResult, steps: FlowStep[]): Flow {
  return {
    status: hop.status,
    verdict: hop.verdict,
    mtls: hop.mtls,
    steps,
    ...(hop.upstream ? { upstream: hop.upstream } : {}),
  };
}

function runProbe(engine: Engine, spec: ProbeSpec, now: Date, trace: boolean): Flow {
  const endpoints = resolveEndpoints(engine, spec);
  if (typeof endpoints === 'string') return invalid(endpoints);
  const { client, clientIp, server, port, request } = endpoints;
  const nowSeconds = nowOf(engine, spec, now);
  const steps: FlowStep[] = trace
    ? [
        {
          stage: 'protocol',
          outcome: 'info',
          message: `${spec.from} → ${server.key}: ${port.description}`,
          hop: 0,
        },
      ]
    : [];

  const first = probeHop(
    engine,
    { client, clientIp, server, request, subset: null, nowSeconds, hop: 0, trace },
    port,
  );
  steps.push(...first.steps);
  if (!server.gateway || first.verdict !== 'allowed') return endsWith(first, steps);
  if (port.chain !== 'http') {
    steps.push({
      stage: 'route',
      outcome: 'info',
      message: `${server.key} is a gateway, but port ${port.servicePort} is not HTTP: the connection ends at the gateway`,
      hop: 0,
    });
    return { status: first.status, verdict: first.verdict, mtls: first.mtls, steps };
  }

  const routing = routeThroughGateway(engine, server, port, first);
  steps.push(...routing.steps);
  if (routing.ends) return { ...routing.ends, mtls: first.mtls, steps };
  const { target } = routing;
  const second = probeHop(
    engine,
    {
      client: server,
      clientIp: server.ip,
      server: target.backend,
      request: forwardedToBackend(first, target, clientIp),
      subset: target.subset,
      nowSeconds,
      hop: 1,
      trace,
    },
    routing.backendPort,
  );
  steps.push(...second.steps);
  return endsWith(second, steps);
}

/**
 * The client-independent half of a probe to a (non-gateway) server: port, request, and the
 * JWT outcome, which depends on the request and the server only. Or why the probe is invalid.
 */
export function prepareServerSide(
  engine: Engine,
  spec: ProbeSpec,
  server: MeshWorkload,
  nowSeconds: number,
):
  | Pick<
      HopInput,
      'servicePort' | 'targetPort' | 'chain' | 'request' | 'jwt' | 'normalized' | 'sni' | 'policySet'
    >
  | string {
  const port = resolvePort(server, spec.port, spec.address ?? 'service');
  if (typeof port === 'string') return port;
  const { request, problems } = buildRequest(engine, spec, server);
  if (problems.length) return problems.join('; ');
  const proxied = server.sidecar || server.gateway;
  const providers = port.chain === 'http' && proxied ? engine.jwtProviders(server) : [];
  const jwt = providers.length ? authenticate(providers, request, engine.jwt, nowSeconds) : undefined;
  // The policies see the headers as jwt_authn leaves them (hop.ts does the same per request).
  const headers = jwt?.result === 'pass' ? afterJwtAuthn(providers, request, jwt).headers : request.headers;
  const normalized = normalizePath(request.path, engine.mesh.pathNormalization);
  const sni = sniOf({ server, servicePort: port.servicePort, subset: null }, engine.mesh.trustDomain);
  // What every client's request looks like at this server, minus the client: enough to decide
  // every clause that does not depend on who calls.
  const template: AuthzRequest = {
    chain: port.chain,
    peer: null,
    sourceIp: '',
    remoteIp: '',
    destinationIp: server.ip,
    destinationPort: port.targetPort,
    sni: '',
    http:
      port.chain === 'http'
        ? { method: request.method, path: normalized.path, host: request.host, headers }
        : null,
    jwtPayload: jwt?.result === 'pass' ? jwt.payload : null,
  };
  const policySet = proxied ? specializePolicySet(engine.policySet(server), template) : undefined;
  return {
    servicePort: port.servicePort,
    targetPort: port.targetPort,
    chain: port.chain,
    request,
    normalized,
    sni,
    jwt,
    policySet,
  };
}

function toTraceStep(engine: Engine, step: RawStep & { hop: number }): TraceStep {
  const out: TraceStep = { stage: step.stage, hop: step.hop, outcome: step.outcome, message: step.message };
  if (step.meta) {
    out.resource = {
      kind: step.meta.kind,
      name: step.meta.name,
      namespace: step.meta.namespace,
      document: step.meta.document,
    };
    const range = engine.rangeOf(step.meta.document, step.path ?? step.meta.basePath);
    if (range) {
      out.range = range;
      if (step.meta.source !== undefined) out.source = step.meta.source;
    }
  }
  if (step.rule !== undefined) out.rule = step.rule;
  return out;
}

export function expectationHolds(
  spec: ProbeSpec,
  status: string,
  verdict: Verdict,
  mtls: boolean | null,
): boolean | null {
  if (spec.expect === undefined && spec.expectMtls === undefined) return null;
  const statusOk = spec.expect === undefined || spec.expect === status || spec.expect === verdict;
  const mtlsOk = spec.expectMtls === undefined || spec.expectMtls === mtls;
  return statusOk && mtlsOk;
}

export interface ProbeOptions {
  /** The probe is the workspace's own, so an invalid one can point at its YAML. */
  fromDocument?: boolean;
  /** Build the trace (default true); the matrix decides without one. */
  trace?: boolean;
}

export function evaluateProbe(
  engine: Engine,
  spec: ProbeSpec,
  index: number,
  now: Date,
  options: ProbeOptions = {},
): ProbeResult {
  const fromDocument = options.fromDocument ?? false;
  const traced = options.trace ?? true;
  const flow = runProbe(engine, spec, now, traced);
  // Untraced, a flow still records its few early-exit steps: they are dropped, not converted.
  const trace = traced ? flow.steps.map((s) => toTraceStep(engine, s as HopStep)) : [];
  if (fromDocument && flow.verdict === 'invalid' && engine.probesDocument) {
    const path = engine.probePaths[index];
    const range = path ? engine.probesDocument.rangeOf(path) : undefined;
    if (range && trace[0]) {
      trace[0].range = range;
      if (engine.probesDocument.source !== undefined) trace[0].source = engine.probesDocument.source;
    }
  }
  return {
    index,
    name: spec.name ?? `${spec.from} → ${spec.to}:${spec.port}`,
    from: spec.from,
    to: spec.to,
    port: spec.port,
    status: flow.status,
    verdict: flow.verdict,
    mtls: flow.mtls,
    expect: spec.expect ?? null,
    pass: expectationHolds(spec, flow.status, flow.verdict, flow.mtls),
    trace,
    ...(flow.upstream ? { upstream: flow.upstream } : {}),
  };
}
