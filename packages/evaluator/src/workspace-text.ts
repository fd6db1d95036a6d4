import type { Diagnostic, MeshSpec, ProbesSpec, WorkspaceMetadata } from './types';

/** The parts of a workspace the app edits separately. */
export interface WorkspaceParts {
  metadata: WorkspaceMetadata;
  mesh: MeshSpec;
  /** The Istio resources, verbatim YAML (Monaco's text). */
  policies: string;
  probes: ProbesSpec;
}

export function splitWorkspace(text: string): WorkspaceParts & { diagnostics: Diagnostic[] } {
  void text;
  throw new Error('splitWorkspace: being implemented');
}

/** `policiesLine`: 1-based line of `text` where the policies section starts. */
export function serializeWorkspace(parts: WorkspaceParts): { text: string; policiesLine: number } {
  void parts;
  throw new Error('serializeWorkspace: being implemented');
}
