/**
 * Rebuilds workspace parts field by field from untrusted input (share links, imported files,
 * autosaved text): only known fields of the expected types are copied; decoded objects are never
 * spread into the state.
 */
import type {
  MeshSpec,
  NamespaceSpec,
  ProbeSpec,
  ProbesSpec,
  RequestSpec,
  ServicePortSpec,
  TokenSpec,
  WorkloadSpec,
  WorkspaceMetadata,
  WorkspaceParts,
} from '@playground/evaluator';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Keys that could reach an object's prototype are never copied into ordinary objects. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Labels and headers: `constructor` and `prototype` are valid Kubernetes keys, so they are kept, in
 * an object without a prototype (nothing inherited to collide with, nothing to pollute). Only
 * `__proto__` is dropped: it is not a valid label key and would be a trap for any code that copies
 * the map into an ordinary object later.
 */
function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isRec(v)) return undefined;
  const out = Object.create(null) as Record<string, string>;
  for (const [k, value] of Object.entries(v)) {
    if (k === '__proto__') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[k] = String(value);
  }
  return out;
}

/** Sets `key` only when the value is defined, so rebuilt objects stay minimal. */
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function port(v: unknown): ServicePortSpec | null {
  if (!isRec(v) || num(v.port) === undefined) return null;
  const out: ServicePortSpec = { port: num(v.port) as number };
  put(out, 'name', str(v.name));
  put(out, 'targetPort', num(v.targetPort));
  put(out, 'protocol', str(v.protocol));
  put(out, 'appProtocol', str(v.appProtocol));
  return out;
}

function workload(v: unknown): WorkloadSpec | null {
  if (!isRec(v) || !str(v.name) || !str(v.namespace)) return null;
  const out: WorkloadSpec = { name: str(v.name) as string, namespace: str(v.namespace) as string };
  put(out, 'labels', stringMap(v.labels));
  put(out, 'serviceAccount', str(v.serviceAccount));
  put(out, 'sidecar', bool(v.sidecar));
  put(out, 'gateway', bool(v.gateway));
  put(out, 'service', str(v.service));
  put(out, 'ip', str(v.ip));
  if (Array.isArray(v.ports)) out.ports = v.ports.map(port).filter((p): p is ServicePortSpec => p !== null);
  if (Array.isArray(v.listens)) out.listens = v.listens.map(num).filter((p): p is number => p !== undefined);
  return out;
}

function namespace(v: unknown): NamespaceSpec | null {
  if (!isRec(v) || !str(v.name)) return null;
  const out: NamespaceSpec = { name: str(v.name) as string };
  put(out, 'labels', stringMap(v.labels));
  return out;
}

type Normalization = NonNullable<
  NonNullable<NonNullable<MeshSpec['meshConfig']>['pathNormalization']>['normalization']
>;

export function sanitizeMesh(v: unknown): MeshSpec {
  const src = isRec(v) ? v : {};
  const out: MeshSpec = {};
  put(out, 'rootNamespace', str(src.rootNamespace));
  put(out, 'trustDomain', str(src.trustDomain));
  if (Array.isArray(src.trustDomainAliases))
    out.trustDomainAliases = src.trustDomainAliases.filter((a): a is string => typeof a === 'string');
  put(out, 'enableAutoMtls', bool(src.enableAutoMtls));
  put(out, 'numTrustedProxies', num(src.numTrustedProxies));
  // meshConfig.pathNormalization: kept as written (the evaluator validates the value).
  if (isRec(src.meshConfig)) {
    const pn = src.meshConfig.pathNormalization;
    const normalization = isRec(pn) ? (str(pn.normalization) as Normalization | undefined) : undefined;
    out.meshConfig = isRec(pn) ? { pathNormalization: normalization ? { normalization } : {} } : {};
  }
  // Extension providers are deep configuration the evaluator validates itself: keep them as plain JSON.
  if (Array.isArray(src.extensionProviders))
    out.extensionProviders = JSON.parse(
      JSON.stringify(src.extensionProviders),
    ) as MeshSpec['extensionProviders'];
  out.namespaces = arr(src.namespaces)
    .map(namespace)
    .filter((n): n is NamespaceSpec => n !== null);
  out.workloads = arr(src.workloads)
    .map(workload)
    .filter((w): w is WorkloadSpec => w !== null);
  if (isRec(src.layout)) {
    const layout: NonNullable<MeshSpec['layout']> = {};
    for (const [k, p] of Object.entries(src.layout)) {
      if (!UNSAFE_KEYS.has(k) && isRec(p) && num(p.x) !== undefined && num(p.y) !== undefined)
        layout[k] = { x: num(p.x) as number, y: num(p.y) as number };
    }
    out.layout = layout;
  }
  return out;
}

function request(v: unknown): RequestSpec | undefined {
  if (!isRec(v)) return undefined;
  const out: RequestSpec = {};
  put(out, 'method', str(v.method));
  put(out, 'path', str(v.path));
  put(out, 'host', str(v.host));
  put(out, 'headers', stringMap(v.headers));
  put(out, 'token', str(v.token));
  put(out, 'sourceIp', str(v.sourceIp));
  if (Array.isArray(v.tokens)) {
    out.tokens = v.tokens.flatMap((t) =>
      isRec(t) && str(t.token)
        ? [
            {
              token: str(t.token) as string,
              ...(str(t.in) ? { in: str(t.in) } : {}),
              ...(str(t.prefix) !== undefined ? { prefix: str(t.prefix) } : {}),
            },
          ]
        : [],
    );
  }
  return out;
}

function probe(v: unknown): ProbeSpec | null {
  if (!isRec(v) || !str(v.from) || !str(v.to)) return null;
  const out: ProbeSpec = { from: str(v.from) as string, to: str(v.to) as string, port: num(v.port) ?? 80 };
  put(out, 'name', str(v.name));
  if (v.address === 'service' || v.address === 'podIP') out.address = v.address;
  put(out, 'request', request(v.request));
  put(out, 'now', str(v.now));
  put(out, 'expect', str(v.expect) ?? (num(v.expect) !== undefined ? String(v.expect) : undefined));
  put(out, 'expectMtls', bool(v.expectMtls));
  return out;
}

export function sanitizeProbes(v: unknown): ProbesSpec {
  const src = isRec(v) ? v : {};
  const out: ProbesSpec = {};
  put(out, 'now', str(src.now));
  if (isRec(src.tokens)) {
    const tokens: Record<string, TokenSpec> = {};
    for (const [name, t] of Object.entries(src.tokens)) {
      if (!isRec(t) || UNSAFE_KEYS.has(name)) continue;
      const token: TokenSpec = {};
      if (isRec(t.claims)) token.claims = JSON.parse(JSON.stringify(t.claims)) as Record<string, unknown>;
      if (t.signature === 'valid' || t.signature === 'invalid') token.signature = t.signature;
      put(token, 'raw', str(t.raw));
      put(token, 'jwt', str(t.jwt));
      tokens[name] = token;
    }
    out.tokens = tokens;
  }
  if (isRec(src.jwks)) out.jwks = JSON.parse(JSON.stringify(src.jwks)) as ProbesSpec['jwks'];
  out.probes = arr(src.probes)
    .map(probe)
    .filter((p): p is ProbeSpec => p !== null);
  return out;
}

export function sanitizeMetadata(v: unknown): WorkspaceMetadata {
  const src = isRec(v) ? v : {};
  const out: WorkspaceMetadata = {};
  put(out, 'name', str(src.name));
  put(out, 'title', str(src.title));
  put(out, 'description', str(src.description));
  if (Array.isArray(src.tags)) out.tags = src.tags.filter((t): t is string => typeof t === 'string');
  return out;
}

export function sanitizeParts(parts: WorkspaceParts): WorkspaceParts {
  return {
    metadata: sanitizeMetadata(parts.metadata),
    mesh: sanitizeMesh(parts.mesh),
    policies: typeof parts.policies === 'string' ? parts.policies : '',
    probes: sanitizeProbes(parts.probes),
  };
}
