/**
 * The playground's own documents (`playground/v1` Mesh and Probes): read field by field into
 * typed specs, with diagnostics for wrong types, unknown fields and duplicates. Nothing decoded
 * is ever spread into our objects.
 */
import type { NodePath, ParsedDocument } from './document';
import type {
  Diagnostic,
  ExtensionProviderSpec,
  JwksSpec,
  MeshSpec,
  NamespaceSpec,
  ProbeSpec,
  ProbesSpec,
  RequestSpec,
  ServicePortSpec,
  TokenSpec,
  TokenUse,
  WorkloadSpec,
  WorkspaceMetadata,
} from './types';

export const PLAYGROUND_API_VERSION = 'playground/v1';

export interface WorkspaceDocuments {
  metadata: WorkspaceMetadata;
  mesh: MeshSpec;
  probes: ProbesSpec;
  meshDocument: ParsedDocument | null;
  probesDocument: ParsedDocument | null;
  /** Every other document: the Istio and Kubernetes resources. */
  resources: ParsedDocument[];
  diagnostics: Diagnostic[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A reader bound to one document: typed getters that report problems where they are. */
class FieldReader {
  constructor(
    readonly doc: ParsedDocument,
    readonly diagnostics: Diagnostic[],
    readonly prefix: string,
  ) {}

  report(path: NodePath, code: string, message: string, severity: Diagnostic['severity'] = 'error'): void {
    this.diagnostics.push({
      code,
      severity,
      message: `${this.prefix}: ${message}`,
      document: this.doc.index,
      range: this.doc.rangeOf(path),
    });
  }

  known(obj: Obj, path: NodePath, fields: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!fields.includes(key)) {
        this.diagnostics.push({
          code: 'schema.unknown-field',
          severity: 'warning',
          message: `${this.prefix}: unknown field "${[...path, key].join('.')}" is ignored`,
          document: this.doc.index,
          range: this.doc.keyRangeOf([...path, key]),
        });
      }
    }
  }

  str(obj: Obj, key: string, path: NodePath): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.report([...path, key], 'schema.type', `${[...path, key].join('.')} must be a string`);
    return undefined;
  }

  bool(obj: Obj, key: string, path: NodePath): boolean | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    this.report([...path, key], 'schema.type', `${[...path, key].join('.')} must be true or false`);
    return undefined;
  }

  int(obj: Obj, key: string, path: NodePath, min: number, max: number): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max) return n;
    this.report(
      [...path, key],
      'schema.type',
      `${[...path, key].join('.')} must be an integer from ${min} to ${max}`,
    );
    return undefined;
  }

  obj(obj: Obj, key: string, path: NodePath): Obj | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (isObj(v)) return v;
    this.report([...path, key], 'schema.type', `${[...path, key].join('.')} must be a map`);
    return undefined;
  }

  list(obj: Obj, key: string, path: NodePath): unknown[] | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v;
    this.report([...path, key], 'schema.type', `${[...path, key].join('.')} must be a list`);
    return undefined;
  }

  strings(obj: Obj, key: string, path: NodePath): string[] | undefined {
    const items = this.list(obj, key, path);
    if (!items) return undefined;
    const out: string[] = [];
    items.forEach((item, i) => {
      if (typeof item === 'string' || typeof item === 'number') out.push(String(item));
      else this.report([...path, key, i], 'schema.type', `${[...path, key, i].join('.')} must be a string`);
    });
    return out;
  }

  stringMap(obj: Obj, key: string, path: NodePath): Record<string, string> | undefined {
    const m = this.obj(obj, key, path);
    if (!m) return undefined;
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(m)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
      else this.report([...path, key, k], 'schema.type', `${[...path, key, k].join('.')} must be a string`);
    }
    return out;
  }

  /** Each entry of a list that must be maps, with its path. */
  each(obj: Obj, key: string, path: NodePath, read: (item: Obj, itemPath: NodePath) => void): void {
    const items = this.list(obj, key, path);
    items?.forEach((item, i) => {
      const itemPath = [...path, key, i];
      if (isObj(item)) read(item, itemPath);
      else this.report(itemPath, 'schema.type', `${itemPath.join('.')} must be a map`);
    });
  }
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * RFC 3339 date-time with an explicit offset. `Date.parse` alone also takes "1" (2001), "Jan 1 2026"
 * and offset-less times it reads in the machine's local zone, so verdicts would depend on the host.
 */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const isRfc3339 = (v: string): boolean => RFC3339.test(v) && !Number.isNaN(Date.parse(v));

function readMetadata(r: FieldReader, root: Obj): WorkspaceMetadata {
  const meta = r.obj(root, 'metadata', []);
  if (!meta) return {};
  r.known(meta, ['metadata'], ['name', 'title', 'description', 'tags']);
  const out: WorkspaceMetadata = {};
  const name = r.str(meta, 'name', ['metadata']);
  const title = r.str(meta, 'title', ['metadata']);
  const description = r.str(meta, 'description', ['metadata']);
  const tags = r.strings(meta, 'tags', ['metadata']);
  if (name !== undefined) out.name = name;
  if (title !== undefined) out.title = title;
  if (description !== undefined) out.description = description;
  if (tags !== undefined) out.tags = tags;
  return out;
}

function readPort(r: FieldReader, item: Obj, path: NodePath): ServicePortSpec | null {
  r.known(item, path, ['name', 'port', 'targetPort', 'protocol', 'appProtocol']);
  const port = r.int(item, 'port', path, 1, 65535);
  if (port === undefined) {
    if (item.port === undefined) r.report(path, 'mesh.port-required', `${path.join('.')}.port is required`);
    return null;
  }
  const spec: ServicePortSpec = { port };
  const name = r.str(item, 'name', path);
  const targetPort = r.int(item, 'targetPort', path, 1, 65535);
  const protocol = r.str(item, 'protocol', path);
  const appProtocol = r.str(item, 'appProtocol', path);
  if (name !== undefined) spec.name = name;
  if (targetPort !== undefined) spec.targetPort = targetPort;
  if (protocol !== undefined) spec.protocol = protocol;
  if (appProtocol !== undefined) spec.appProtocol = appProtocol;
  return spec;
}

function readWorkload(r: FieldReader, item: Obj, path: NodePath): WorkloadSpec | null {
  r.known(item, path, [
    'name',
    'namespace',
    'labels',
    'serviceAccount',
    'sidecar',
    'gateway',
    'service',
    'ip',
    'ports',
    'listens',
  ]);
  const name = r.str(item, 'name', path);
  const namespace = r.str(item, 'namespace', path);
  if (!name || !namespace) {
    r.report(path, 'mesh.workload-name', `${path.join('.')} needs a name and a namespace`);
    return null;
  }
  if (!NAME.test(name) || !NAME.test(namespace)) {
    r.report(
      path,
      'mesh.invalid-name',
      `workload "${namespace}/${name}": names must be lower-case DNS labels (a-z, 0-9, "-")`,
    );
    return null;
  }
  const spec: WorkloadSpec = { name, namespace };
  const labels = r.stringMap(item, 'labels', path);
  const serviceAccount = r.str(item, 'serviceAccount', path);
  const sidecar = r.bool(item, 'sidecar', path);
  const gateway = r.bool(item, 'gateway', path);
  const service = r.str(item, 'service', path);
  const ip = r.str(item, 'ip', path);
  if (labels) spec.labels = labels;
  if (serviceAccount !== undefined) spec.serviceAccount = serviceAccount;
  if (sidecar !== undefined) spec.sidecar = sidecar;
  if (gateway !== undefined) spec.gateway = gateway;
  if (service !== undefined) spec.service = service;
  if (ip !== undefined) {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip) && ip.split('.').every((o) => Number(o) <= 255)) spec.ip = ip;
    else
      r.report(
        [...path, 'ip'],
        'mesh.invalid-ip',
        `workload "${namespace}/${name}": ip "${ip}" is not an IPv4 address`,
      );
  }
  const ports: ServicePortSpec[] = [];
  r.each(item, 'ports', path, (p, pp) => {
    const port = readPort(r, p, pp);
    if (port) ports.push(port);
  });
  if (item.ports !== undefined) spec.ports = ports;
  const listens = r.list(item, 'listens', path);
  if (listens) {
    spec.listens = [];
    listens.forEach((v, i) => {
      if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535) spec.listens?.push(v);
      else
        r.report(
          [...path, 'listens', i],
          'schema.type',
          `${[...path, 'listens', i].join('.')} must be a port number`,
        );
    });
  }
  return spec;
}

function readProvider(r: FieldReader, item: Obj, path: NodePath): ExtensionProviderSpec | null {
  const name = r.str(item, 'name', path);
  if (!name) {
    r.report(path, 'mesh.provider-name', `${path.join('.')} needs a name`);
    return null;
  }
  const spec: ExtensionProviderSpec = { name };
  for (const key of Object.keys(item)) {
    if (key === 'name') continue;
    if (key === 'envoyExtAuthzGrpc' || key === 'envoyExtAuthzHttp') {
      const kind = r.obj(item, key, path);
      if (kind) {
        const service = r.str(kind, 'service', [...path, key]);
        const port = r.int(kind, 'port', [...path, key], 0, 65535);
        const value: { service?: string; port?: number } = {};
        if (service !== undefined) value.service = service;
        if (port !== undefined) value.port = port;
        spec[key] = value;
      }
    } else if (key === 'simulate') {
      const sim = r.obj(item, 'simulate', path);
      if (!sim) continue;
      r.known(sim, [...path, 'simulate'], ['allowWhen', 'deniedStatus']);
      const allowWhen: { header: string; values: string[] }[] = [];
      r.each(sim, 'allowWhen', [...path, 'simulate'], (cond, cp) => {
        r.known(cond, cp, ['header', 'values']);
        const header = r.str(cond, 'header', cp);
        const values = r.strings(cond, 'values', cp) ?? [];
        if (header) allowWhen.push({ header: header.toLowerCase(), values });
        else r.report(cp, 'mesh.simulate-header', `${cp.join('.')} needs a header`);
      });
      const deniedStatus = r.int(sim, 'deniedStatus', [...path, 'simulate'], 100, 599);
      spec.simulate = {};
      if (sim.allowWhen !== undefined) spec.simulate.allowWhen = allowWhen;
      if (deniedStatus !== undefined) spec.simulate.deniedStatus = deniedStatus;
    } else {
      r.known({ [key]: true }, path, ['envoyExtAuthzGrpc', 'envoyExtAuthzHttp', 'simulate']);
    }
  }
  return spec;
}

function readMesh(r: FieldReader, root: Obj): MeshSpec {
  const spec = r.obj(root, 'spec', []);
  const mesh: MeshSpec = {};
  if (!spec) return mesh;
  const P = ['spec'];
  r.known(spec, P, [
    'rootNamespace',
    'trustDomain',
    'trustDomainAliases',
    'enableAutoMtls',
    'numTrustedProxies',
    'extensionProviders',
    'namespaces',
    'workloads',
    'layout',
  ]);
  const rootNamespace = r.str(spec, 'rootNamespace', P);
  const trustDomain = r.str(spec, 'trustDomain', P);
  const aliases = r.strings(spec, 'trustDomainAliases', P);
  const enableAutoMtls = r.bool(spec, 'enableAutoMtls', P);
  const numTrustedProxies = r.int(spec, 'numTrustedProxies', P, 0, 64);
  if (rootNamespace !== undefined) mesh.rootNamespace = rootNamespace;
  if (trustDomain !== undefined) mesh.trustDomain = trustDomain;
  if (aliases !== undefined) mesh.trustDomainAliases = aliases;
  if (enableAutoMtls !== undefined) mesh.enableAutoMtls = enableAutoMtls;
  if (numTrustedProxies !== undefined) mesh.numTrustedProxies = numTrustedProxies;

  const providers: ExtensionProviderSpec[] = [];
  r.each(spec, 'extensionProviders', P, (item, path) => {
    const provider = readProvider(r, item, path);
    if (provider) providers.push(provider);
  });
  if (providers.length) mesh.extensionProviders = providers;

  const namespaces: NamespaceSpec[] = [];
  const seenNamespaces = new Set<string>();
  r.each(spec, 'namespaces', P, (item, path) => {
    r.known(item, path, ['name', 'labels']);
    const name = r.str(item, 'name', path);
    if (!name || !NAME.test(name)) {
      r.report(path, 'mesh.invalid-name', `${path.join('.')}: a namespace needs a lower-case DNS-label name`);
      return;
    }
    if (seenNamespaces.has(name)) {
      r.report(path, 'mesh.duplicate-namespace', `namespace "${name}" is declared twice`);
      return;
    }
    seenNamespaces.add(name);
    const ns: NamespaceSpec = { name };
    const labels = r.stringMap(item, 'labels', path);
    if (labels) ns.labels = labels;
    namespaces.push(ns);
  });
  mesh.namespaces = namespaces;

  const workloads: WorkloadSpec[] = [];
  const seenWorkloads = new Set<string>();
  r.each(spec, 'workloads', P, (item, path) => {
    const workload = readWorkload(r, item, path);
    if (!workload) return;
    const key = `${workload.namespace}/${workload.name}`;
    if (seenWorkloads.has(key)) {
      r.report(path, 'mesh.duplicate-workload', `workload "${key}" is declared twice`);
      return;
    }
    seenWorkloads.add(key);
    if (!seenNamespaces.has(workload.namespace)) {
      // A workload may name a namespace that the list omits: declare it, as kubectl create ns would.
      seenNamespaces.add(workload.namespace);
      namespaces.push({ name: workload.namespace });
    }
    workloads.push(workload);
  });
  mesh.workloads = workloads;

  const layout = r.obj(spec, 'layout', P);
  if (layout) {
    const out: NonNullable<MeshSpec['layout']> = Object.create(null) as NonNullable<MeshSpec['layout']>;
    for (const [key, value] of Object.entries(layout)) {
      if (isObj(value) && typeof value.x === 'number' && typeof value.y === 'number') {
        const entry: { x: number; y: number; width?: number; height?: number } = { x: value.x, y: value.y };
        if (typeof value.width === 'number') entry.width = value.width;
        if (typeof value.height === 'number') entry.height = value.height;
        out[key] = entry;
      }
    }
    mesh.layout = out;
  }
  return mesh;
}

function readTokenUse(r: FieldReader, item: Obj, path: NodePath): TokenUse | null {
  r.known(item, path, ['token', 'in', 'prefix']);
  const token = r.str(item, 'token', path);
  if (!token) {
    r.report(path, 'probes.token-required', `${path.join('.')} needs a token name`);
    return null;
  }
  const use: TokenUse = { token };
  const where = r.str(item, 'in', path);
  const prefix = r.str(item, 'prefix', path);
  if (where !== undefined) {
    if (/^(header|query|cookie):.+$/.test(where)) use.in = where;
    else
      r.report(
        [...path, 'in'],
        'probes.token-location',
        `"${where}" must be header:<name>, query:<param> or cookie:<name>`,
      );
  }
  if (prefix !== undefined) use.prefix = prefix;
  return use;
}

function readRequest(r: FieldReader, item: Obj, path: NodePath): RequestSpec {
  r.known(item, path, ['method', 'path', 'host', 'headers', 'token', 'tokens', 'sourceIp']);
  const request: RequestSpec = {};
  const method = r.str(item, 'method', path);
  const reqPath = r.str(item, 'path', path);
  const host = r.str(item, 'host', path);
  const headers = r.stringMap(item, 'headers', path);
  const token = r.str(item, 'token', path);
  const sourceIp = r.str(item, 'sourceIp', path);
  if (method !== undefined) request.method = method;
  if (reqPath !== undefined) request.path = reqPath;
  if (host !== undefined) request.host = host;
  if (headers !== undefined) request.headers = headers;
  if (token !== undefined) request.token = token;
  if (sourceIp !== undefined) request.sourceIp = sourceIp;
  const tokens: TokenUse[] = [];
  r.each(item, 'tokens', path, (t, tp) => {
    const use = readTokenUse(r, t, tp);
    if (use) tokens.push(use);
  });
  if (item.tokens !== undefined) request.tokens = tokens;
  return request;
}

function readToken(r: FieldReader, item: Obj, path: NodePath): TokenSpec {
  r.known(item, path, ['claims', 'signature', 'raw', 'jwt']);
  const token: TokenSpec = {};
  const claims = r.obj(item, 'claims', path);
  const signature = r.str(item, 'signature', path);
  const raw = r.str(item, 'raw', path);
  const jwt = r.str(item, 'jwt', path);
  const forms = [claims, raw, jwt].filter((v) => v !== undefined).length;
  if (forms !== 1) {
    r.report(path, 'probes.token-form', `${path.join('.')} needs exactly one of claims, raw or jwt`);
  }
  if (claims) token.claims = claims;
  if (signature !== undefined) {
    if (signature === 'valid' || signature === 'invalid') token.signature = signature;
    else r.report([...path, 'signature'], 'probes.token-signature', `signature must be "valid" or "invalid"`);
  }
  if (raw !== undefined) token.raw = raw;
  if (jwt !== undefined) token.jwt = jwt;
  return token;
}

function readProbe(r: FieldReader, item: Obj, path: NodePath): ProbeSpec | null {
  r.known(item, path, ['name', 'from', 'to', 'port', 'address', 'request', 'now', 'expect', 'expectMtls']);
  const from = r.str(item, 'from', path);
  const to = r.str(item, 'to', path);
  const port = r.int(item, 'port', path, 1, 65535);
  if (!from || !to || port === undefined) {
    r.report(path, 'probes.incomplete', `${path.join('.')} needs from, to and port`);
    return null;
  }
  const probe: ProbeSpec = { from, to, port };
  const name = r.str(item, 'name', path);
  const address = r.str(item, 'address', path);
  const now = r.str(item, 'now', path);
  const expect = r.str(item, 'expect', path);
  const expectMtls = r.bool(item, 'expectMtls', path);
  if (name !== undefined) probe.name = name;
  if (address !== undefined) {
    if (address === 'service' || address === 'podIP') probe.address = address;
    else r.report([...path, 'address'], 'probes.address', `address must be "service" or "podIP"`);
  }
  if (now !== undefined) {
    if (!isRfc3339(now)) r.report([...path, 'now'], 'probes.now', `now "${now}" is not an RFC 3339 time`);
    else probe.now = now;
  }
  if (expect !== undefined) probe.expect = expect;
  if (expectMtls !== undefined) probe.expectMtls = expectMtls;
  const request = r.obj(item, 'request', path);
  if (request) probe.request = readRequest(r, request, [...path, 'request']);
  return probe;
}

function readProbes(r: FieldReader, root: Obj): { probes: ProbesSpec; probePaths: NodePath[] } {
  const spec = r.obj(root, 'spec', []);
  const out: ProbesSpec = { probes: [] };
  const probePaths: NodePath[] = [];
  if (!spec) return { probes: out, probePaths };
  const P = ['spec'];
  r.known(spec, P, ['now', 'tokens', 'jwks', 'probes']);
  const now = r.str(spec, 'now', P);
  if (now !== undefined) {
    if (!isRfc3339(now)) r.report([...P, 'now'], 'probes.now', `now "${now}" is not an RFC 3339 time`);
    else out.now = now;
  }
  const tokens = r.obj(spec, 'tokens', P);
  if (tokens) {
    out.tokens = Object.create(null) as Record<string, TokenSpec>;
    for (const [name, value] of Object.entries(tokens)) {
      const tp = [...P, 'tokens', name];
      if (isObj(value)) out.tokens[name] = readToken(r, value, tp);
      else r.report(tp, 'schema.type', `${tp.join('.')} must be a map`);
    }
  }
  const jwks = r.obj(spec, 'jwks', P);
  if (jwks) {
    out.jwks = Object.create(null) as Record<string, JwksSpec>;
    for (const [uri, value] of Object.entries(jwks)) {
      const jp = [...P, 'jwks', uri];
      if (!isObj(value)) {
        r.report(jp, 'schema.type', `${jp.join('.')} must be a map`);
        continue;
      }
      r.known(value, jp, ['keys', 'unavailable']);
      const set: JwksSpec = {};
      const keys = r.list(value, 'keys', jp);
      const unavailable = r.bool(value, 'unavailable', jp);
      if (keys) set.keys = keys;
      if (unavailable !== undefined) set.unavailable = unavailable;
      out.jwks[uri] = set;
    }
  }
  r.each(spec, 'probes', P, (item, path) => {
    const probe = readProbe(r, item, path);
    if (probe) {
      out.probes?.push(probe);
      probePaths.push(path);
    }
  });
  return { probes: out, probePaths };
}

export interface ReadWorkspaceResult extends WorkspaceDocuments {
  /** Path of each probe (same order as probes.probes) inside the Probes document. */
  probePaths: NodePath[];
}

/** Separates the playground documents from the Istio resources and reads them. */
export function readWorkspace(documents: readonly ParsedDocument[]): ReadWorkspaceResult {
  const diagnostics: Diagnostic[] = [];
  const resources: ParsedDocument[] = [];
  let meshDocument: ParsedDocument | null = null;
  let probesDocument: ParsedDocument | null = null;
  let metadata: WorkspaceMetadata = {};
  let mesh: MeshSpec = { namespaces: [], workloads: [] };
  let probes: ProbesSpec = { probes: [] };
  let probePaths: NodePath[] = [];
  for (const doc of documents) {
    if (doc.value === null || doc.value === undefined) continue;
    if (!isObj(doc.value)) {
      diagnostics.push({
        code: 'workspace.not-a-resource',
        severity: 'error',
        message: 'a workspace document must be a map with apiVersion and kind',
        document: doc.index,
        range: doc.range,
      });
      continue;
    }
    const isPlayground = doc.apiVersion === PLAYGROUND_API_VERSION;
    if (isPlayground && doc.kind === 'Mesh') {
      const r = new FieldReader(doc, diagnostics, 'Mesh');
      if (meshDocument) {
        r.report([], 'workspace.duplicate-mesh', 'only one Mesh document is allowed; this one is ignored');
        continue;
      }
      r.known(doc.value, [], ['apiVersion', 'kind', 'metadata', 'spec']);
      meshDocument = doc;
      metadata = readMetadata(r, doc.value);
      mesh = readMesh(r, doc.value);
    } else if (isPlayground && doc.kind === 'Probes') {
      const r = new FieldReader(doc, diagnostics, 'Probes');
      if (probesDocument) {
        r.report(
          [],
          'workspace.duplicate-probes',
          'only one Probes document is allowed; this one is ignored',
        );
        continue;
      }
      r.known(doc.value, [], ['apiVersion', 'kind', 'metadata', 'spec']);
      probesDocument = doc;
      ({ probes, probePaths } = readProbes(r, doc.value));
    } else if (isPlayground) {
      diagnostics.push({
        code: 'workspace.unknown-kind',
        severity: 'error',
        message: `playground/v1 has kinds Mesh and Probes, not "${doc.kind ?? ''}"`,
        document: doc.index,
        range: doc.rangeOf(['kind']),
      });
    } else {
      resources.push(doc);
    }
  }
  return { metadata, mesh, probes, meshDocument, probesDocument, resources, diagnostics, probePaths };
}
