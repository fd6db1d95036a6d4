/**
 * `importKubernetes`: a workspace from what `kubectl get -o yaml|json` prints or from manifests.
 * The Mesh document is inferred (namespaces, workloads with their sidecars, Services, mesh
 * settings), the Istio and Gateway API resources are copied, and probes are added. Secrets and
 * other ConfigMaps are never copied; what is not used is reported, never silently lost.
 */
import type { MeshSpec, NamespaceSpec, ProbesSpec, WorkloadSpec } from '../types';
import { serializeWorkspace, type WorkspaceParts } from '../workspace-text';
import { decideSidecar } from './injection';
import { exposures } from './ingress';
import { type ImportDiagnostic, type ImportFile, type KubeObject, readObjects } from './kube';
import { isMeshConfigMap, readMeshConfig } from './mesh-config';
import { DEFAULT_MAX_PROBES, serviceProbes } from './probes';
import { isIstioResource, resourcesText } from './resources';
import { attachServices, readServices } from './services';
import { type ImportSummary, type ImportedObject, skippedEntry } from './summary';
import { type FoundWorkload, WORKLOAD_KINDS, findWorkloads, gatewayRole, namespaceOf } from './workloads';

export interface ImportOptions {
  /** `services` (default): a probe per (client workload, Service port) and per exposed gateway port. */
  probes?: 'none' | 'services';
  /** At most this many probes (default 500); the summary says how many were left out. */
  maxProbes?: number;
}

export interface ImportResult {
  /** The whole workspace: Mesh document, the Istio resources, Probes document. */
  text: string;
  parts: WorkspaceParts;
  summary: ImportSummary;
  /** Files (or documents) that do not parse: nothing of such a file is imported. */
  diagnostics: ImportDiagnostic[];
}

/** Kinds a cluster dump is full of that the simulation does not need. */
const NOT_NEEDED = new Set([
  'ServiceAccount',
  'Endpoints',
  'EndpointSlice',
  'ControllerRevision',
  'Event',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Lease',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'CustomResourceDefinition',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'Node',
  'LimitRange',
  'ResourceQuota',
]);

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const AMBIENT = 'istio.io/dataplane-mode';

function isNamespace(o: KubeObject): boolean {
  return o.kind === 'Namespace' && o.apiVersion === 'v1';
}

export function importKubernetes(files: readonly ImportFile[], options: ImportOptions = {}): ImportResult {
  const { objects, diagnostics, notObjects } = readObjects(files);
  const summary: ImportSummary = { read: [], skipped: [], warnings: [] };
  const read = (o: { kind: string; namespace: string; name: string }) => {
    const entry: ImportedObject = { kind: o.kind, namespace: o.namespace, name: o.name };
    summary.read.push(entry);
  };
  for (const n of notObjects)
    summary.skipped.push({
      kind: '(not an object)',
      reason: `${n.file}: document ${n.document + 1} has no kind`,
    });

  // Namespaces: their labels decide injection; ambient ones are not simulated.
  const namespaceLabels = new Map<string, Record<string, string>>();
  const ambient = new Set<string>();
  for (const o of objects.filter(isNamespace)) {
    if (o.labels[AMBIENT] === 'ambient') {
      ambient.add(o.name);
      summary.skipped.push(
        skippedEntry('Namespace', '', o.name, `ambient mode (${AMBIENT}=ambient) is not simulated`),
      );
      continue;
    }
    if (namespaceLabels.has(o.name)) continue;
    namespaceLabels.set(o.name, o.labels);
    read({ kind: 'Namespace', namespace: '', name: o.name });
  }

  // Everything that is neither a workload nor a Service: mesh settings, Istio resources, the rest.
  const resources: KubeObject[] = [];
  let secrets = 0;
  let configMaps = 0;
  let mesh: MeshSpec = {};
  for (const o of objects) {
    const namespace = o.namespace;
    if (isNamespace(o) || WORKLOAD_KINDS.has(o.kind) || (o.kind === 'Service' && o.apiVersion === 'v1'))
      continue;
    if (o.kind === 'Secret' && o.apiVersion === 'v1') {
      secrets++;
      summary.skipped.push(
        skippedEntry('Secret', namespace, o.name, 'secrets are ignored; its data is not stored'),
      );
    } else if (o.kind === 'ConfigMap' && isMeshConfigMap(o)) {
      const config = readMeshConfig(o);
      mesh = { ...mesh, ...config.settings };
      summary.skipped.push(...config.skipped);
      summary.warnings.push(...config.warnings);
      read({ kind: 'ConfigMap', namespace, name: o.name });
    } else if (o.kind === 'ConfigMap') {
      configMaps++;
      summary.skipped.push(
        skippedEntry(
          'ConfigMap',
          namespace,
          o.name,
          'only the istio ConfigMap is read; its data is not stored',
        ),
      );
    } else if (isIstioResource(o)) {
      if (ambient.has(namespace)) {
        summary.skipped.push(
          skippedEntry(o.kind, namespace, o.name, 'in an ambient-mode namespace (not simulated)'),
        );
        continue;
      }
      resources.push(o);
      read({
        kind: o.kind,
        namespace: namespace || (o.kind === 'GatewayClass' ? '' : 'default'),
        name: o.name,
      });
    } else if (o.apiVersion.includes('istio.io/')) {
      summary.skipped.push(
        skippedEntry(o.kind, namespace, o.name, `${o.apiVersion} resources are not simulated`),
      );
    } else if (NOT_NEEDED.has(o.kind)) {
      summary.skipped.push(skippedEntry(o.kind, namespace, o.name, 'not used by the simulation'));
    } else {
      summary.skipped.push(
        skippedEntry(
          o.kind,
          namespace,
          o.name,
          `unknown kind ${o.apiVersion ? `(${o.apiVersion})` : ''}`.trim(),
        ),
      );
    }
  }
  if (secrets)
    summary.warnings.push(
      `${secrets} Secret${secrets === 1 ? ' was' : 's were'} ignored: secret data is never stored in the workspace`,
    );
  if (configMaps)
    summary.warnings.push(
      `${configMaps} ConfigMap${configMaps === 1 ? '' : 's'} other than istio-system/istio ignored: their data is not stored`,
    );

  // Workloads, their sidecars and Services.
  const found: FoundWorkload[] = [];
  const taken = new Map<string, FoundWorkload>();
  for (const w of findWorkloads(objects)) {
    const key = `${w.namespace}/${w.name}`;
    if (ambient.has(w.namespace) || w.labels[AMBIENT] === 'ambient') {
      summary.skipped.push(skippedEntry(w.kind, w.namespace, w.name, 'ambient mode is not simulated'));
    } else if (!NAME.test(w.name) || !NAME.test(w.namespace)) {
      summary.skipped.push(
        skippedEntry(w.kind, w.namespace, w.name, 'the Mesh format needs a DNS-label name (a-z, 0-9, "-")'),
      );
    } else if (taken.has(key)) {
      const first = taken.get(key);
      summary.skipped.push(
        skippedEntry(
          w.kind,
          w.namespace,
          w.name,
          `ambiguous: ${first?.kind ?? 'another workload'} ${w.name} has the same name`,
        ),
      );
    } else {
      taken.set(key, w);
      found.push(w);
    }
  }
  found.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  const { services, skipped: servicesSkipped } = readServices(
    objects.filter((o) => !ambient.has(namespaceOf(o))),
  );
  summary.skipped.push(...servicesSkipped);
  const attached = attachServices(found, services);
  summary.skipped.push(...attached.skipped);
  summary.warnings.push(...attached.warnings);

  const workloads: WorkloadSpec[] = [];
  const ingress: WorkloadSpec[] = [];
  const unknownNamespaces = new Set<string>();
  for (const w of found) {
    const role = gatewayRole(w.labels);
    const spec: WorkloadSpec = { name: w.name, namespace: w.namespace };
    if (Object.keys(w.labels).length) spec.labels = w.labels;
    spec.serviceAccount = w.serviceAccount;
    if (role) spec.gateway = true;
    else {
      const labels = namespaceLabels.get(w.namespace) ?? null;
      if (!labels) unknownNamespaces.add(w.namespace);
      const decision = decideSidecar(
        {
          namespace: w.namespace,
          labels: w.labels,
          annotations: w.annotations,
          hostNetwork: w.hostNetwork,
          injected: w.injected,
        },
        labels,
      );
      spec.sidecar = decision.sidecar;
      if (decision.warning) summary.warnings.push(`${w.kind} ${w.namespace}/${w.name}: ${decision.warning}`);
    }
    const service = attached.attached.get(w);
    if (service) {
      spec.service = service.service.name;
      spec.ports = service.ports;
    }
    const targets = new Set((spec.ports ?? []).map((p) => p.targetPort ?? p.port));
    const listens = [...new Set(w.containerPorts.map((p) => p.port))].filter((p) => !targets.has(p));
    if (listens.length) spec.listens = listens;
    workloads.push(spec);
    if (role === 'ingress') ingress.push(spec);
    read({ kind: w.kind, namespace: w.namespace, name: w.name });
  }
  for (const ns of unknownNamespaces)
    summary.warnings.push(
      `namespace ${ns} is not in the input: its injection labels are unknown, so its workloads have a sidecar only if their pods say so`,
    );
  for (const [w, a] of attached.attached)
    read({ kind: 'Service', namespace: w.namespace, name: a.service.name });
  summary.read = dedupe(summary.read);

  // Namespaces: every Namespace object, then every namespace a workload or resource is in.
  const namespaces: NamespaceSpec[] = [];
  const add = (name: string, labels?: Record<string, string>) => {
    if (!name || ambient.has(name) || namespaces.some((n) => n.name === name)) return;
    namespaces.push(labels && Object.keys(labels).length ? { name, labels } : { name });
  };
  for (const [name, labels] of namespaceLabels) add(name, labels);
  for (const w of workloads) add(w.namespace);
  for (const r of resources) if (r.namespace) add(r.namespace);
  mesh.namespaces = namespaces;
  mesh.workloads = workloads;

  const probes: ProbesSpec = {};
  if ((options.probes ?? 'services') === 'services') {
    const max = Math.max(0, Math.floor(options.maxProbes ?? DEFAULT_MAX_PROBES));
    const made = serviceProbes(workloads, exposures(ingress, resources), max);
    probes.probes = made.probes;
    if (made.total > made.probes.length)
      summary.warnings.push(`probes capped: ${made.probes.length} of ${made.total} kept (at most ${max})`);
  }

  const parts: WorkspaceParts = {
    metadata: { name: 'imported' },
    mesh,
    policies: resourcesText(resources),
    probes,
  };
  return { text: serializeWorkspace(parts).text, parts, summary, diagnostics };
}

function dedupe(entries: ImportedObject[]): ImportedObject[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = `${e.kind}/${e.namespace}/${e.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
