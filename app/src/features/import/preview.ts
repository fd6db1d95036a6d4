/**
 * What the import dialog says about a preview before the user confirms: counts of what was read by
 * kind, each skipped object with its reason, warnings, and files that do not parse (file:line:column).
 */
import type { ImportSummary } from '@playground/evaluator';

/** A playground workspace file has a `playground/v1` Mesh document. */
export const isPlaygroundWorkspace = (text: string): boolean =>
  /^kind:\s*Mesh\s*$/m.test(text) && /^apiVersion:\s*["']?playground\//m.test(text);

/** "3 Deployment, 1 Namespace", by kind, most first (ties by name). */
export function countsByKind(items: readonly { kind: string }[]): { kind: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  return [...counts]
    .map(([kind, count]) => ({ kind, count }))
    .sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** `kind namespace/name` as kubectl names objects, with the parts that are known. */
export function objectName(o: { kind: string; namespace?: string; name?: string }): string {
  const where = [o.namespace, o.name].filter((x) => x !== undefined && x !== '').join('/');
  return where ? `${o.kind} ${where}` : o.kind;
}

/** Nothing to show on a canvas: no workload and no Istio resource was read. */
export function nothingUsable(summary: ImportSummary, workloads: number): boolean {
  return workloads === 0 && summary.read.length === 0;
}
