/**
 * The typed messages between the canvas and the layout worker. Every request carries an id; the
 * client keeps only the answer to its latest request (stale answers are dropped).
 */
import type { LayoutInput, LayoutResult } from './types';

export type LayoutRequest = { type: 'layout'; id: number; input: LayoutInput };

export type LayoutResponse =
  { type: 'layout'; id: number; result: LayoutResult } | { type: 'failure'; id: number; message: string };
