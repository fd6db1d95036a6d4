/**
 * Runs ELK on the mesh: a layered drawing, callers before the workloads they call. Calls read left
 * to right; a drawing that would only fit the canvas below a readable zoom (a long chain of calls)
 * is drawn top to bottom instead when that fits better.
 */
import type { ELK } from 'elkjs/lib/elk-api';
import { toBands, toColumns } from './bands';
import { positionsOf, toElk } from './elkGraph';
import type { LayoutInput, LayoutResult } from './types';
import { callFreeLayout, isCallFree, isOverview, overviewLayout } from './overview';

/** The zoom at which `result` fits the viewport. */
export function fitZoom(result: LayoutResult, viewport: { width: number; height: number }): number {
  const { width, height } = result.bounds;
  return Math.min(viewport.width / Math.max(width, 1), viewport.height / Math.max(height, 1));
}

/** Deterministic: ELK runs with a fixed random seed and the banding is a pure function. */
export async function layoutMesh(input: LayoutInput, elk: ELK | (() => Promise<ELK>)): Promise<LayoutResult> {
  // Every namespace collapsed: a grid that fits the canvas (layout/overview.ts). No ELK needed.
  const grid = gridLayout(input);
  if (grid) return grid;
  return layeredLayout(input, typeof elk === 'function' ? await elk() : elk);
}

/** The layouts that need no ELK: the all-collapsed overview, one namespace without calls. */
export function gridLayout(input: LayoutInput): LayoutResult | null {
  if (isOverview(input)) return overviewLayout(input);
  if (isCallFree(input)) return callFreeLayout(input);
  return null;
}

async function layeredLayout(input: LayoutInput, elk: ELK): Promise<LayoutResult> {
  const leftToRight = toBands(input, positionsOf(await elk.layout(toElk(input, 'LR'))));
  const viewport = input.viewport;
  if (!viewport || fitZoom(leftToRight, viewport) >= viewport.readableZoom) return leftToRight;
  const topToBottom = toColumns(input, positionsOf(await elk.layout(toElk(input, 'TB'))));
  // Top to bottom only when it is clearly better: left to right reads more naturally.
  return fitZoom(topToBottom, viewport) > fitZoom(leftToRight, viewport) * 1.15 ? topToBottom : leftToRight;
}
