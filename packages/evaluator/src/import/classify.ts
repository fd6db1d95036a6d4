/**
 * Sorting the objects that are not workloads or Services: Namespaces (whose labels decide
 * injection; ambient ones are skipped), the istio ConfigMap's mesh settings, the Istio and Gateway
 * API resources that are kept, and everything else, reported as skipped. Secrets and other
 * ConfigMaps are counted and reported, never kept.
 */
import type { MeshSpec } from '../types';
import type { KubeObject } from './kube';
import { isMeshConfigMap, readMeshConfig } from './mesh-config';
import { isIstioResource } from './resources';
import { type ImportSummary, skippedEntry } from './summary';
import { WORKLOAD_KINDS, namespaceOf } from './workloads';

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

export const AMBIENT = 'istio.io/dataplane-mode';

function isNamespace(o: KubeObject): boolean {
  return o.kind === 'Namespace' && o.apiVersion === 'v1';
}

/** Namespace objects: their labels by name, and the ambient-mode ones (skipped). */
export function readNamespaces(
  objects: readonly KubeObject[],
  summary: ImportSummary,
): { namespaceLabels: Map<string, Record<string, string>>; ambient: Set<string> } {
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
    summary.read.push({ kind: 'Namespace', namespace: '', name: o.name });
  }

  return { namespaceLabels, ambient };
}

/** Mesh settings and Istio resources; every other object is reported as skipped. */
export function readOtherObjects(
  objects: readonly KubeObject[],
  ambient: ReadonlySet<string>,
  summary: ImportSummary,
): { resources: KubeObject[]; mesh: MeshSpec } {
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
      summary.read.push({ kind: 'ConfigMap', namespace, name: o.name });
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
      if (ambient.has(namespaceOf(o))) {
        summary.skipped.push(
          skippedEntry(o.kind, namespace, o.name, 'in an ambient-mode namespace (not simulated)'),
        );
        continue;
      }
      resources.push(o);
      summary.read.push({
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

  return { resources, mesh };
}
