/**
 * What a probe sends and where: the port and filter chain it reaches (docs/semantics.md §A8) and the
 * request the client application sends, with its tokens placed.
 */
import { placeTokens, renderToken } from '../jwt';
import { emptyMap } from '../read';
import { isHttpProtocol, type MeshPort, type MeshWorkload } from '../mesh';
import type { HttpRequestModel } from '../request';
import type { ProbeSpec } from '../types';
import type { Engine } from './engine';
import type { Chain } from './hop';

export interface ResolvedPort {
  servicePort: number;
  targetPort: number;
  chain: Chain;
  description: string;
}

/** Which port and chain a probe reaches (docs/semantics.md §A8), or why it cannot. */
export function resolvePort(
  server: MeshWorkload,
  port: number,
  address: 'service' | 'podIP',
): ResolvedPort | string {
  const chainOf = (p: MeshPort): { chain: Chain; why: string } => {
    if (isHttpProtocol(p.protocol)) return { chain: 'http', why: `${p.protocol} (${p.protocolSource})` };
    if (p.protocol === 'UNKNOWN')
      return { chain: 'http', why: `protocol sniffing (${p.protocolSource}) detects the HTTP request` };
    return { chain: 'tcp', why: `${p.protocol} (${p.protocolSource}): the TCP filter chain` };
  };
  if (address === 'service') {
    const p = server.ports.find((x) => x.port === port);
    if (!p) return `Service ${server.service}.${server.namespace} has no port ${port}`;
    const c = chainOf(p);
    return {
      servicePort: p.port,
      targetPort: p.targetPort,
      chain: c.chain,
      description: `Service port ${p.port} → target port ${p.targetPort}: ${c.why}`,
    };
  }
  const declared = server.ports.find((x) => x.targetPort === port);
  if (declared) {
    const c = chainOf(declared);
    return {
      servicePort: declared.port,
      targetPort: port,
      chain: c.chain,
      description: `pod port ${port} (declared by Service port ${declared.port}): ${c.why}`,
    };
  }
  if (!server.listens.includes(port))
    return `${server.key} does not listen on port ${port} (add it to listens)`;
  // Passthrough: sniffed. The client speaks what the workload's declared ports speak.
  const speaksHttp = server.ports.length === 0 || server.ports.some((p) => chainOf(p).chain === 'http');
  return {
    servicePort: port,
    targetPort: port,
    chain: speaksHttp ? 'http' : 'tcp',
    description: `pod port ${port} is in no Service: the inbound passthrough chain, sniffed as ${speaksHttp ? 'HTTP' : 'TCP'}`,
  };
}

export function defaultHost(server: MeshWorkload, port: number): string {
  return `${server.service}.${server.namespace}${port === 80 ? '' : `:${port}`}`;
}

type TokenUse = NonNullable<NonNullable<ProbeSpec['request']>['tokens']>[number];

/** The tokens a probe's request presents: `token`, then `tokens`. */
function tokenUses(spec: ProbeSpec): TokenUse[] {
  const r = spec.request ?? {};
  return [...(r.token ? [{ token: r.token }] : []), ...(r.tokens ?? [])];
}

/** A token the Probes document defines under `name`, if any. */
function definedToken(engine: Engine, name: string) {
  const tokens = engine.probesSpec.tokens ?? {};
  return Object.prototype.hasOwnProperty.call(tokens, name) ? tokens[name] : undefined;
}

const undefinedToken = (name: string) => `token "${name}" is not defined in the Probes document's tokens`;

/**
 * What `buildRequest` would report as problems, without building the request: the tokens the
 * probe presents that the Probes document does not define.
 */
export function requestProblems(engine: Engine, spec: ProbeSpec): string[] {
  return tokenUses(spec).flatMap((u) => (definedToken(engine, u.token) ? [] : [undefinedToken(u.token)]));
}

/** The request the client application sends (tokens placed where the probe says). */
export function buildRequest(
  engine: Engine,
  spec: ProbeSpec,
  server: MeshWorkload,
): { request: HttpRequestModel; problems: string[] } {
  const r = spec.request ?? {};
  const headers = emptyMap<string>();
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
  const problems: string[] = [];
  const placed = tokenUses(spec).flatMap((u) => {
    const token = definedToken(engine, u.token);
    if (!token) {
      problems.push(undefinedToken(u.token));
      return [];
    }
    return [
      {
        value: renderToken(token),
        ...(u.in ? { in: u.in } : {}),
        ...(u.prefix !== undefined ? { prefix: u.prefix } : {}),
      },
    ];
  });
  const withTokens = placeTokens({ headers, path: r.path ?? '/' }, placed);
  return {
    request: {
      method: r.method ?? 'GET',
      path: withTokens.path,
      host: r.host ?? defaultHost(server, spec.port),
      headers: withTokens.headers,
    },
    problems,
  };
}
