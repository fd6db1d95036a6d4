/**
 * Splitting a workspace into the parts the app edits separately (Mesh spec, Istio resources text,
 * Probes spec) and putting it back together. The resources text is kept byte for byte: only the
 * playground's own documents are re-serialised.
 */
import { stringify } from 'yaml';
import { parseWorkspaceText } from './parse';
import type { Diagnostic, MeshSpec, ProbesSpec, WorkspaceMetadata } from './types';
import { PLAYGROUND_API_VERSION, readWorkspace } from './workspace';

/** The parts of a workspace the app edits separately. */
export interface WorkspaceParts {
  metadata: WorkspaceMetadata;
  mesh: MeshSpec;
  /** The Istio resources, verbatim YAML (Monaco's text). */
  policies: string;
  probes: ProbesSpec;
}

const DOCUMENT_MARKER = /^---(?:[ \t].*)?$/;

/** Removes the playground documents' text, keeping every other document's text as written. */
function resourcesText(text: string, drop: { offset: number; length: number }[]): string {
  let out = '';
  let cursor = 0;
  for (const range of [...drop].sort((a, b) => a.offset - b.offset)) {
    out += text.slice(cursor, range.offset);
    cursor = range.offset + range.length;
  }
  out += text.slice(cursor);
  // Collapse the separators left behind by removed documents.
  const lines = out.split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const isMarker = DOCUMENT_MARKER.test(line);
    const last = [...kept].reverse().find((l) => l.trim() !== '');
    if (isMarker && (last === undefined || DOCUMENT_MARKER.test(last))) continue;
    kept.push(line);
  }
  while (kept.length && (kept[kept.length - 1]?.trim() === '' || DOCUMENT_MARKER.test(kept[kept.length - 1] ?? ''))) kept.pop();
  while (kept.length && kept[0]?.trim() === '') kept.shift();
  return kept.length ? `${kept.join('\n')}\n` : '';
}

export function splitWorkspace(text: string): WorkspaceParts & { diagnostics: Diagnostic[] } {
  const parsed = parseWorkspaceText(text);
  const workspace = readWorkspace(parsed.documents);
  const drop = [workspace.meshDocument, workspace.probesDocument].flatMap((d) => {
    if (!d) return [];
    // Whole document text including its `---` line.
    const start = text.lastIndexOf('\n', d.range.offset - 1) + 1;
    const markerStart = /^---/.test(text.slice(start)) ? start : d.range.offset;
    return [{ offset: markerStart, length: d.range.offset + d.range.length - markerStart }];
  });
  return {
    metadata: workspace.metadata,
    mesh: workspace.mesh,
    policies: resourcesText(text, drop),
    probes: workspace.probes,
    diagnostics: [...parsed.diagnostics, ...workspace.diagnostics],
  };
}

function document(kind: 'Mesh' | 'Probes', metadata: WorkspaceMetadata | null, spec: object): string {
  const doc: Record<string, unknown> = { apiVersion: PLAYGROUND_API_VERSION, kind };
  if (metadata && Object.keys(metadata).length) doc.metadata = metadata;
  doc.spec = spec;
  return stringify(doc, { lineWidth: 0 });
}

/** `policiesLine`: 1-based line of `text` where the policies section starts. */
export function serializeWorkspace(parts: WorkspaceParts): { text: string; policiesLine: number } {
  const mesh = document('Mesh', parts.metadata, parts.mesh);
  const policies = parts.policies.replace(/^\s*---[ \t]*\n/, '').replace(/\s*$/, '');
  const probes = document('Probes', null, parts.probes);
  const head = `${mesh}---\n`;
  const policiesLine = head.split('\n').length;
  const text = policies ? `${head}${policies}\n---\n${probes}` : `${head}${probes}`;
  return { text, policiesLine };
}
