/**
 * Reads the workspace's Istio and Gateway API documents into typed resources with diagnostics.
 * Kinds are told apart by kind and apiVersion group (`Gateway` exists in both Istio networking
 * and the Gateway API). Kubernetes workload kinds are skipped: the Mesh document describes them.
 */
import type { ParsedDocument } from '../document';
import type { Diagnostic, SourceRange } from '../types';
import { sourceField } from '../source';
import type { ResourceSet } from './types';
import { readAuthorizationPolicy } from './authorization-policy';
import { readDestinationRule } from './destination-rule';
import { readIstioGateway } from './gateway';
import { readHttpRoute } from './http-route';
import { readKubernetesGateway } from './kubernetes-gateway';
import { readMeta, rootOf } from './meta';
import { readPeerAuthentication } from './peer-authentication';
import { formatPath, isRecord } from '../guards';
import { type Dict, Reader, own } from '../read';
import { readRequestAuthentication } from './request-authentication';
import { readVirtualService } from './virtual-service';

export interface ReadOptions {
  rootNamespace: string;
}

/** A resource kind the engine reads, with the API group and versions it accepts. */
export interface KnownKind {
  group: string;
  kind: string;
  versions: readonly string[];
}

const SECURITY = ['v1', 'v1beta1'] as const;
const NETWORKING = ['v1', 'v1beta1', 'v1alpha3'] as const;
const GATEWAY_API = ['v1', 'v1beta1'] as const;

/** Every kind the engine reads (the editor's generated schemas cover exactly these: scripts/). */
export const KNOWN_KINDS: readonly KnownKind[] = [
  { group: 'security.istio.io', kind: 'AuthorizationPolicy', versions: SECURITY },
  { group: 'security.istio.io', kind: 'PeerAuthentication', versions: SECURITY },
  { group: 'security.istio.io', kind: 'RequestAuthentication', versions: SECURITY },
  { group: 'networking.istio.io', kind: 'DestinationRule', versions: NETWORKING },
  { group: 'networking.istio.io', kind: 'Gateway', versions: NETWORKING },
  { group: 'networking.istio.io', kind: 'VirtualService', versions: NETWORKING },
  { group: 'gateway.networking.k8s.io', kind: 'Gateway', versions: GATEWAY_API },
  { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', versions: GATEWAY_API },
];

/** Core/apps/batch kinds that describe workloads: the Mesh document replaces them. */
const WORKLOAD_GROUPS = ['', 'apps', 'batch', 'rbac.authorization.k8s.io', 'policy', 'autoscaling'];

export function emptyResourceSet(): ResourceSet {
  return {
    authorizationPolicies: [],
    peerAuthentications: [],
    requestAuthentications: [],
    destinationRules: [],
    gateways: [],
    virtualServices: [],
    kubernetesGateways: [],
    httpRoutes: [],
  };
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Reads one document into `set`; returns its diagnostics. Never throws. */
function readDocument(
  doc: ParsedDocument,
  order: number,
  options: ReadOptions,
  set: ResourceSet,
): Diagnostic[] {
  const kind = typeof doc.kind === 'string' ? doc.kind : '';
  const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : '';
  const r = new Reader(doc, kind === '' ? 'Unknown' : kind);
  const root = rootOf(r);
  if (kind === '') {
    r.error(
      'resource.kind-missing',
      [],
      'the document has no kind; say which resource it is (for example kind: AuthorizationPolicy)',
    );
    return r.diagnostics;
  }
  const named = readNameAndNamespace(root);
  r.resource.name = named.name;
  r.resource.namespace = named.namespace;
  const { group, version } = splitApiVersion(apiVersion);
  const candidates = KNOWN_KINDS.filter((k) => k.kind === kind);
  const known = candidates.find((k) => k.group === group && k.versions.includes(version));
  if (known === undefined) {
    if (candidates.length > 0) {
      const accepted = candidates.flatMap((k) => k.versions.map((v) => `${k.group}/${v}`)).join(', ');
      r.error(
        'resource.unknown-api-version',
        [...(r.present(root, 'apiVersion') ? ['apiVersion'] : [])],
        apiVersion === ''
          ? `apiVersion is missing; use one of ${accepted}`
          : `no matches for kind "${kind}" in version "${apiVersion}"; use one of ${accepted}`,
      );
      return r.diagnostics;
    }
    const workload = WORKLOAD_GROUPS.includes(group);
    r.report(
      workload ? 'info' : 'warning',
      'resource.kind-not-simulated',
      r.present(root, 'kind') ? ['kind'] : [],
      workload
        ? `kind ${kind} is not simulated; describe workloads in the Mesh document`
        : `kind ${kind} (${apiVersion || 'no apiVersion'}) is not simulated; it is ignored`,
    );
    return r.diagnostics;
  }

  const meta = readMeta(r, root, apiVersion, order);
  const finish = <T extends { meta: { rejected: boolean } }>(resource: T, into: T[]): void => {
    resource.meta.rejected = r.rejected;
    into.push(resource);
  };
  const key = `${known.group}/${known.kind}`;
  switch (key) {
    case 'security.istio.io/AuthorizationPolicy':
      finish(readAuthorizationPolicy(r, root, meta), set.authorizationPolicies);
      break;
    case 'security.istio.io/PeerAuthentication':
      finish(readPeerAuthentication(r, root, meta, options.rootNamespace), set.peerAuthentications);
      break;
    case 'security.istio.io/RequestAuthentication':
      finish(readRequestAuthentication(r, root, meta), set.requestAuthentications);
      break;
    case 'networking.istio.io/DestinationRule':
      finish(readDestinationRule(r, root, meta), set.destinationRules);
      break;
    case 'networking.istio.io/Gateway':
      finish(readIstioGateway(r, root, meta), set.gateways);
      break;
    case 'networking.istio.io/VirtualService':
      finish(readVirtualService(r, root, meta), set.virtualServices);
      break;
    case 'gateway.networking.k8s.io/Gateway':
      finish(readKubernetesGateway(r, root, meta), set.kubernetesGateways);
      break;
    case 'gateway.networking.k8s.io/HTTPRoute':
      finish(readHttpRoute(r, root, meta), set.httpRoutes);
      break;
  }
  return r.diagnostics;
}

/** Name and namespace for messages, before (or without) reading the metadata in full. */
function readNameAndNamespace(root: Dict): { name: string; namespace: string } {
  const metadata = own(root, 'metadata');
  const name = isRecord(metadata) ? own(metadata, 'name') : undefined;
  const namespace = isRecord(metadata) ? own(metadata, 'namespace') : undefined;
  return {
    name: typeof name === 'string' ? name : '',
    namespace: typeof namespace === 'string' && namespace !== '' ? namespace : 'default',
  };
}

interface MemoisedRead {
  origin: { offset: number; line: number };
  set: ResourceSet;
  diagnostics: Diagnostic[];
}

/** A range moved by a document that moved as a whole (columns are unchanged). */
function shiftRange(range: SourceRange | null, lines: number, offset: number): SourceRange | null {
  if (!range || (lines === 0 && offset === 0)) return range;
  return {
    start: { line: range.start.line + lines, column: range.start.column },
    end: { line: range.end.line + lines, column: range.end.column },
    offset: range.offset + offset,
    length: range.length,
  };
}

/**
 * Reads one document, or reuses what reading the same text at the same index and order gave
 * before (the ParsedDocument's memo lives as long as its text): the resource objects stay the
 * same — so their compiled rules are reused too — and only the diagnostics' ranges follow the
 * document if an edit above it moved it.
 */
function readMemoised(doc: ParsedDocument, order: number, options: ReadOptions): MemoisedRead {
  const origin = doc.origin ?? { offset: 0, line: 0 };
  const key = `resources\u0000${doc.source ?? ''}\u0000${doc.index}\u0000${order}\u0000${doc.basePath.join('/')}\u0000${options.rootNamespace}`;
  const cached = doc.memo?.get(key) as MemoisedRead | undefined;
  if (cached) {
    const lines = origin.line - cached.origin.line;
    const offset = origin.offset - cached.origin.offset;
    return {
      origin,
      set: cached.set,
      diagnostics: cached.diagnostics.map((d) => ({ ...d, range: shiftRange(d.range, lines, offset) })),
    };
  }
  const set = emptyResourceSet();
  const read: MemoisedRead = { origin, set, diagnostics: readDocument(doc, order, options, set) };
  doc.memo?.set(key, read);
  return read;
}

function mergeInto(target: ResourceSet, source: ResourceSet): void {
  for (const key of Object.keys(source) as (keyof ResourceSet)[]) {
    (target[key] as unknown[]).push(...source[key]);
  }
}

/**
 * Reads every Istio/Kubernetes document (the caller removed the playground's own documents and
 * expanded `kind: List`). `order` of each resource is its position in `docs`.
 */
export function readResources(
  docs: readonly ParsedDocument[],
  options: ReadOptions,
): { resources: ResourceSet; diagnostics: Diagnostic[] } {
  const resources = emptyResourceSet();
  const diagnostics: Diagnostic[] = [];
  docs.forEach((doc, order) => {
    try {
      const read = readMemoised(doc, order, options);
      diagnostics.push(...read.diagnostics);
      mergeInto(resources, read.set);
    } catch (err) {
      // A reader bug must not take the whole evaluation down: report it against the document.
      diagnostics.push({
        code: 'resource.internal-error',
        severity: 'error',
        message: `internal error while reading ${doc.kind ?? 'document'} at ${formatPath(doc.basePath) || 'document root'}: ${String(err)}`,
        document: doc.index,
        range: null,
        ...sourceField(doc.source),
      });
    }
  });
  return { resources, diagnostics };
}

export type { ResourceSet } from './types';
