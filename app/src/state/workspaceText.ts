/**
 * Workspace text ⇄ validated parts, for autosave, import and share links. The evaluator's readers
 * rebuild every field of the Mesh and Probes documents from the text (only declared fields of the
 * declared types, user keys in null-prototype maps; docs/workspace-format.md "Documents"), so
 * their parts go into the state as they are.
 */
import { splitWorkspace, WORKSPACE_SIZE_LIMIT } from '@playground/evaluator';
import type { WorkspaceParts } from '@playground/evaluator';

export type PartsResult = { ok: true; parts: WorkspaceParts } | { ok: false; message: string };

/** Reads a workspace file: it must be within the size limit and contain a playground Mesh document. */
export function readWorkspaceText(text: string): PartsResult {
  if (text.length > WORKSPACE_SIZE_LIMIT)
    return {
      ok: false,
      message: `the workspace is larger than ${Math.round(WORKSPACE_SIZE_LIMIT / 1024 / 1024)} MB`,
    };
  const split = splitWorkspace(text);
  const fatal = split.diagnostics.find(
    (d) => d.severity === 'error' && d.code.startsWith('workspace.too-large'),
  );
  if (fatal) return { ok: false, message: fatal.message };
  if (!/^kind:\s*Mesh\s*$/m.test(text))
    return { ok: false, message: 'this is not a playground workspace: it has no "kind: Mesh" document' };
  // A Mesh document that did not parse stays in the policies: refuse rather than show its text in
  // the policy editor with an empty canvas.
  if (/^kind:\s*Mesh\s*$/m.test(split.policies)) {
    const syntax = split.diagnostics.find((d) => d.severity === 'error' && d.code.startsWith('yaml.'));
    return {
      ok: false,
      message: `its Mesh document could not be read${syntax ? ` (${syntax.message.split('\n')[0]})` : ''}`,
    };
  }
  const { metadata, mesh, policies, probes } = split;
  return { ok: true, parts: { metadata, mesh, policies, probes } };
}
