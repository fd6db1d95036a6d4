/**
 * Test helper: builds `ParsedDocument`s from YAML text with the `yaml` library, so the resource
 * readers can be tested without the real parse.ts. Only for tests.
 */
import { LineCounter, isMap, isNode, isScalar, parseAllDocuments, type Document } from 'yaml';
import type { NodePath, ParsedDocument } from '../document';
import type { Diagnostic, SourceRange } from '../types';
import { readResources } from './index';

function toRange(lc: LineCounter, start: number, end: number): SourceRange {
  const s = lc.linePos(start);
  const e = lc.linePos(end);
  return {
    start: { line: s.line, column: s.col },
    end: { line: e.line, column: e.col },
    offset: start,
    length: end - start,
  };
}

function nodeRange(doc: Document.Parsed, path: NodePath): [number, number] | null {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return [node.range[0], node.range[1]];
  }
  return null;
}

function keyRange(doc: Document.Parsed, path: NodePath): [number, number] | null {
  const parent = path.length <= 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (!isMap(parent)) return null;
  for (const pair of parent.items) {
    const key = pair.key;
    const keyValue = isScalar(key) ? key.value : key;
    if (String(keyValue) === String(last) && isNode(key) && key.range) return [key.range[0], key.range[1]];
  }
  return null;
}

/** One ParsedDocument per YAML document of `text`; `kind: List` items are expanded. */
export function parseDocs(text: string): ParsedDocument[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc });
  if (!Array.isArray(docs)) return [];
  const out: ParsedDocument[] = [];
  docs.forEach((doc, index) => {
    const value: unknown = doc.toJS();
    const whole: [number, number] = doc.range ? [doc.range[0], doc.range[1]] : [0, 0];
    const make = (base: NodePath, item: unknown): ParsedDocument => {
      const rec = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
      const str = (k: string): string | null => (typeof rec[k] === 'string' ? (rec[k] as string) : null);
      const rangeOf = (path: NodePath): SourceRange => {
        const r = nodeRange(doc, path) ?? whole;
        return toRange(lc, r[0], r[1]);
      };
      return {
        index,
        value: item,
        apiVersion: str('apiVersion'),
        kind: str('kind'),
        range: toRange(lc, whole[0], whole[1]),
        rangeOf,
        keyRangeOf: (path) => {
          const r = keyRange(doc, path);
          return r ? toRange(lc, r[0], r[1]) : rangeOf(path);
        },
        basePath: base,
      };
    };
    const rec = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    if (rec['kind'] === 'List' && Array.isArray(rec['items'])) {
      rec['items'].forEach((item: unknown, i: number) => out.push(make(['items', i], item)));
    } else {
      out.push(make([], value));
    }
  });
  return out;
}

/** The single document of `text`. */
export function parseDoc(text: string): ParsedDocument {
  const docs = parseDocs(text);
  const first = docs[0];
  if (first === undefined) throw new Error('no YAML document in test input');
  return first;
}

/** Reads `text` (any number of documents) as the evaluator would, with root namespace istio-system. */
export function readYaml(text: string, rootNamespace = 'istio-system'): ReturnType<typeof readResources> {
  return readResources(parseDocs(text), { rootNamespace });
}

/** The diagnostics with `code`. */
export function withCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** The one diagnostic with `code`; fails the test (throws) when there is not exactly one. */
export function oneWithCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic {
  const found = withCode(diagnostics, code);
  if (found.length !== 1) {
    const seen = diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n');
    throw new Error(`expected one ${code}, found ${found.length}. Diagnostics:\n${seen}`);
  }
  return found[0] as Diagnostic;
}

/** 1-based line where `d` starts. */
export function lineOf(d: Diagnostic): number | undefined {
  return d.range?.start.line;
}

/** Strips a common leading indentation and the first newline, so test YAML can be indented. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indent = Math.min(
    ...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length),
  );
  return lines.map((l) => l.slice(indent)).join('\n');
}
