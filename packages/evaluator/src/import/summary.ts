/** What an import read, skipped and warns about: the summary the CLI and the app show. */

export interface ImportedObject {
  kind: string;
  namespace: string;
  name: string;
}

export interface SkippedObject {
  kind: string;
  namespace?: string;
  name?: string;
  reason: string;
}

export interface ImportSummary {
  /** What became workloads, Services, namespaces, mesh settings and Istio resources. */
  read: ImportedObject[];
  skipped: SkippedObject[];
  warnings: string[];
}

/** A skipped entry with only the fields that are known (no `namespace: ''`). */
export function skippedEntry(kind: string, namespace: string, name: string, reason: string): SkippedObject {
  const entry: SkippedObject = { kind, reason };
  if (namespace) entry.namespace = namespace;
  if (name) entry.name = name;
  return entry;
}
