/**
 * Workloads from Kubernetes controllers and pods. A Pod or ReplicaSet whose controller is in the
 * input (a Pod of a ReplicaSet of a Deployment) is the same workload as that controller, not a
 * second one; pods whose controller is not in the input are grouped under it (a ReplicaSet's
 * `pod-template-hash` suffix names its Deployment), so a dump of pods alone still gives one
 * workload per Deployment.
 */
import type { Dict } from '../read';
import { type KubeObject, dict, list, str, stringMap } from './kube';

/** Kinds whose pod template makes a workload, and where the template is. */
const TEMPLATE_PATH: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};

export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(Object.keys(TEMPLATE_PATH));

export interface ContainerPort {
  name?: string;
  port: number;
}

/** A workload found in the input, before Services and injection are applied. */
export interface FoundWorkload {
  /** The controller's kind (`Deployment`, …, `Pod`) and name: the workload's identity. */
  kind: string;
  name: string;
  namespace: string;
  /** The pod template's labels and annotations. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  serviceAccount: string;
  hostNetwork: boolean;
  /** Application containers' ports (not the proxy's). */
  containerPorts: ContainerPort[];
  /** The proxy container's own ports (a gateway's Service may target them by name). */
  proxyPorts: ContainerPort[];
  /** Any pod (or the template) already carries an injected proxy. */
  injected: boolean;
  /** Other objects folded into this workload (owned ReplicaSets, Pods, Jobs). */
  members: KubeObject[];
}

function at(value: Dict, path: readonly string[]): Dict | undefined {
  let cursor: Dict | undefined = value;
  for (const key of path) cursor = cursor ? dict(cursor[key]) : undefined;
  return cursor;
}

/** The pod template (metadata + spec) of a workload object; a Pod is its own template. */
export function podTemplate(object: KubeObject): { metadata: Dict; spec: Dict } | null {
  const path = TEMPLATE_PATH[object.kind];
  if (!path) return null;
  const template = at(object.raw, path);
  if (!template) return null;
  return { metadata: dict(template.metadata) ?? {}, spec: dict(template.spec) ?? {} };
}

function ports(container: Dict): ContainerPort[] {
  return list(container.ports).flatMap((p) => {
    const d = dict(p);
    const port = d?.containerPort;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return [];
    const name = str(d?.name);
    return [name ? { name, port } : { port }];
  });
}

/** Whether a pod spec (or its metadata) shows Istio's injector already ran. */
export function alreadyInjected(metadata: Dict, spec: Dict): boolean {
  const names = (key: string) => list(spec[key]).map((c) => str(dict(c)?.name));
  const annotations = dict(metadata.annotations) ?? {};
  return (
    names('containers').includes('istio-proxy') ||
    names('initContainers').includes('istio-proxy') ||
    names('initContainers').includes('istio-init') ||
    typeof annotations['sidecar.istio.io/status'] === 'string'
  );
}

function controllerOf(object: KubeObject): { kind: string; name: string } | null {
  const owner = object.owners.find((o) => o.controller) ?? object.owners[0];
  if (!owner || !WORKLOAD_KINDS.has(owner.kind)) return null;
  return { kind: owner.kind, name: owner.name };
}

const keyOf = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

/** The namespace an object lives in: `default` when it names none (as kubectl applies it). */
export const namespaceOf = (object: KubeObject): string => object.namespace || 'default';

/**
 * The root controller of a workload object: follows controller owner references through the
 * input; an owner not in the input is still the root (a ReplicaSet's hash suffix dropped).
 */
function rootOf(object: KubeObject, listed: Map<string, KubeObject>): { kind: string; name: string } {
  const seen = new Set<KubeObject>();
  let current = object;
  for (;;) {
    seen.add(current);
    const owner = controllerOf(current);
    if (!owner) return { kind: current.kind, name: current.name };
    const next = listed.get(keyOf(owner.kind, namespaceOf(current), owner.name));
    if (next && !seen.has(next)) {
      current = next;
      continue;
    }
    if (next) return { kind: current.kind, name: current.name };
    // Not in the input: a ReplicaSet named <deployment>-<pod-template-hash> belongs to a Deployment.
    const hash = current.labels['pod-template-hash'];
    if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`))
      return { kind: 'Deployment', name: owner.name.slice(0, -hash.length - 1) };
    return owner;
  }
}

/** Groups every workload object of the input into workloads, in input order of their roots. */
export function findWorkloads(objects: readonly KubeObject[]): FoundWorkload[] {
  const candidates = objects.filter((o) => WORKLOAD_KINDS.has(o.kind) && o.name && podTemplate(o));
  const listed = new Map(candidates.map((o) => [keyOf(o.kind, namespaceOf(o), o.name), o]));
  const groups = new Map<
    string,
    { root: { kind: string; name: string }; namespace: string; members: KubeObject[] }
  >();
  for (const object of candidates) {
    const namespace = namespaceOf(object);
    const root = rootOf(object, listed);
    const key = keyOf(root.kind, namespace, root.name);
    const group = groups.get(key);
    if (group) group.members.push(object);
    else groups.set(key, { root, namespace, members: [object] });
  }
  const found: FoundWorkload[] = [];
  for (const [key, group] of groups) {
    // The template comes from the root when it is in the input, else from the first member.
    const source = listed.get(key) ?? group.members[0];
    const template = source ? podTemplate(source) : null;
    if (!source || !template) continue;
    const { metadata, spec } = template;
    const containers = list(spec.containers).flatMap((c) => (dict(c) ? [dict(c) as Dict] : []));
    const app = containers.filter((c) => c.name !== 'istio-proxy');
    const proxy = containers.filter((c) => c.name === 'istio-proxy');
    found.push({
      kind: group.root.kind,
      name: group.root.name,
      namespace: group.namespace,
      labels: stringMap(metadata.labels),
      annotations: stringMap(metadata.annotations),
      serviceAccount: str(spec.serviceAccountName) ?? str(spec.serviceAccount) ?? 'default',
      hostNetwork: spec.hostNetwork === true,
      containerPorts: app.flatMap(ports),
      proxyPorts: proxy.flatMap(ports),
      injected: group.members.some((m) => {
        const t = podTemplate(m);
        return t ? alreadyInjected(t.metadata, t.spec) : false;
      }),
      members: group.members,
    });
  }
  return found;
}

/** A gateway's role from its pod labels: Istio's gateway charts and Gateway API deployments. */
export function gatewayRole(labels: Record<string, string>): 'ingress' | 'egress' | null {
  if (labels.istio === 'ingressgateway') return 'ingress';
  if (labels.istio === 'egressgateway') return 'egress';
  if (labels['gateway.networking.k8s.io/gateway-name'] !== undefined) return 'ingress';
  return null;
}
