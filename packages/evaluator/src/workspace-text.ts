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

/** A `---` line; `\r?` because CRLF lines keep their `\r` after splitting at `\n`. */
const DOCUMENT_MARKER = /^---(?:[ \t].*)?\r?$/;
/** A `---` line with nothing else: only these are collapsed (`--- # note` carries the user's text). */
const BARE_MARKER = /^---[ \t]*\r?$/;

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
  // The last non-blank kept line, tracked as we go (searching back from each line is quadratic).
  let last: string | undefined;
  for (const line of lines) {
    if (BARE_MARKER.test(line) && (last === undefined || DOCUMENT_MARKER.test(last))) continue;
    kept.push(line);
    if (line.trim() !== '') last = line;
  }
  while (
    kept.length &&
    (kept[kept.length - 1]?.trim() === '' || BARE_MARKER.test(kept[kept.length - 1] ?? ''))
  )
    kept.pop();
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
    const markerStart = text.startsWith('---', start) ? start : d.range.offset;
    // Also the line break that ends the document, so no blank line is left where it was.
    let end = d.range.offset + d.range.length;
    if (text.startsWith('\r\n', end)) end += 2;
    else if (text[end] === '\n') end += 1;
    return [{ offset: markerStart, length: end - markerStart }];
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

/**
 * The Mesh and Probes texts of the parts last serialized, by object identity. Workspace parts are
 * values: an edit makes new objects and never changes one in place (the app's store and the
 * readers work so), so while the user types only the policies, an autosave or a share link does
 * not stringify 100 workloads and 300 probes again on every change.
 */
const meshTexts = new WeakMap<MeshSpec, { metadata: WorkspaceMetadata; text: string }>();
const probesTexts = new WeakMap<ProbesSpec, string>();

/** The canonical YAML of the Mesh document (no `---`): what `serializeWorkspace` writes first. */
export function meshDocumentText(metadata: WorkspaceMetadata, mesh: MeshSpec): string {
  const known = meshTexts.get(mesh);
  if (known?.metadata === metadata) return known.text;
  const text = document('Mesh', metadata, mesh);
  meshTexts.set(mesh, { metadata, text });
  return text;
}

/** The canonical YAML of the Probes document (no `---`): what `serializeWorkspace` writes last. */
export function probesDocumentText(probes: ProbesSpec): string {
  let text = probesTexts.get(probes);
  if (text === undefined) probesTexts.set(probes, (text = document('Probes', null, probes)));
  return text;
}

/**
 * `policiesLine`: the 1-based line of `text` that holds line 1 of `parts.policies`, so policies line n
 * is text line `policiesLine + n - 1`. A leading `---` the serializer drops still counts (it falls
 * on the separator line before the policies), or every editor marker would be off by one.
 */
export function serializeWorkspace(parts: WorkspaceParts): { text: string; policiesLine: number } {
  const mesh = meshDocumentText(parts.metadata, parts.mesh);
  // Drop trailing blank lines only: the last line keeps its own trailing blanks and line break
  // (CRLF or LF), so the policies text comes back byte for byte. trimEnd, not /\s*$/ (quadratic).
  const leading = /^\s*---[ \t]*\r?\n/.exec(parts.policies)?.[0] ?? '';
  const untrimmed = parts.policies.slice(leading.length);
  const content = untrimmed.trimEnd().length;
  let end = content;
  while (content > 0 && (untrimmed[end] === ' ' || untrimmed[end] === '\t')) end++;
  const policies = untrimmed.slice(0, end);
  const eol = untrimmed.startsWith('\r\n', end) ? '\r\n' : '\n';
  const probes = probesDocumentText(parts.probes);
  const head = `${mesh}---\n`;
  const policiesLine = head.split('\n').length - (leading.split('\n').length - 1);
  const text = policies ? `${head}${policies}${eol}---\n${probes}` : `${head}${probes}`;
  return { text, policiesLine };
}
