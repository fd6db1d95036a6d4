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
}

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
}
