/**
 * Runs the automatic layout (ELK, in its own worker) whenever what it depends on changes: the
 * namespaces, the workloads and which pairs have probes — never on a keystroke in the policies.
 * Returns the latest placement (null until the first answer: the canvas shows a grid meanwhile).
 */
import { useEffect, useMemo, useState } from 'react';
import type { MeshSpec, ProbesSpec } from '@playground/evaluator';
import { layoutClient } from './layout/layoutClient';
import type { LayoutInput } from './layout/types';
import { drawnEnd } from './bigMesh';
import {
  COLLAPSED_HEIGHT,
  collapsedWidth,
  drawnNamespaces,
  EXTERNAL_HEIGHT,
  EXTERNAL_ID,
  EXTERNAL_WIDTH,
  layoutSignature,
  NS_HEADER,
  namespaceMinWidth,
  WORKLOAD_HEIGHT,
  workloadWidth,
} from './model';
import type { Placement } from './model';

/** The room a compact label needs (icon + status, e.g. `✕ 403`), planned between layers. */
const LABEL = { width: 100, height: 26 };

/** On-screen type must stay ≥ 11 px for 15 px labels and ≥ 12 px for 17 px names. */
export const READABLE_ZOOM = 0.75;

export function layoutInput(
  mesh: MeshSpec,
  probes: ProbesSpec,
  viewport?: LayoutInput['viewport'],
  /** Collapsed namespaces: each is laid out as one node, `ns:<name>`, and their probes aggregate. */
  collapsed: ReadonlySet<string> = new Set(),
  /** The namespace filter (bigMesh.ts): only this namespace is laid out (empty: all). */
  only = '',
): LayoutInput {
  const workloads = (mesh.workloads ?? []).filter((w) => !only || w.namespace === only);
  const keys = new Set(workloads.map((w) => `${w.namespace}/${w.name}`));
  const pairs = new Map<string, { source: string; target: string }>();
  for (const p of probes.probes ?? []) {
    const from = p.from === 'external' ? EXTERNAL_ID : p.from;
    if ((from !== EXTERNAL_ID && !keys.has(from)) || !keys.has(p.to) || from === p.to) continue;
    const source = drawnEnd(from, collapsed);
    const target = drawnEnd(p.to, collapsed);
    if (source !== target) pairs.set(`${source}->${target}`, { source, target });
  }
  return {
    namespaces: drawnNamespaces(mesh)
      .filter((name) => !only || name === only)
      .map((name) => ({
        name,
        minWidth: namespaceMinWidth(name),
        workloads: collapsed.has(name)
          ? [
              {
                key: `ns:${name}`,
                width: collapsedWidth(name),
                height: COLLAPSED_HEIGHT,
                role: 'workload' as const,
              },
            ]
          : workloads
              .filter((w) => w.namespace === name)
              .map((w) => ({
                key: `${w.namespace}/${w.name}`,
                width: workloadWidth(w.name),
                height: WORKLOAD_HEIGHT,
                role: w.gateway ? ('gateway' as const) : ('workload' as const),
              })),
      })),
    external: [{ id: EXTERNAL_ID, width: EXTERNAL_WIDTH, height: EXTERNAL_HEIGHT }],
    edges: [...pairs].map(([id, pair]) => ({ id, ...pair, label: LABEL })),
    namespaceHeader: NS_HEADER,
    ...(viewport ? { viewport } : {}),
  };
}

/**
 * `canvasSize` is read when a layout is asked for: a long chain of calls is drawn top to bottom
 * when that is what fits the canvas readably (the drawing is not redone on every resize).
 */
export function useAutoLayout(
  mesh: MeshSpec,
  probes: ProbesSpec,
  canvasSize: () => { width: number; height: number } | null,
  collapsed: ReadonlySet<string>,
  only = '',
): Placement | null {
  const signature = useMemo(
    () => `${only}|${layoutSignature(mesh, probes, collapsed)}`,
    [mesh, probes, collapsed, only],
  );
  const [placement, setPlacement] = useState<{ signature: string; placement: Placement } | null>(null);
  useEffect(() => {
    let live = true;
    // The input is rebuilt from the signature's inputs; mesh/probes objects change more often than it.
    const size = canvasSize();
    const viewport = size && size.width > 0 ? { ...size, readableZoom: READABLE_ZOOM } : undefined;
    void layoutClient()
      .layout(layoutInput(mesh, probes, viewport, collapsed, only))
      .then((result) => {
        if (live && result) setPlacement({ signature, placement: result });
      })
      .catch(() => {
        /* the grid stays; the layout worker reports nothing the user can act on */
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);
  return placement?.placement ?? null;
}
