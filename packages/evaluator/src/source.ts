import type { WorkspaceSource } from './types';

/**
 * `{ source }` to spread into a diagnostic or summary, or nothing: results of a whole-text
 * evaluation carry no `source` key at all, so they stay exactly what they were.
 */
export function sourceField(source: WorkspaceSource | undefined): { source?: WorkspaceSource } {
  return source === undefined ? {} : { source };
}
