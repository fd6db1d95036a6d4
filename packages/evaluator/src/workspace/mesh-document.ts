/**
 * The playground's Mesh document (`playground/v1`): workspace metadata, namespaces, workloads,
 * extension providers and layout, read field by field into typed specs. Nothing decoded is ever
 * spread into our objects. Field names, bounds, enums and patterns come from the one declaration
 * in `schema.ts`; this reader adds the positions, the lenient reading and the semantic checks.
 */
import type { NodePath } from '../document';
import { isRecord } from '../guards';
import { type Dict, type Reader } from '../read';
import type {
  ExtensionProviderSpec,
  MeshSpec,
  NamespaceSpec,
  ServicePortSpec,
  WorkloadSpec,
  WorkspaceMetadata,
} from '../types';
import * as schema from './schema';
import {
  DNS_LABEL as NAME,
  NORMALIZATIONS,
  PORT_BOUNDS,
  PROVIDER_PORT_BOUNDS,
  STATUS_BOUNDS,
  TRUSTED_PROXIES_BOUNDS,
  fieldsOf,
} from './schema';

/** The Mesh document's `metadata`: the workspace's name, title, description and tags. */
export function readMetadata(r: Reader, root: Dict): WorkspaceMetadata {
  const meta = r.object(root, 'metadata', []);
  if (!meta) return {};
  r.fields(meta, ['metadata'], fieldsOf(schema.WorkspaceMetadata));
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
  r.fields(item, path, fieldsOf(schema.ServicePort));
  const port = r.integer(item, 'port', path, PORT_BOUNDS);
  if (port === undefined) {
    if (item.port === undefined) r.error('mesh.port-required', path, `${r.path(path)}.port is required`);
    return null;
  }
  const spec: ServicePortSpec = { port };
  const name = r.string(item, 'name', path);
  const targetPort = r.integer(item, 'targetPort', path, PORT_BOUNDS);
  const protocol = r.string(item, 'protocol', path);
  const appProtocol = r.string(item, 'appProtocol', path);
  if (name !== undefined) spec.name = name;
  if (targetPort !== undefined) spec.targetPort = targetPort;
  if (protocol !== undefined) spec.protocol = protocol;
  if (appProtocol !== undefined) spec.appProtocol = appProtocol;
  return spec;
}

function readWorkload(r: Reader, item: Dict, path: NodePath): WorkloadSpec | null {
  r.fields(item, path, fieldsOf(schema.Workload));
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
      if (typeof v === 'number' && Number.isInteger(v) && v >= PORT_BOUNDS.min && v <= PORT_BOUNDS.max)
        spec.listens?.push(v);
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
        const port = r.integer(kind, 'port', [...path, key], PROVIDER_PORT_BOUNDS);
        const value: { service?: string; port?: number } = {};
        if (service !== undefined) value.service = service;
        if (port !== undefined) value.port = port;
        spec[key] = value;
      }
    } else if (key === 'simulate') {
      const sim = r.object(item, 'simulate', path);
      if (!sim) continue;
      r.fields(sim, [...path, 'simulate'], fieldsOf(schema.SimulatedExtAuthz));
      const allowWhen: { header: string; values: string[] }[] = [];
      r.each(sim, 'allowWhen', [...path, 'simulate'], (cond, cp) => {
        r.fields(cond, cp, ['header', 'values']);
        const header = r.string(cond, 'header', cp);
        const values = r.stringList(cond, 'values', cp) ?? [];
        if (header) allowWhen.push({ header: header.toLowerCase(), values });
        else r.error('mesh.simulate-header', cp, `${r.path(cp)} needs a header`);
      });
      const deniedStatus = r.integer(sim, 'deniedStatus', [...path, 'simulate'], STATUS_BOUNDS);
      spec.simulate = {};
      if (sim.allowWhen !== undefined) spec.simulate.allowWhen = allowWhen;
      if (deniedStatus !== undefined) spec.simulate.deniedStatus = deniedStatus;
    } else {
      r.fields({ [key]: true }, path, fieldsOf(schema.ExtensionProvider));
    }
  }
  return spec;
}

export function readMesh(r: Reader, root: Dict): MeshSpec {
  const spec = r.object(root, 'spec', []);
  const mesh: MeshSpec = {};
  if (!spec) return mesh;
  const P = ['spec'];
  r.fields(spec, P, fieldsOf(schema.MeshSpec));
  const rootNamespace = r.string(spec, 'rootNamespace', P);
  const trustDomain = r.string(spec, 'trustDomain', P);
  const aliases = r.stringList(spec, 'trustDomainAliases', P);
  const enableAutoMtls = r.boolean(spec, 'enableAutoMtls', P);
  const numTrustedProxies = r.integer(spec, 'numTrustedProxies', P, TRUSTED_PROXIES_BOUNDS);
  if (rootNamespace !== undefined) mesh.rootNamespace = rootNamespace;
  if (trustDomain !== undefined) mesh.trustDomain = trustDomain;
  if (aliases !== undefined) mesh.trustDomainAliases = aliases;
  if (enableAutoMtls !== undefined) mesh.enableAutoMtls = enableAutoMtls;
  if (numTrustedProxies !== undefined) mesh.numTrustedProxies = numTrustedProxies;

  // spec.meshConfig.pathNormalization.normalization (Istio MeshConfig.ProxyPathNormalization).
  const meshConfig = r.object(spec, 'meshConfig', P);
  if (meshConfig) {
    const mcPath = [...P, 'meshConfig'];
    r.fields(meshConfig, mcPath, fieldsOf(schema.MeshConfig));
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
    r.fields(item, path, fieldsOf(schema.Namespace));
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
      // `.inf` and `.nan` are YAML numbers too: a position must be finite.
      if (isRecord(value) && finite(value.x) && finite(value.y)) {
        const entry: schema.LayoutPosition = { x: value.x, y: value.y };
        if (finite(value.width)) entry.width = value.width;
        if (finite(value.height)) entry.height = value.height;
        out[key] = entry;
      }
    }
    mesh.layout = out;
  }
  return mesh;
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
