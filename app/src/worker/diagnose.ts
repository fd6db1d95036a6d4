/**
 * Which document made an evaluation slow: after the watchdog stopped one, the policies are
 * bisected in a throwaway worker (each run under the same time limit). This uses only the
 * evaluator's public API and costs nothing while evaluations are fast; a worker that reported the
 * document it is in would need hooks deep in the evaluator's matching loops.
 *
 * The mesh and probes are tried alone first (a slow mesh is not a policy's fault), then halves of
 * the documents; when neither half is slow alone, the documents are slow together (a huge
 * workspace) and that is what is reported.
 */

/** A document of the policies text: its 1-based position among the non-empty documents and a name for people. */
export interface PolicyDocument {
  index: number;
  text: string;
  /** `Kind namespace/name`, or `document N of the policies` when the text does not say. */
  label: string;
}

export type SlowCulprit =
  | { kind: 'document'; document: PolicyDocument; of: number }
  | { kind: 'structure' }
  /** No document is slow alone: documents `first`–`last` (1-based) of `of` are, together. */
  | { kind: 'together'; first: number; last: number; of: number };

/** The value of `key:` in a flow mapping line (`{name: a, namespace: b}`) or a block line (`  name: a`). */
function valueOf(line: string, key: string): string | undefined {
  const at = line.search(new RegExp(`(?:^|[{,\\s])${key}:`));
  if (at < 0) return undefined;
  const rest = line.slice(line.indexOf(`${key}:`, at) + key.length + 1).trimStart();
  const value = /^["']?([^\s,"'{}#]+)/.exec(rest)?.[1];
  return value && value.length <= 253 ? value : undefined;
}

function labelOf(text: string, index: number): string {
  const lines = text.split('\n');
  const kind = lines.map((l) => /^kind:[ \t]*["']?([A-Za-z][\w.-]{0,62})/.exec(l)?.[1]).find(Boolean);
  let name: string | undefined;
  let namespace: string | undefined;
  const meta = lines.findIndex((l) => l.startsWith('metadata:'));
  if (meta >= 0) {
    const first = lines[meta] ?? '';
    if (first.includes('{')) {
      name = valueOf(first, 'name');
      namespace = valueOf(first, 'namespace');
    } else {
      // The block under `metadata:`: its first indentation level only.
      const block: string[] = [];
      for (const line of lines.slice(meta + 1)) {
        if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
        if (!/^[ \t]/.test(line)) break;
        block.push(line);
      }
      const indent = block[0]?.length ? block[0].length - block[0].trimStart().length : 0;
      const top = block.filter((l) => l.length - l.trimStart().length === indent).map((l) => l.trim());
      name = top.map((l) => (l.startsWith('name:') ? valueOf(l, 'name') : undefined)).find(Boolean);
      namespace = top
        .map((l) => (l.startsWith('namespace:') ? valueOf(l, 'namespace') : undefined))
        .find(Boolean);
    }
  }
  const position = `document ${index} of the policies`;
  if (!kind || !name) return position;
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** Splits the policies text at `---` lines; documents with nothing but blanks and comments are skipped. */
export function policyDocuments(policies: string): PolicyDocument[] {
  const docs: PolicyDocument[] = [];
  for (const text of policies.split(/^---[ \t]*(?:#[^\n]*)?$/m)) {
    const meaningful = text.split('\n').some((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    if (!meaningful) continue;
    const index = docs.length + 1;
    docs.push({ index, text, label: labelOf(text, index) });
  }
  return docs;
}

const join = (docs: PolicyDocument[]): string => docs.map((d) => d.text.replace(/^\n/, '')).join('\n---\n');

/**
 * Bisects `policies`. `finishes(policies)` evaluates the workspace with those policies (same mesh
 * and probes) and resolves false when the time limit stopped it.
 */
export async function findSlowDocument(
  policies: string,
  finishes: (policies: string) => Promise<boolean>,
): Promise<SlowCulprit> {
  const docs = policyDocuments(policies);
  if (!(await finishes(''))) return { kind: 'structure' };
  let candidates = docs;
  while (candidates.length > 1) {
    const half = candidates.slice(0, Math.ceil(candidates.length / 2));
    const rest = candidates.slice(half.length);
    if (!(await finishes(join(half)))) candidates = half;
    else if (!(await finishes(join(rest)))) candidates = rest;
    else break;
  }
  const [first] = candidates;
  const last = candidates.at(-1);
  if (candidates.length === 1 && first) return { kind: 'document', document: first, of: docs.length };
  return { kind: 'together', first: first?.index ?? 0, last: last?.index ?? 0, of: docs.length };
}

/** The notice's words for a culprit. */
export function describeCulprit(culprit: SlowCulprit): string {
  if (culprit.kind === 'structure') return 'the mesh and probes (even without any policy)';
  if (culprit.kind === 'together') {
    const n = (i: number) => i.toLocaleString('en-US');
    if (culprit.of === 0) return 'the workspace as a whole';
    const which =
      culprit.first === 1 && culprit.last === culprit.of
        ? `all ${n(culprit.of)} policy documents`
        : `policy documents ${n(culprit.first)}–${n(culprit.last)} of ${n(culprit.of)}`;
    return `${which}, together: none of them is slow on its own`;
  }
  const { document, of } = culprit;
  const position = `document ${document.index} of ${of} in the policies`;
  return document.label.startsWith('document ') ? position : `${document.label} (${position})`;
}
