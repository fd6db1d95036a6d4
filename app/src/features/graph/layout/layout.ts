/** Runs ELK on the mesh: a layered drawing, callers left of the workloads they call. */
import type { ELK } from 'elkjs/lib/elk-api';
import { toBands } from './bands';
import { positionsOf, toElk } from './elkGraph';
import type { LayoutInput, LayoutResult } from './types';

/** Deterministic: ELK runs with a fixed random seed and the banding is a pure function. */
export async function layoutMesh(input: LayoutInput, elk: ELK): Promise<LayoutResult> {
  return toBands(input, positionsOf(await elk.layout(toElk(input))));
}
