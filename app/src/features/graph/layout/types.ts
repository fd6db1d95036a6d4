/**
 * The contract between the canvas and the automatic layout. Sizes are the rendered sizes of the
 * React Flow nodes and edge labels; the result is in React Flow's coordinates.
 */
export interface LayoutWorkload {
  /** 'ns/name' */
  key: string;
  width: number;
  height: number;
  role: 'workload' | 'gateway';
}

export interface LayoutNamespace {
  name: string;
  workloads: LayoutWorkload[];
  /** The box is at least this wide (room for its title). */
  minWidth?: number;
}

export interface LayoutEdge {
  id: string;
  /** Workload keys or the external id. */
  source: string;
  target: string;
  label: { width: number; height: number };
}

export interface LayoutInput {
  namespaces: LayoutNamespace[];
  /** Clients outside the mesh (no namespace), e.g. '@external'. */
  external: { id: string; width: number; height: number }[];
  edges: LayoutEdge[];
  /** Room kept at the top of each namespace box for its title. */
  namespaceHeader: number;
  /**
   * The canvas the drawing will be fitted into (CSS px) and the smallest zoom at which its text
   * stays readable. Calls read left to right; when that drawing would be fitted below `readableZoom`
   * and a top-to-bottom one fits better, the top-to-bottom one is used.
   */
  viewport?: { width: number; height: number; readableZoom: number };
}

/** Which way calls run: left to right (callers in columns), or top to bottom (callers in rows). */
export type Orientation = 'LR' | 'TB';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutResult {
  /** Namespace boxes, absolute. */
  namespaces: Record<string, Box>;
  /**
   * Workloads: position relative to their namespace box's top-left (React Flow parentId
   * convention). External clients: absolute.
   */
  nodes: Record<string, { x: number; y: number }>;
  /** Bounding box of everything. */
  bounds: Box;
  orientation: Orientation;
}
