/**
 * Reading Kubernetes objects from what `kubectl get -o yaml|json` prints or what people
 * `kubectl apply`: multi-document YAML (JSON is YAML), `kind: List` with `items`, several files.
 * Every object becomes a `KubeObject` with its identity read field by field; the raw value is kept
 * only for the Istio resources that are copied into the workspace.
 */
import { parseAllDocuments } from 'yaml';
import { MAX_ALIAS_COUNT, MAX_NESTING } from '../limits';
import { tooDeepAt } from '../nesting';
import { isRecord } from '../guards';
import { type Dict } from '../read';

/** One input file: a name for messages and its text. */
export interface ImportFile {
  name: string;
  text: string;
}

/** A file that does not parse: where and why. Line and column are 1-based. */
export interface ImportDiagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface OwnerRef {
  kind: string;
  name: string;
  controller: boolean;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** `metadata.namespace`; '' for an object that names none. */
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  owners: OwnerRef[];
  raw: Dict;
  file: string;
}

/** A map of strings read from a value (non-string values are written as YAML would print them). */
export function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  // fromEntries defines own properties, so a key like `__proto__` stays a plain entry.
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]): [string, string][] =>
      typeof v === 'string'
        ? [[k, v]]
        : typeof v === 'number' || typeof v === 'boolean'
          ? [[k, String(v)]]
          : [],
    ),
  );
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function dict(value: unknown): Dict | undefined {
  return isRecord(value) ? value : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function owners(meta: Dict): OwnerRef[] {
  return list(meta.ownerReferences).flatMap((o) => {
    if (!isRecord(o)) return [];
    const kind = str(o.kind);
    const name = str(o.name);
    return kind && name ? [{ kind, name, controller: o.controller === true }] : [];
  });
}

function toObject(value: Dict, file: string): KubeObject | null {
  const kind = str(value.kind);
  const apiVersion = str(value.apiVersion) ?? '';
  const meta = dict(value.metadata) ?? {};
  if (!kind) return null;
  return {
    apiVersion,
    kind,
    name: str(meta.name) ?? '',
    namespace: str(meta.namespace) ?? '',
    labels: stringMap(meta.labels),
    annotations: stringMap(meta.annotations),
    owners: owners(meta),
    raw: value,
    file,
  };
}

/** The yaml library's message without its code frame and its own "at line L, column C". */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Where a 0-based offset falls: 1-based line and column. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

export interface ReadObjects {
  objects: KubeObject[];
  diagnostics: ImportDiagnostic[];
  /** Documents that are not Kubernetes objects (no `kind`), per file. */
  notObjects: { file: string; document: number }[];
}

/** Every object of every file, `List` items flattened (nested Lists too), in input order. */
export function readObjects(files: readonly ImportFile[]): ReadObjects {
  const objects: KubeObject[] = [];
  const diagnostics: ImportDiagnostic[] = [];
  const notObjects: { file: string; document: number }[] = [];
  for (const file of files) {
    const deep = tooDeepAt(file.text);
    if (deep !== -1) {
      diagnostics.push({
        file: file.name,
        ...position(file.text, deep),
        message: `brackets nest deeper than ${MAX_NESTING} levels`,
      });
      continue;
    }
    const docs = parseAllDocuments(file.text, { uniqueKeys: false });
    const all = Array.isArray(docs) ? docs : [];
    let broken = false;
    for (const doc of all) {
      for (const error of doc.errors) {
        broken = true;
        diagnostics.push({
          file: file.name,
          ...position(file.text, error.pos[0]),
          message: firstLine(error.message),
        });
      }
    }
    if (broken) continue;
    all.forEach((doc, index) => {
      if (doc.contents === null) return;
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (error) {
        diagnostics.push({
          file: file.name,
          ...position(file.text, doc.range[0]),
          message: error instanceof Error ? error.message : String(error),
        });
        return;
      }
      const pending: unknown[] = [value];
      while (pending.length) {
        const item = pending.shift();
        if (!isRecord(item)) {
          if (item !== null && item !== undefined) notObjects.push({ file: file.name, document: index });
          continue;
        }
        if (typeof item.kind === 'string' && item.kind.endsWith('List') && Array.isArray(item.items)) {
          pending.unshift(...item.items);
          continue;
        }
        const object = toObject(item, file.name);
        if (object) objects.push(object);
        else notObjects.push({ file: file.name, document: index });
      }
    });
  }
  return { objects, diagnostics, notObjects };
}
