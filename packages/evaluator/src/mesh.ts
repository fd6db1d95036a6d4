/**
 * The mesh model: namespaces, workloads, their Services and ports, SPIFFE identities and pod IPs,
 * with each port's protocol derived as Istio derives it (docs/semantics.md §A8).
 */
import { copyMap, getOwn } from './read';
import type { PathNormalization } from './match/path';
import type { ExtensionProviderSpec, MeshSpec, WorkloadSpec } from './types';

/** Istio protocol names (pkg/config/protocol). `UNKNOWN` = sniffed. */
export type Protocol =
  | 'HTTP'
  | 'HTTP2'
  | 'GRPC'
  | 'GRPC-Web'
  | 'HTTPS'
  | 'TCP'
  | 'TLS'
  | 'Mongo'
  | 'Redis'
  | 'MySQL'
  | 'UDP'
  | 'UNKNOWN';

export interface MeshPort {
  name: string;
  /** Service port: what clients dial. */
  port: number;
  /** Workload (container) port. */
  targetPort: number;
  protocol: Protocol;
  /** How the protocol was derived, for the trace. */
  protocolSource: string;
}

export interface MeshWorkload {
  key: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  serviceAccount: string;
  sidecar: boolean;
  gateway: boolean;
  service: string;
  ip: string;
  ports: MeshPort[];
  listens: number[];
  /** `<trust domain>/ns/<ns>/sa/<sa>` (without spiffe://). */
  principal: string;
  trustDomain: string;
  /** The SPIFFE URI SAN of its certificate. */
  uri: string;
}

export interface MeshModel {
  rootNamespace: string;
  trustDomain: string;
  trustDomainAliases: string[];
  enableAutoMtls: boolean;
  numTrustedProxies: number;
  extensionProviders: ExtensionProviderSpec[];
  /** `meshConfig.pathNormalization.normalization`, `DEFAULT` read as `BASE` (docs/semantics.md §A4). */
  pathNormalization: PathNormalization;
  namespaces: Map<string, Record<string, string>>;
  workloads: MeshWorkload[];
  byKey: Map<string, MeshWorkload>;
  /** `service.namespace` → the workloads behind that Service. */
  services: Map<string, MeshWorkload[]>;
}

function pathNormalizationOf(spec: MeshSpec): PathNormalization {
  const n = spec.meshConfig?.pathNormalization?.normalization;
  return n === undefined || n === 'DEFAULT' ? 'BASE' : n;
}

const PROTOCOL_NAMES: Record<string, Protocol> = {
  http: 'HTTP',
  http2: 'HTTP2',
  grpc: 'GRPC',
  'grpc-web': 'GRPC-Web',
  https: 'HTTPS',
  tcp: 'TCP',
  tls: 'TLS',
  mongo: 'Mongo',
  redis: 'Redis',
  mysql: 'MySQL',
  udp: 'UDP',
};

const APP_PROTOCOL_ALIASES: Record<string, Protocol> = {
  'kubernetes.io/h2c': 'HTTP2',
  'kubernetes.io/ws': 'HTTP',
  'kubernetes.io/wss': 'HTTPS',
};

/** Kubernetes Service `protocol` values: transport only, they say nothing to Istio. */
const L4_PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/** Ports that default to TCP when their name says nothing (docs/semantics.md §A8). */
const SERVER_FIRST_PORTS = new Set([25, 53, 3306, 27017]);

/** An Istio protocol name as the playground's `protocol` field may give it (whole, case-insensitive). */
function parseProtocol(value: string): Protocol | null {
  return PROTOCOL_NAMES[value.toLowerCase()] ?? null;
}

/**
 * As Istio's `ConvertProtocol` (pkg/config/kube/conversion.go): a UDP Service port is UDP; otherwise
 * `appProtocol` when set, else the port name, is read as `grpc-web…` or the prefix before the first
 * `-`; what names no protocol is sniffed, except on the server-first ports 25, 53, 3306, 27017 (TCP).
 * An unrecognised `appProtocol` hides the port name, as in Istio.
 */
export function deriveProtocol(port: {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
}): { protocol: Protocol; source: string } {
  if (port.protocol?.toLowerCase() === 'udp')
    return { protocol: 'UDP', source: `protocol "${port.protocol}"` };
  // The playground also accepts an Istio protocol name in `protocol` (docs/workspace-format.md); TCP/SCTP there is the
  // Kubernetes transport field and says nothing about the application protocol.
  if (port.protocol && !port.appProtocol && !L4_PROTOCOLS.has(port.protocol.toLowerCase())) {
    const p = parseProtocol(port.protocol);
    if (p) return { protocol: p, source: `protocol "${port.protocol}"` };
  }
  const field = port.appProtocol ? 'appProtocol' : 'port name';
  const value = port.appProtocol || port.name;
  if (value) {
    const lower = value.toLowerCase();
    const p =
      APP_PROTOCOL_ALIASES[lower] ??
      (lower.startsWith('grpc-web') ? 'GRPC-Web' : (PROTOCOL_NAMES[lower.split('-')[0] ?? lower] ?? null));
    if (p) return { protocol: p, source: `${field} "${value}"` };
  }
  if (SERVER_FIRST_PORTS.has(port.port)) {
    return {
      protocol: 'TCP',
      source: `port ${port.port} defaults to TCP when its ${field} names no protocol`,
    };
  }
  return { protocol: 'UNKNOWN', source: value ? `${field} "${value}" names no protocol` : 'unnamed port' };
}

/** Protocols served by the HTTP connection manager (docs/semantics.md §A8). */
export function isHttpProtocol(protocol: Protocol): boolean {
  return protocol === 'HTTP' || protocol === 'HTTP2' || protocol === 'GRPC' || protocol === 'GRPC-Web';
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A stable pod IP in 10.0.0.0/8 from the workload's key, so edits elsewhere never move it. */
function assignIp(key: string, taken: Set<string>): string {
  let h = fnv1a(key);
  for (;;) {
    const ip = `10.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${2 + ((h & 255) % 252)}`;
    if (!taken.has(ip)) return ip;
    h = fnv1a(`${h}`);
  }
}

function buildWorkload(spec: WorkloadSpec, trustDomain: string, ip: string): MeshWorkload {
  const serviceAccount = spec.serviceAccount ?? 'default';
  const ports: MeshPort[] = (spec.ports ?? []).map((p) => {
    const derived = deriveProtocol(p);
    return {
      name: p.name ?? '',
      port: p.port,
      targetPort: p.targetPort ?? p.port,
      protocol: derived.protocol,
      protocolSource: derived.source,
    };
  });
  return {
    key: `${spec.namespace}/${spec.name}`,
    name: spec.name,
    namespace: spec.namespace,
    labels: copyMap(spec.labels),
    serviceAccount,
    sidecar: spec.sidecar ?? true,
    gateway: spec.gateway ?? false,
    service: spec.service ?? spec.name,
    ip,
    ports,
    listens: spec.listens ?? [],
    principal: `${trustDomain}/ns/${spec.namespace}/sa/${serviceAccount}`,
    trustDomain,
    uri: `spiffe://${trustDomain}/ns/${spec.namespace}/sa/${serviceAccount}`,
  };
}

export function buildMesh(spec: MeshSpec): MeshModel {
  const trustDomain = spec.trustDomain ?? 'cluster.local';
  const namespaces = new Map<string, Record<string, string>>();
  for (const ns of spec.namespaces ?? []) namespaces.set(ns.name, copyMap(ns.labels));
  const taken = new Set<string>((spec.workloads ?? []).flatMap((w) => (w.ip ? [w.ip] : [])));
  const workloads: MeshWorkload[] = [];
  for (const w of spec.workloads ?? []) {
    const ip = w.ip ?? assignIp(`${w.namespace}/${w.name}`, taken);
    taken.add(ip);
    workloads.push(buildWorkload(w, trustDomain, ip));
    if (!namespaces.has(w.namespace)) namespaces.set(w.namespace, {});
  }
  const byKey = new Map(workloads.map((w) => [w.key, w]));
  const services = new Map<string, MeshWorkload[]>();
  for (const w of workloads) {
    const key = `${w.service}.${w.namespace}`;
    const list = services.get(key);
    if (list) list.push(w);
    else services.set(key, [w]);
  }
  return {
    rootNamespace: spec.rootNamespace ?? 'istio-system',
    trustDomain,
    trustDomainAliases: spec.trustDomainAliases ?? [],
    enableAutoMtls: spec.enableAutoMtls ?? true,
    numTrustedProxies: spec.numTrustedProxies ?? 0,
    extensionProviders: spec.extensionProviders ?? [],
    pathNormalization: pathNormalizationOf(spec),
    namespaces,
    workloads,
    byKey,
    services,
  };
}

/** Whether every selector label is on the workload (`Instance.SubsetOf`); `{}` selects all. */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const key of Object.keys(selector)) {
    if (getOwn(labels, key) !== selector[key]) return false;
  }
  return true;
}

/** The cluster's DNS domain: Kubernetes' default, which the trust domain does not change. */
const CLUSTER_DOMAIN_SUFFIX = '.svc.cluster.local';

/** Resolves a hostname as a client in `fromNamespace` would: short, `svc.ns`, or FQDN. */
export function resolveServiceHost(
  mesh: MeshModel,
  host: string,
  fromNamespace: string,
): { service: string; namespace: string } | null {
  const bare = host.toLowerCase().replace(/:\d+$/, '');
  // `.svc.cluster.local` whatever the trust domain (a trust domain is an identity, not a DNS zone);
  // `.svc.<trust domain>` is still accepted as the playground always has.
  const suffix = [CLUSTER_DOMAIN_SUFFIX, `.svc.${mesh.trustDomain}`].find((s) => bare.endsWith(s));
  const trimmed = suffix ? bare.slice(0, -suffix.length) : bare.replace(/\.svc$/, '');
  const parts = trimmed.split('.');
  if (parts.length === 1 && parts[0]) return { service: parts[0], namespace: fromNamespace };
  if (parts.length === 2 && parts[0] && parts[1]) return { service: parts[0], namespace: parts[1] };
  return null;
}
