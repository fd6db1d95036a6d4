/** Canvas and inspector edits of the mesh and probes, each one undoable. */
import { useMemo } from 'react';
import type { MeshSpec, ProbesSpec, WorkloadSpec } from '@playground/evaluator';
import { usePlaygroundStore } from '../../store';
import { renameWorkload, workloadKey } from '../../state/meshEdits';
import { EXTERNAL_ID, namespacesOf } from './model';
import type { PlaygroundNode } from './model';

function uniqueName(base: string, taken: string[]): string {
  if (!taken.includes(base)) return base;
  let i = 2;
  while (taken.includes(`${base}-${i}`)) i++;
  return `${base}-${i}`;
}

const withoutProbesOf = (probes: ProbesSpec, gone: (key: string) => boolean): ProbesSpec => ({
  ...probes,
  probes: (probes.probes ?? []).filter((p) => !gone(p.from) && !gone(p.to)),
});

export function useMeshActions() {
  const store = usePlaygroundStore();
  return useMemo(() => {
    const state = () => store.getState();
    const api = {
      addNamespace(): string {
        const name = uniqueName('new-namespace', namespacesOf(state().workspace.mesh));
        state().editMesh((mesh) => ({ ...mesh, namespaces: [...(mesh.namespaces ?? []), { name }] }));
        state().select({ kind: 'namespace', name });
        return name;
      },
      addWorkload(namespace: string): string {
        const taken = (state().workspace.mesh.workloads ?? [])
          .filter((w) => w.namespace === namespace)
          .map((w) => w.name);
        const name = uniqueName('workload', taken);
        const workload: WorkloadSpec = {
          name,
          namespace,
          labels: { app: name },
          serviceAccount: 'default',
          ports: [{ name: 'http', port: 80, targetPort: 80 }],
        };
        state().editMesh((mesh) => ({
          ...mesh,
          namespaces: namespacesOf(mesh).includes(namespace)
            ? mesh.namespaces
            : [...(mesh.namespaces ?? []), { name: namespace }],
          workloads: [...(mesh.workloads ?? []), workload],
        }));
        state().select({ kind: 'workload', key: `${namespace}/${name}` });
        return name;
      },
      updateWorkload(key: string, update: (w: WorkloadSpec) => WorkloadSpec) {
        state().editMesh((mesh) => ({
          ...mesh,
          workloads: (mesh.workloads ?? []).map((w) => (workloadKey(w) === key ? update(w) : w)),
        }));
      },
      renameWorkload(key: string, name: string) {
        const [namespace] = key.split('/');
        if (!name || namespace === undefined) return;
        const { mesh, probes } = renameWorkload(state().workspace.mesh, state().workspace.probes, key, {
          name,
          namespace,
        });
        state().editMesh(
          () => mesh,
          () => probes,
        );
        state().select({ kind: 'workload', key: `${namespace}/${name}` });
      },
      renameNamespace(from: string, to: string) {
        if (!to || from === to) return;
        let mesh: MeshSpec = state().workspace.mesh;
        let probes: ProbesSpec = state().workspace.probes;
        for (const w of (mesh.workloads ?? []).filter((x) => x.namespace === from)) {
          ({ mesh, probes } = renameWorkload(mesh, probes, workloadKey(w), { name: w.name, namespace: to }));
        }
        const layout = { ...mesh.layout };
        if (layout[from]) {
          layout[to] = layout[from];
          delete layout[from];
        }
        const namespaces = (mesh.namespaces ?? []).map((n) => (n.name === from ? { ...n, name: to } : n));
        state().editMesh(
          () => ({ ...mesh, namespaces, layout }),
          () => probes,
        );
        state().select({ kind: 'namespace', name: to });
      },
      deleteWorkloads(keys: string[]) {
        const gone = (k: string) => keys.includes(k);
        state().editMesh(
          (mesh) => ({ ...mesh, workloads: (mesh.workloads ?? []).filter((w) => !gone(workloadKey(w))) }),
          (probes) => withoutProbesOf(probes, gone),
        );
        state().select(null);
      },
      deleteNamespaces(names: string[]) {
        const gone = (k: string) => names.includes(k.split('/')[0] ?? '');
        state().editMesh(
          (mesh) => ({
            ...mesh,
            namespaces: (mesh.namespaces ?? []).filter((n) => !names.includes(n.name)),
            workloads: (mesh.workloads ?? []).filter((w) => !names.includes(w.namespace)),
          }),
          (probes) => withoutProbesOf(probes, gone),
        );
        state().select(null);
      },
      deleteNodes(nodes: PlaygroundNode[]) {
        const namespaces = nodes.filter((n) => n.type === 'namespace').map((n) => n.id.slice(3));
        const workloads = nodes
          .filter((n) => n.type === 'workload' && !namespaces.includes(n.id.split('/')[0] ?? ''))
          .map((n) => n.id);
        if (namespaces.length) api.deleteNamespaces(namespaces);
        if (workloads.length) api.deleteWorkloads(workloads);
      },
      deleteProbes(indexes: number[]) {
        state().editProbes((probes) => ({
          ...probes,
          probes: (probes.probes ?? []).filter((_, i) => !indexes.includes(i)),
        }));
        state().select(null);
      },
      addProbe(from: string, to: string) {
        if (to === EXTERNAL_ID || from === to) return;
        const target = (state().workspace.mesh.workloads ?? []).find((w) => workloadKey(w) === to);
        const port = target?.ports?.[0]?.port ?? 80;
        const index = state().workspace.probes.probes?.length ?? 0;
        state().editProbes((probes) => ({
          ...probes,
          probes: [...(probes.probes ?? []), { from, to, port, request: { path: '/' } }],
        }));
        state().select({ kind: 'probe', index });
      },
    };
    return api;
  }, [store]);
}
