import type { MeshModel, MeshWorkload } from '../mesh';
import { resolveServiceHost } from '../mesh';

/** The workload behind a route destination's Service host (a short name is in `namespace`), or null. */
export function lookupService(mesh: MeshModel, host: string, namespace: string): MeshWorkload | null {
  const resolved = resolveServiceHost(mesh, host, namespace);
  if (!resolved) return null;
  return mesh.services.get(`${resolved.service}.${resolved.namespace}`)?.[0] ?? null;
}
