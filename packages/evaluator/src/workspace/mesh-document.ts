/**
 * The playground's Mesh document (`playground/v1`): workspace metadata, namespaces, workloads,
 * extension providers and layout, read field by field into typed specs. Nothing decoded is ever
 * spread into our objects.
 */
import type { NodePath } from '../document';
import { type Dict, type Reader, isDict } from '../read';
import type {
  ExtensionProviderSpec,
  MeshSpec,
  NamespaceSpec,
  ServicePortSpec,
  WorkloadSpec,
  WorkspaceMetadata,
} from '../types';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The Mesh document's `metadata`: the workspace's name, title, description and tags. */
export function readMetadata(r: Reader, root: Dict): WorkspaceMetadata {
  const meta = r.object(root, 'metadata', []);
  if (!meta) return {};
  r.fields(meta, ['metadata'], ['name', 'title', 'description', 'tags']);
  const out: WorkspaceMetadata = {};
  const name = r.string(meta, 'name', ['metadata']);
  const title = r.string(meta, 'title', ['metadata']);
  const description = r.string(meta, 'description', ['metadata']);
  const tags = r.stringList(meta, 'tags', ['metadata']);
  if (name !== undefined) out.name = name;
  if (title !== undefined) out.title = title;
  if (description !== undefined) out.description = description;
  if (tags !== undefined) out.tags = tags;
  return out;
}

function readPort(r: Reader, item: Dict, path: NodePath): ServicePortSpec | null {
  r.fields(item, path, ['name', 'port', 'targetPort', 'protocol', 'appProtocol']);
  const port = r.integer(item, 'port', path, { min: 1, max: 65535 });
  if (port === undefined) {
    if (item.port === undefined) r.error('mesh.port-required', path, `${r.path(path)}.port is required`);
    return null;
  }
  const spec: ServicePortSpec = { port };
  const name = r.string(item, 'name', path);
  const targetPort = r.integer(item, 'targetPort', path, { min: 1, max: 65535 });
  const protocol = r.string(item, 'protocol', path);
  const appProtocol = r.string(item, 'appProtocol', path);
  if (name !== undefined) spec.name = name;
  if (targetPort !== undefined) spec.targetPort = targetPort;
  if (protocol !== undefined) spec.protocol = protocol;
  if (appProtocol !== undefined) spec.appProtocol = appProtocol;
  return spec;
}

function readWorkload(r: Reader, item: Dict, path: NodePath): WorkloadSpec | null {
  r.fields(item, path, [
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
  const name = r.string(item, 'name', path);
  const namespace = r.string(item, 'namespace', path);
  if (!name || !namespace) {
    r.error('mesh.workload-name', path, `${r.path(path)} needs a name and a namespace`);
    return null;
  }
  if (!NAME.test(name) || !NAME.test(namespace)) {
    r.error(
      'mesh.invalid-name',
      path,
      `workload "${namespace}/${name}": names must be lower-case DNS labels (a-z, 0-9, "-")`,
    );
    return null;
  }
  const spec: WorkloadSpec = { name, namespace };
  const labels = r.stringMap(item, 'labels', path);
  const serviceAccount = r.string(item, 'serviceAccount', path);
  const sidecar = r.boolean(item, 'sidecar', path);
  const gateway = r.boolean(item, 'gateway', path);
  const service = r.string(item, 'service', path);
  const ip = r.string(item, 'ip', path);
  if (labels) spec.labels = labels;
  if (serviceAccount !== undefined) spec.serviceAccount = serviceAccount;
  if (sidecar !== undefined) spec.sidecar = sidecar;
  if (gateway !== undefined) spec.gateway = gateway;
  if (service !== undefined) spec.service = service;
  if (ip !== undefined) {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip) && ip.split('.').every((o) => Number(o) <= 255)) spec.ip = ip;
    else
      r.error(
        'mesh.invalid-ip',
        [...path, 'ip'],
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
        r.error(
          'schema.type',
          [...path, 'listens', i],
          `${r.path([...path, 'listens', i])} must be a port number`,
        );
    });
  }
  return spec;
}

function readProvider(r: Reader, item: Dict, path: NodePath): ExtensionProviderSpec | null {
  const name = r.string(item, 'name', path);
  if (!name) {
    r.error('mesh.provider-name', path, `${r.path(path)} needs a name`);
    return null;
  }
  const spec: ExtensionProviderSpec = { name };
  for (const key of Object.keys(item)) {
    if (key === 'name') continue;
    if (key === 'envoyExtAuthzGrpc' || key === 'envoyExtAuthzHttp') {
      const kind = r.object(item, key, path);
      if (kind) {
        const service = r.string(kind, 'service', [...path, key]);
        const port = r.integer(kind, 'port', [...path, key], { min: 0, max: 65535 });
        const value: { service?: string; port?: number } = {};
        if (service !== undefined) value.service = service;
        if (port !== undefined) value.port = port;
        spec[key] = value;
      }
    } else if (key === 'simulate') {
      const sim = r.object(item, 'simulate', path);
      if (!sim) continue;
      r.fields(sim, [...path, 'simulate'], ['allowWhen', 'deniedStatus']);
      const allowWhen: { header: string; values: string[] }[] = [];
      r.each(sim, 'allowWhen', [...path, 'simulate'], (cond, cp) => {
        r.fields(cond, cp, ['header', 'values']);
        const header = r.string(cond, 'header', cp);
        const values = r.stringList(cond, 'values', cp) ?? [];
        if (header) allowWhen.push({ header: header.toLowerCase(), values });
        else r.error('mesh.simulate-header', cp, `${r.path(cp)} needs a header`);
      });
      const deniedStatus = r.integer(sim, 'deniedStatus', [...path, 'simulate'], { min: 100, max: 599 });
      spec.simulate = {};
      if (sim.allowWhen !== undefined) spec.simulate.allowWhen = allowWhen;
      if (deniedStatus !== undefined) spec.simulate.deniedStatus = deniedStatus;
    } else {
      r.fields({ [key]: true }, path, ['envoyExtAuthzGrpc', 'envoyExtAuthzHttp', 'simulate']);
    }
  }
  return spec;
}

/** Istio's `MeshConfig.ProxyPathNormalization.NormalizationType` values (`DEFAULT` is `BASE`). */
const NORMALIZATIONS = ['DEFAULT', 'NONE', 'BASE', 'MERGE_SLASHES', 'DECODE_AND_MERGE_SLASHES'] as const;

export function readMesh(r: Reader, root: Dict): MeshSpec {
  const spec = r.object(root, 'spec', []);
  const mesh: MeshSpec = {};
  if (!spec) return mesh;
  const P = ['spec'];
  r.fields(spec, P, [
    'rootNamespace',
    'trustDomain',
    'trustDomainAliases',
    'enableAutoMtls',
    'numTrustedProxies',
    'extensionProviders',
    'meshConfig',
    'namespaces',
    'workloads',
    'layout',
  ]);
  const rootNamespace = r.string(spec, 'rootNamespace', P);
  const trustDomain = r.string(spec, 'trustDomain', P);
  const aliases = r.stringList(spec, 'trustDomainAliases', P);
  const enableAutoMtls = r.boolean(spec, 'enableAutoMtls', P);
  const numTrustedProxies = r.integer(spec, 'numTrustedProxies', P, { min: 0, max: 64 });
  if (rootNamespace !== undefined) mesh.rootNamespace = rootNamespace;
  if (trustDomain !== undefined) mesh.trustDomain = trustDomain;
  if (aliases !== undefined) mesh.trustDomainAliases = aliases;
  if (enableAutoMtls !== undefined) mesh.enableAutoMtls = enableAutoMtls;
  if (numTrustedProxies !== undefined) mesh.numTrustedProxies = numTrustedProxies;

  // spec.meshConfig.pathNormalization.normalization (Istio MeshConfig.ProxyPathNormalization).
  const meshConfig = r.object(spec, 'meshConfig', P);
  if (meshConfig) {
    const mcPath = [...P, 'meshConfig'];
    r.fields(meshConfig, mcPath, ['pathNormalization']);
    const pn = r.object(meshConfig, 'pathNormalization', mcPath);
    mesh.meshConfig = {};
    if (pn) {
      const pnPath = [...mcPath, 'pathNormalization'];
      r.fields(pn, pnPath, ['normalization']);
      const normalization = r.enumString(pn, 'normalization', pnPath, NORMALIZATIONS);
      mesh.meshConfig.pathNormalization = normalization === undefined ? {} : { normalization };
    }
  }

  const providers: ExtensionProviderSpec[] = [];
  r.each(spec, 'extensionProviders', P, (item, path) => {
    const provider = readProvider(r, item, path);
    if (provider) providers.push(provider);
  });
  if (providers.length) mesh.extensionProviders = providers;

  const namespaces: NamespaceSpec[] = [];
  const seenNamespaces = new Set<string>();
  r.each(spec, 'namespaces', P, (item, path) => {
    r.fields(item, path, ['name', 'labels']);
    const name = r.string(item, 'name', path);
    if (!name || !NAME.test(name)) {
      r.error('mesh.invalid-name', path, `${r.path(path)}: a namespace needs a lower-case DNS-label name`);
      return;
    }
    if (seenNamespaces.has(name)) {
      r.error('mesh.duplicate-namespace', path, `namespace "${name}" is declared twice`);
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
      r.error('mesh.duplicate-workload', path, `workload "${key}" is declared twice`);
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

  const layout = r.object(spec, 'layout', P);
  if (layout) {
    const out: NonNullable<MeshSpec['layout']> = Object.create(null) as NonNullable<MeshSpec['layout']>;
    for (const [key, value] of Object.entries(layout)) {
      if (isDict(value) && typeof value.x === 'number' && typeof value.y === 'number') {
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
