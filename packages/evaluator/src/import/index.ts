/** Import from Kubernetes: the public part of this folder. */
export { importKubernetes, type ImportOptions, type ImportResult } from './import';
export type { ImportDiagnostic, ImportFile } from './kube';
export type { ImportSummary, ImportedObject, SkippedObject } from './summary';
