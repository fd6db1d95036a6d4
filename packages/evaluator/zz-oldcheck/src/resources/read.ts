/**
 * Defensive, typed reading of one resource's plain YAML data. Every reader of a kind goes through
 * a `Reader`: it narrows `unknown` values, reports structural problems (wrong type, unknown
 * field, missing required field) the way the API server's structural schema and kubectl's strict
 * field validation would, and records whether the resource would be refused (`rejected`).
 * Nothing here throws on any input.
 */
import type { NodePath, ParsedDocument } from '../document';
import type { Diagnostic, ResourceRef, Severity, SourceRange } from '../types';

/** A YAML mapping as plain data. */
export type Dict = Record<string, unknown>;

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property only: `__proto__`, `constructor` and friends never leak in from the prototype. */
export function own(obj: Dict, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function ownKeys(obj: Dict): string[] {
  return Object.keys(obj);
}

/** `spec.rules[0].from` for `['spec', 'rules', 0, 'from']`. */
export function formatPath(path: NodePath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Kubernetes-style name of a JSON type, for messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

export interface ReportOptions {
  /** Point at the key of `path` rather than its value. */
  key?: boolean;
}

/** Collects the diagnostics of one resource and knows where its nodes are in the source. */
export class Reader {
  readonly diagnostics: Diagnostic[] = [];
  /** true once any error was reported: a cluster would refuse the object. */
  rejected = false;
  readonly resource: ResourceRef;

  constructor(
    readonly doc: ParsedDocument,
    kind: string,
  ) {
    this.resource = { kind, name: '', namespace: 'default', document: doc.index };
  }

  /** `AuthorizationPolicy foo/deny-all`, the prefix of every message. */
  get label(): string {
    const name = this.resource.name === '' ? '(unnamed)' : this.resource.name;
    return `${this.resource.kind} ${this.resource.namespace}/${name}`;
  }

  range(path: NodePath, opts: ReportOptions = {}): SourceRange {
    const full = [...this.doc.basePath, ...path];
    return opts.key ? this.doc.keyRangeOf(full) : this.doc.rangeOf(full);
  }

  report(severity: Severity, code: string, path: NodePath, message: string, opts: ReportOptions = {}): void {
    if (severity === 'error') this.rejected = true;
    let range: SourceRange | null;
    try {
      range = this.range(path, opts);
    } catch {
      range = null;
    }
    this.diagnostics.push({
      code,
      severity,
      message: `${this.label}: ${message}`,
      document: this.doc.index,
      range,
      resource: { ...this.resource },
    });
  }

  error(code: string, path: NodePath, message: string, opts?: ReportOptions): void {
    this.report('error', code, path, message, opts);
  }

  warning(code: string, path: NodePath, message: string, opts?: ReportOptions): void {
    this.report('warning', code, path, message, opts);
  }

  /** Reports every key of `obj` that the schema at `path` does not know (`schema.unknown-field`). */
  fields(obj: Dict, path: NodePath, allowed: readonly string[]): void {
    for (const key of ownKeys(obj)) {
      if (allowed.includes(key)) continue;
      const where = formatPath([...path, key]);
      const hint = suggest(key, allowed);
      this.error(
        'schema.unknown-field',
        [...path, key],
        `unknown field "${where}"${hint ? ` (did you mean "${hint}"?)` : ''}; ` +
          `kubectl's strict field validation refuses the object`,
        { key: true },
      );
    }
  }

  private typeError(path: NodePath, expected: string, value: unknown): void {
    this.error(
      'schema.type',
      path,
      `${formatPath(path)} must be ${expected}, found ${describeType(value)}; the API server refuses the object`,
    );
  }

  /** Present and not null (the API server prunes nulls of non-nullable fields). */
  present(obj: Dict, key: string): boolean {
    const v = own(obj, key);
    return v !== undefined && v !== null;
  }

  object(obj: Dict, key: string, path: NodePath): Dict | undefined {
    const v = own(obj, key);
    if (v === undefined || v === null) return undefined;
    if (!isDict(v)) {
      this.typeError([...path, key], 'a map', v);
      return undefined;
    }
    return v;
  }

  list(obj: Dict, key: string, path: NodePath): unknown[] | undefined {
    const v = own(obj, key);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.typeError([...path, key], 'a list', v);
      return undefined;
    }
    return v;
  }

  string(obj: Dict, key: string, path: NodePath): string | undefined {
    const v = own(obj, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.typeError([...path, key], 'a string', v);
      return undefined;
    }
    return v;
  }

  /** A required non-empty string (`schema.required` when absent or empty). */
  requiredString(obj: Dict, key: string, path: NodePath, code = 'schema.required'): string {
    const present = this.present(obj, key);
    const v = this.string(obj, key, path);
    if (present && v === undefined) return ''; // already reported as a type error
    if (v === undefined || v === '') {
      this.error(
        code,
        present ? [...path, key] : path,
        `${formatPath([...path, key])} is required and must not be empty`,
        {
          key: !present && path.length > 0,
        },
      );
      return '';
    }
    return v;
  }

  integer(obj: Dict, key: string, path: NodePath): number | undefined {
    const v = own(obj, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.typeError([...path, key], 'an integer', v);
      return undefined;
    }
    return v;
  }

  boolean(obj: Dict, key: string, path: NodePath): boolean | undefined {
    const v = own(obj, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.typeError([...path, key], 'a boolean', v);
      return undefined;
    }
    return v;
  }

  /** A list of strings; non-string items are reported and skipped. */
  stringList(obj: Dict, key: string, path: NodePath): string[] | undefined {
    const items = this.list(obj, key, path);
    if (items === undefined) return undefined;
    const out: string[] = [];
    items.forEach((item, i) => {
      if (typeof item === 'string') out.push(item);
      else this.typeError([...path, key, i], 'a string', item);
    });
    return out;
  }

  /** A map of strings (labels, annotations, matchLabels). */
  stringMap(obj: Dict, key: string, path: NodePath): Record<string, string> | undefined {
    const m = this.object(obj, key, path);
    if (m === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const k of ownKeys(m)) {
      const v = m[k];
      if (typeof v === 'string') defineOwn(out, k, v);
      else this.typeError([...path, key, k], 'a string', v);
    }
    return out;
  }

  /** A string restricted to `values` (`schema.enum`, kubectl's "Unsupported value"). */
  enumString<T extends string>(obj: Dict, key: string, path: NodePath, values: readonly T[]): T | undefined {
    const v = this.string(obj, key, path);
    if (v === undefined) return undefined;
    if ((values as readonly string[]).includes(v)) return v as T;
    this.error(
      'schema.enum',
      [...path, key],
      `Unsupported value "${v}" for ${formatPath([...path, key])}: supported values are ${values.map((x) => `"${x}"`).join(', ')}`,
    );
    return undefined;
  }

  /** `value` as a map, or undefined with a `schema.type` error at `path`. */
  dict(value: unknown, path: NodePath): Dict | undefined {
    if (isDict(value)) return value;
    this.typeError(path, 'a map', value);
    return undefined;
  }

  /** Items of a list that are maps; other items are reported. Yields [item, index]. */
  dictItems(items: readonly unknown[], path: NodePath): [Dict, number][] {
    const out: [Dict, number][] = [];
    items.forEach((item, i) => {
      const dict = this.dict(item, [...path, i]);
      if (dict !== undefined) out.push([dict, i]);
    });
    return out;
  }
}

/** Sets a key as an own data property, even `__proto__`. */
export function defineOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A known field close to a misspelt one: plural/singular, case, or snake_case. */
function suggest(key: string, allowed: readonly string[]): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/_/g, '');
  return allowed.find(
    (a) => norm(a) === norm(key) || norm(a) === `${norm(key)}s` || `${norm(a)}s` === norm(key),
  );
}
