/** The matrix's "changes only": the cells whose outcome differs from the baseline's, by from/to/port. */
import type { MatrixEntry } from '@playground/evaluator';

export interface MatrixChange {
  from: string;
  to: string;
  port: number;
  /** null: the cell does not exist on that side (a workload or port added or removed). */
  before: MatrixEntry | null;
  after: MatrixEntry | null;
}

const keyOf = (e: MatrixEntry) => `${e.from}|${e.to}|${e.port}`;

export function matrixChanges(before: readonly MatrixEntry[], after: readonly MatrixEntry[]): MatrixChange[] {
  const was = new Map(before.map((e) => [keyOf(e), e]));
  const out: MatrixChange[] = [];
  for (const e of after) {
    const b = was.get(keyOf(e)) ?? null;
    was.delete(keyOf(e));
    if (b && b.status === e.status && b.verdict === e.verdict && b.mtls === e.mtls) continue;
    out.push({ from: e.from, to: e.to, port: e.port, before: b, after: e });
  }
  for (const b of was.values()) out.push({ from: b.from, to: b.to, port: b.port, before: b, after: null });
  return out;
}
