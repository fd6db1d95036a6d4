/**
 * Source positions in parsed YAML (parse.ts): line starts and 1-based line/column of an offset, and
 * the YAML node (or its key) at a decoded value's path, so a diagnostic about a field points at it.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { NodePath } from './document';

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
  return starts;
}

/** 1-based line and column of an offset, by binary search over the line starts. */
export function linePos(lineStarts: number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (lineStarts[lo] ?? 0) + 1 };
}

/**
 * The child of a YAML node at one path segment. Map keys compare as strings, as the decoded value's
 * keys do (`portLevelMtls: {8080: …}` is read back as key "8080"); `doc.getIn` compares typed
 * scalars and would miss it.
 */
function childOf(node: unknown, key: string | number): unknown {
  if (isMap(node)) {
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(key)) return item.value;
    }
    return undefined;
  }
  if (isSeq(node) && /^\d+$/.test(String(key))) return node.items[Number(key)];
  return undefined;
}

const hasRange = (node: unknown): node is YamlNode =>
  !!node && typeof node === 'object' && 'range' in node && !!(node as YamlNode).range;

/** The node at `path`, or its nearest ancestor that exists. */
export function nodeAt(doc: Document.Parsed, path: NodePath): YamlNode | null {
  let node: unknown = doc.contents;
  let found = hasRange(node) ? node : null;
  for (const key of path) {
    node = childOf(node, key);
    if (node === undefined || node === null) break;
    if (hasRange(node)) found = node;
  }
  return found;
}

export function keyNodeAt(doc: Document.Parsed, path: NodePath): YamlNode | null {
  if (path.length === 0) return null;
  let parent: unknown = doc.contents;
  for (const key of path.slice(0, -1)) parent = childOf(parent, key);
  const key = path[path.length - 1];
  if (!isMap(parent) || key === undefined) return null;
  for (const item of parent.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(key)) {
      return item.key.range ? item.key : null;
    }
  }
  return null;
}
