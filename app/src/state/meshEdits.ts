/** Pure edits of the mesh and probes that several features share (renames keep probes and layout in step). */
import type { MeshSpec, ProbeSpec, ProbesSpec, WorkloadSpec } from '@playground/evaluator';

export const workloadKey = (w: Pick<WorkloadSpec, 'name' | 'namespace'>): string =>
  `${w.namespace}/${w.name}`;

/** Renames a workload everywhere it is named: the mesh, the layout and every probe. */
export function renameWorkload(
  mesh: MeshSpec,
  probes: ProbesSpec,
  from: string,
  to: { name: string; namespace: string },
) {
  const next = `${to.namespace}/${to.name}`;
  const workloads = (mesh.workloads ?? []).map((w) =>
    workloadKey(w) === from ? { ...w, name: to.name, namespace: to.namespace } : w,
  );
  const layout = { ...mesh.layout };
  if (layout[from]) {
    layout[next] = layout[from];
    delete layout[from];
  }
  const rename = (p: ProbeSpec): ProbeSpec => ({
    ...p,
    from: p.from === from ? next : p.from,
    to: p.to === from ? next : p.to,
  });
  return {
    mesh: { ...mesh, workloads, layout },
    probes: { ...probes, probes: (probes.probes ?? []).map(rename) },
  };
}
