/**
 * `importKubernetes`: a workspace from what `kubectl get -o yaml|json` prints or from manifests.
 * The Mesh document is inferred (namespaces, workloads with their sidecars, Services, mesh
 * settings), the Istio and Gateway API resources are copied, and probes are added. Secrets and
 * other ConfigMaps are never copied; what is not used is reported, never silently lost.
 */
import type { NamespaceSpec, ProbesSpec, WorkloadSpec } from '../types';
import { serializeWorkspace, type WorkspaceParts } from '../workspace-text';
import { AMBIENT, readNamespaces, readOtherObjects } from './classify';
import { decideSidecar } from './injection';
import { exposures } from './ingress';
import { type ImportDiagnostic, type ImportFile, readObjects } from './kube';
import { DEFAULT_MAX_PROBES, serviceProbes } from './probes';
import { resourcesText } from './resources';
import { attachServices, readServices } from './services';
import { type ImportSummary, type ImportedObject, skippedEntry } from './summary';
import { type FoundWorkload, findWorkloads, gatewayRole, namespaceOf } from './workloads';

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

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

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

  const { namespaceLabels, ambient } = readNamespaces(objects, summary);
  const { resources, mesh } = readOtherObjects(objects, ambient, summary);

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

  // Namespaces: every Namespace object…
  const namespaces: NamespaceSpec[] = [];
  const add = (name: string, labels?: Record<string, string>) => {
    if (!name || ambient.has(name) || namespaces.some((n) => n.name === name)) return;
    namespaces.push(labels && Object.keys(labels).length ? { name, labels } : { name });
  };
  for (const [name, labels] of namespaceLabels) add(name, labels);
  // …and every namespace something read lives in (workloads, Services, resources, the ConfigMap).
  for (const r of summary.read) if (r.namespace) add(r.namespace);
  mesh.namespaces = namespaces;
  mesh.workloads = workloads;

  const probes: ProbesSpec = {};
  if ((options.probes ?? 'services') === 'services') {
    const asked = options.maxProbes ?? DEFAULT_MAX_PROBES;
    const max = Number.isFinite(asked) ? Math.max(0, Math.floor(asked)) : DEFAULT_MAX_PROBES;
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
