/**
 * What a client sidecar sends (docs/semantics.md §B2): a DestinationRule TLS mode when one applies,
 * otherwise two-stage auto-mTLS; and whether that meets what the server accepts.
 */
import type { MeshModel, MeshWorkload } from '../mesh';
import { selects } from '../mesh';
import type { ClientTlsMode, DestinationRule, TlsSettings, TrafficPolicy } from '../resources/types';
import type { ModeDecision, PeerAuthenticationIndex } from './peer-authentication';

export type ClientSends = 'PLAINTEXT' | 'ISTIO_MUTUAL' | 'SIMPLE' | 'MUTUAL';

export interface ClientTlsDecision {
  sends: ClientSends;
  /** The DestinationRule whose TLS settings decided, if any. */
  destinationRule: DestinationRule | null;
  /** Path to the deciding `tls` inside that DestinationRule's spec. */
  tlsPath: (string | number)[] | null;
  reason: string;
}

export function hostMatches(drHost: string, drNamespace: string, fqdn: string, trustDomain: string): number {
  // Returns a specificity score (> 0) when the DR host covers the Service, else 0.
  let host = drHost.toLowerCase();
  if (!host.includes('.') && host !== '*') host = `${host}.${drNamespace}.svc.${trustDomain}`;
  if (host === fqdn) return 1000 + host.length;
  if (host === '*') return 1;
  if (host.startsWith('*.')) return fqdn.endsWith(host.slice(1)) ? 1 + host.length : 0;
  return 0;
}

function exportedTo(dr: DestinationRule, clientNamespace: string): boolean {
  if (dr.exportTo.length === 0) return true;
  return dr.exportTo.some(
    (e) => e === '*' || e === clientNamespace || (e === '.' && dr.meta.namespace === clientNamespace),
  );
}

/** DestinationRule lookup: client namespace, then the Service's namespace, then the root namespace. */
export function selectDestinationRule(
  rules: readonly DestinationRule[],
  mesh: MeshModel,
  client: MeshWorkload,
  server: MeshWorkload,
): DestinationRule | null {
  const fqdn = `${server.service}.${server.namespace}.svc.${mesh.trustDomain}`;
  const order = [client.namespace, server.namespace, mesh.rootNamespace];
  for (const ns of order) {
    let best: DestinationRule | null = null;
    let bestScore = 0;
    for (const dr of rules) {
      if (dr.meta.rejected || dr.meta.namespace !== ns) continue;
      if (ns !== client.namespace && !exportedTo(dr, client.namespace)) continue;
      if (dr.workloadSelector && (ns !== client.namespace || !selects(dr.workloadSelector, client.labels)))
        continue;
      const score = hostMatches(dr.host, dr.meta.namespace, fqdn, mesh.trustDomain);
      if (score > bestScore) {
        best = dr;
        bestScore = score;
      }
    }
    if (best) return best;
  }
  return null;
}

/** The TLS mode a DestinationRule sets for a Service port (port-level settings replace the top level). */
function tlsFor(
  dr: DestinationRule,
  servicePort: number,
  subset: string | null,
): { mode: ClientTlsMode | null; path: (string | number)[] } {
  // A `tls` block without `mode` is DISABLE: the proto enum's zero value, which istiod treats as a
  // user-supplied setting (cluster_tls.go `buildAutoMtlsSettings`), so auto-mTLS does not apply.
  const modeOf = (tls: TlsSettings | null): ClientTlsMode | null => (tls ? (tls.mode ?? 'DISABLE') : null);
  const fromPolicy = (policy: TrafficPolicy | null, path: (string | number)[]) => {
    if (!policy) return null;
    const portLevel = policy.portLevelSettings.find((p) => p.port === servicePort);
    if (portLevel)
      return {
        mode: modeOf(portLevel.tls),
        path: [...path, 'portLevelSettings', portLevel.index, 'tls'],
      };
    if (policy.tls) return { mode: modeOf(policy.tls), path: [...path, 'tls'] };
    return null;
  };
  const sub = subset ? dr.subsets.find((s) => s.name === subset) : undefined;
  const fromSubset = sub
    ? fromPolicy(sub.trafficPolicy, ['spec', 'subsets', sub.index, 'trafficPolicy'])
    : null;
  return (
    fromSubset ?? fromPolicy(dr.trafficPolicy, ['spec', 'trafficPolicy']) ?? { mode: null, path: ['spec'] }
  );
}

/**
 * Memoises DestinationRule selection. Without workload selectors the choice depends only on the
 * client's namespace and the Service, so it is cached per (client namespace, server).
 */
export class DestinationRuleIndex {
  private readonly cache = new Map<MeshWorkload, Map<string, DestinationRule | null>>();
  private readonly candidates = new Map<MeshWorkload, readonly DestinationRule[]>();
  /** Some DestinationRule selects client workloads by label: the choice depends on more than the client's namespace. */
  readonly bySelector: boolean;

  constructor(
    readonly rules: readonly DestinationRule[],
    private readonly mesh: MeshModel,
  ) {
    this.bySelector = rules.some((r) => r.workloadSelector !== null);
  }

  /** DestinationRules whose host covers the server's Service, whatever the client. */
  private candidatesOf(server: MeshWorkload): readonly DestinationRule[] {
    let list = this.candidates.get(server);
    if (!list) {
      const fqdn = `${server.service}.${server.namespace}.svc.${this.mesh.trustDomain}`;
      list = this.rules.filter(
        (dr) => hostMatches(dr.host, dr.meta.namespace, fqdn, this.mesh.trustDomain) > 0,
      );
      this.candidates.set(server, list);
    }
    return list;
  }

  /** Some DestinationRule covers the server's Service: which one applies depends on the client. */
  covers(server: MeshWorkload): boolean {
    return this.candidatesOf(server).length > 0;
  }

  select(client: MeshWorkload, server: MeshWorkload): DestinationRule | null {
    const candidates = this.candidatesOf(server);
    if (candidates.length === 0) return null;
    if (this.bySelector) return selectDestinationRule(candidates, this.mesh, client, server);
    let byNamespace = this.cache.get(server);
    if (!byNamespace) {
      byNamespace = new Map();
      this.cache.set(server, byNamespace);
    }
    let found = byNamespace.get(client.namespace);
    if (found === undefined) {
      found = selectDestinationRule(candidates, this.mesh, client, server);
      byNamespace.set(client.namespace, found);
    }
    return found;
  }
}

export function clientTls(
  mesh: MeshModel,
  destinationRules: DestinationRuleIndex,
  peerAuthentications: PeerAuthenticationIndex,
  client: MeshWorkload,
  server: MeshWorkload,
  servicePort: number,
  targetPort: number,
  subset: string | null = null,
): ClientTlsDecision {
  const dr = destinationRules.select(client, server);
  if (dr) {
    const tls = tlsFor(dr, servicePort, subset);
    if (tls.mode) {
      const sends: ClientSends = tls.mode === 'DISABLE' ? 'PLAINTEXT' : tls.mode;
      return {
        sends,
        destinationRule: dr,
        tlsPath: [...dr.meta.basePath, ...tls.path],
        reason: `DestinationRule ${dr.meta.namespace}/${dr.meta.name} sets tls mode ${tls.mode}`,
      };
    }
  }
  // Auto mTLS, cluster stage: the Service namespace's namespace/mesh-level mode.
  if (!mesh.enableAutoMtls) {
    return {
      sends: 'PLAINTEXT',
      destinationRule: null,
      tlsPath: null,
      reason: 'auto mTLS is off (enableAutoMtls: false) and no DestinationRule sets TLS: plaintext',
    };
  }
  if (!server.sidecar || server.gateway) {
    return {
      sends: 'PLAINTEXT',
      destinationRule: null,
      tlsPath: null,
      reason: 'auto mTLS: the endpoint has no sidecar, so the client sends plaintext',
    };
  }
  const serverPa = peerAuthentications.forWorkload(server);
  if (serverPa.namespace.mode === 'DISABLE') {
    return {
      sends: 'PLAINTEXT',
      destinationRule: null,
      tlsPath: null,
      reason: `auto mTLS: the ${serverPa.namespace.origin}-level mode of namespace ${server.namespace} is DISABLE, so the cluster sends plaintext to every endpoint`,
    };
  }
  const endpointMode: ModeDecision = peerAuthentications.forPort(server, targetPort);
  if (endpointMode.mode === 'DISABLE') {
    return {
      sends: 'PLAINTEXT',
      destinationRule: null,
      tlsPath: null,
      reason: `auto mTLS: the endpoint's own mode for port ${targetPort} is DISABLE (${endpointMode.origin} level), so the client sends plaintext`,
    };
  }
  return {
    sends: 'ISTIO_MUTUAL',
    destinationRule: null,
    tlsPath: null,
    reason: 'auto mTLS: the endpoint has a sidecar, so the client sends Istio mTLS',
  };
}

export type ServerAccepts = 'PLAINTEXT_ONLY' | 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/** Whether the client's TLS meets the server's acceptance (docs/semantics.md §B2 matrix). */
export function handshake(
  sends: ClientSends,
  accepts: ServerAccepts,
): { ok: boolean; mtls: boolean; reason: string } {
  switch (sends) {
    case 'PLAINTEXT':
      if (accepts === 'STRICT')
        return {
          ok: false,
          mtls: false,
          reason: 'plaintext reached a STRICT server: no filter chain matches, the connection is closed',
        };
      return { ok: true, mtls: false, reason: 'plaintext accepted' };
    case 'ISTIO_MUTUAL':
      if (accepts === 'STRICT' || accepts === 'PERMISSIVE')
        return { ok: true, mtls: true, reason: 'Istio mTLS accepted' };
      if (accepts === 'DISABLE')
        return {
          ok: false,
          mtls: false,
          reason: 'Istio mTLS reached a server with mode DISABLE: it has no TLS filter chain',
        };
      return {
        ok: false,
        mtls: false,
        reason:
          'Istio mTLS reached a workload without a sidecar: the plaintext app cannot speak TLS (WRONG_VERSION_NUMBER)',
      };
    case 'SIMPLE':
    case 'MUTUAL':
      if (accepts === 'PLAINTEXT_ONLY')
        return { ok: false, mtls: false, reason: `${sends} TLS origination reached a plaintext app` };
      if (accepts === 'STRICT')
        return {
          ok: false,
          mtls: false,
          reason: `${sends} TLS carries no mesh client certificate, which STRICT requires`,
        };
      return {
        ok: false,
        mtls: false,
        reason: `${sends} TLS without Istio ALPN matches no filter chain of a ${accepts} server`,
      };
  }
}
