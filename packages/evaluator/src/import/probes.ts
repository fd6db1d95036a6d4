/**
 * The probes an import adds (`probes: 'services'`): one per (client workload, Service port), the
 * clients being every workload that is not a gateway, with or without a sidecar (but not calling
 * its own Service); and one from
 * outside the mesh per port an ingress gateway exposes. Capped: the rest is counted, not kept.
 */
import type { ProbeSpec, WorkloadSpec } from '../types';
import type { Exposure } from './ingress';

export const DEFAULT_MAX_PROBES = 500;

export function serviceProbes(
  workloads: readonly WorkloadSpec[],
  exposed: readonly Exposure[],
  max: number,
): { probes: ProbeSpec[]; total: number } {
  const probes: ProbeSpec[] = [];
  let total = 0;
  const add = (probe: ProbeSpec) => {
    total++;
    if (probes.length < max) probes.push(probe);
  };
  for (const e of exposed) {
    const request = {
      ...(e.path ? { path: e.path } : {}),
      ...(e.host ? { host: e.host } : {}),
    };
    const shown = `${e.host ?? ''}${e.path ?? ''}`;
    add({
      name: `external to ${e.gateway.name}.${e.gateway.namespace}:${e.port}${shown ? ` (${shown})` : ''}`,
      from: 'external',
      to: `${e.gateway.namespace}/${e.gateway.name}`,
      port: e.port,
      ...(Object.keys(request).length ? { request } : {}),
    });
  }
  // One target per Service: its first workload (the Service routes to any of them).
  const services = new Map<string, { target: WorkloadSpec; service: string; ports: number[] }>();
  for (const w of workloads) {
    if (w.gateway || !w.ports?.length) continue;
    const service = w.service ?? w.name;
    const key = `${w.namespace}/${service}`;
    if (!services.has(key)) services.set(key, { target: w, service, ports: w.ports.map((p) => p.port) });
  }
  for (const client of workloads) {
    if (client.gateway) continue;
    for (const { target, service, ports } of services.values()) {
      // A workload calling its own Service is no question about policy between workloads, and
      // would draw a loop on every node.
      if (target === client) continue;
      for (const port of ports)
        add({
          name: `${client.name}.${client.namespace} to ${service}.${target.namespace}:${port}`,
          from: `${client.namespace}/${client.name}`,
          to: `${target.namespace}/${target.name}`,
          port,
        });
    }
  }
  return { probes, total };
}
