/** Node ids shared by the nodes and the edges of the canvas. */
import type { WorkloadSpec } from '@playground/evaluator';

/** The node of the client outside the mesh. */
export const EXTERNAL_ID = '@external';

/** A workload's node id: `namespace/name`. */
export const keyOf = (w: Pick<WorkloadSpec, 'namespace' | 'name'>): string => `${w.namespace}/${w.name}`;
