/** Pure helpers of the exports: file names and where the image's legend goes. */

/** A file name from a workspace name (names come from user YAML): letters, digits, `.`, `_`, `-`. */
export function fileBase(name: string | undefined): string {
  const safe = (name ?? '')
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return safe || 'workspace';
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** Something the legend should not cover; `weight` says how much covering it costs (default 1). */
export type Obstacle = Box & { weight?: number };

export interface LegendPlace {
  x: number;
  y: number;
  /** The weighted area of the drawing the legend covers there (0: none). */
  cost: number;
}

/**
 * Where the legend goes in the exported image: the corner of the canvas where it covers the least
 * of the drawing (`obstacles`, weighted); ties go to the first of top-right, bottom-right, top-left,
 * bottom-left.
 */
export function legendCorner(
  canvas: { width: number; height: number },
  legend: { width: number; height: number },
  obstacles: readonly Obstacle[],
  margin = 12,
): LegendPlace {
  const right = Math.max(margin, canvas.width - legend.width - margin);
  const bottom = Math.max(margin, canvas.height - legend.height - margin);
  const corners = [
    { x: right, y: margin },
    { x: right, y: bottom },
    { x: margin, y: margin },
    { x: margin, y: bottom },
  ];
  let best: LegendPlace = { x: right, y: margin, cost: Infinity };
  for (const c of corners) {
    const box = { ...c, width: legend.width, height: legend.height };
    const cost = obstacles.reduce((sum, o) => sum + overlap(box, o) * (o.weight ?? 1), 0);
    if (cost < best.cost) best = { ...c, cost };
  }
  return best;
}
