/**
 * Kubernetes Services attached to workloads, as the Mesh format models them: each workload names
 * one Service (`service`) and carries its ports, with `targetPort` resolved to a number (a
 * container port's name is looked up in that workload's containers). Several workloads may share a
 * Service (reviews v1/v2/v3); a workload selected by several Services keeps one, and the others
 * are reported.
 */
import type { ServicePortSpec } from '../types';
import { type KubeObject, dict, list, str, stringMap } from './kube';
import { type SkippedObject, skippedEntry } from './summary';
import { type FoundWorkload, namespaceOf } from './workloads';

interface KubeServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface KubeService {
  object: KubeObject;
  name: string;
  namespace: string;
  selector: Record<string, string>;
  ports: KubeServicePort[];
}

const isPort = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;

function readPort(value: unknown): KubeServicePort | null {
  const p = dict(value);
  if (!p || !isPort(p.port)) return null;
  const out: KubeServicePort = { port: p.port };
  const name = str(p.name);
  const protocol = str(p.protocol);
  const appProtocol = str(p.appProtocol);
  if (name) out.name = name;
  if (isPort(p.targetPort)) out.targetPort = p.targetPort;
  else if (typeof p.targetPort === 'string' && p.targetPort !== '')
    out.targetPort = /^\d+$/.test(p.targetPort) ? Number(p.targetPort) : p.targetPort;
  if (protocol) out.protocol = protocol;
  if (appProtocol) out.appProtocol = appProtocol;
  return out;
}

/** The Services of the input that select pods; the others are skipped with why. */
export function readServices(objects: readonly KubeObject[]): {
  services: KubeService[];
  skipped: SkippedObject[];
} {
  const services: KubeService[] = [];
  const skipped: SkippedObject[] = [];
  for (const object of objects) {
    if (object.kind !== 'Service' || object.apiVersion !== 'v1') continue;
    const spec = dict(object.raw.spec) ?? {};
    const namespace = namespaceOf(object);
    const selector = stringMap(spec.selector);
    if (spec.type === 'ExternalName') {
      skipped.push(
        skippedEntry('Service', namespace, object.name, 'ExternalName Services are not simulated'),
      );
      continue;
    }
    if (Object.keys(selector).length === 0) {
      skipped.push(
        skippedEntry('Service', namespace, object.name, 'no selector: its endpoints are not modelled'),
      );
      continue;
    }
    const ports = list(spec.ports).flatMap((p) => readPort(p) ?? []);
    services.push({ object, name: object.name, namespace, selector, ports });
  }
  return { services, skipped };
}

const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(
    ([k, v]) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === v,
  );

export interface AttachedService {
  service: KubeService;
  ports: ServicePortSpec[];
}

/** A Service's ports for one workload: named target ports resolved through its containers. */
function portsFor(service: KubeService, workload: FoundWorkload, warnings: string[]): ServicePortSpec[] {
  const all = [...workload.containerPorts, ...workload.proxyPorts];
  return service.ports.flatMap((p) => {
    let targetPort: number;
    if (p.targetPort === undefined) targetPort = p.port;
    else if (typeof p.targetPort === 'number') targetPort = p.targetPort;
    else {
      const named = all.find((c) => c.name === p.targetPort);
      if (!named) {
        warnings.push(
          `Service ${service.namespace}/${service.name} port ${p.port}: no container of ${workload.kind} ${workload.name} has a port named "${p.targetPort}"; the port is left out`,
        );
        return [];
      }
      targetPort = named.port;
    }
    const spec: ServicePortSpec = { ...(p.name ? { name: p.name } : {}), port: p.port, targetPort };
    // TCP is Kubernetes' default transport and says nothing to Istio; UDP/SCTP are kept.
    if (p.protocol && p.protocol !== 'TCP') spec.protocol = p.protocol;
    if (p.appProtocol) spec.appProtocol = p.appProtocol;
    return [spec];
  });
}

/**
 * Which Service each workload gets. When several select it: the one named like the workload, else
 * the one with the most ports, else the first by name; the others are reported for it.
 */
export function attachServices(
  workloads: readonly FoundWorkload[],
  services: readonly KubeService[],
): { attached: Map<FoundWorkload, AttachedService>; skipped: SkippedObject[]; warnings: string[] } {
  const attached = new Map<FoundWorkload, AttachedService>();
  const warnings: string[] = [];
  const used = new Set<KubeService>();
  const matched = new Set<KubeService>();
  for (const workload of workloads) {
    const candidates = services.filter(
      (s) => s.namespace === workload.namespace && selects(s.selector, workload.labels),
    );
    for (const c of candidates) matched.add(c);
    if (candidates.length === 0) continue;
    const chosen =
      candidates.find((s) => s.name === workload.name) ??
      [...candidates].sort((a, b) => b.ports.length - a.ports.length || a.name.localeCompare(b.name))[0];
    if (!chosen) continue;
    used.add(chosen);
    attached.set(workload, { service: chosen, ports: portsFor(chosen, workload, warnings) });
    const others = candidates.filter((s) => s !== chosen).map((s) => s.name);
    if (others.length)
      warnings.push(
        `${workload.kind} ${workload.namespace}/${workload.name} is selected by Services ${[chosen.name, ...others].join(', ')}; a workload has one Service in the Mesh format: kept ${chosen.name}`,
      );
  }
  const skipped: SkippedObject[] = [];
  for (const s of services) {
    if (used.has(s)) continue;
    skipped.push(
      skippedEntry(
        'Service',
        s.namespace,
        s.name,
        matched.has(s)
          ? 'ambiguous: every workload it selects already has another Service'
          : 'selects no workload of the input',
      ),
    );
  }
  return { attached, skipped, warnings };
}
