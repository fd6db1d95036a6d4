/**
 * Defensive, typed reading of one document's plain YAML data. Every reader of an Istio kind, and
 * of the playground's own Mesh and Probes documents, goes through a `Reader`: it narrows `unknown`
 * values and reports structural problems (wrong type, unknown field, missing required field) with
 * the source range of the offending node. Nothing here throws on any input.
 *
 * Two readings share it (see `ReaderOptions`): Istio resources are read the way the API server's
 * structural schema and kubectl's strict field validation would (`KUBECTL_READING`), the
 * playground's documents leniently (`playgroundReading`).
 */
import type { NodePath, ParsedDocument } from './document';
import type { Diagnostic, ResourceRef, Severity, SourceRange } from './types';
import { DiagnosticCap } from './diagnostic-cap';
import { formatPath, isRecord } from './guards';
import { sourceField } from './source';

/** A YAML mapping as plain data. */
export type Dict = Record<string, unknown>;

/** Own property only: `__proto__`, `constructor` and friends never leak in from the prototype. */
export function own(obj: Dict, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function ownKeys(obj: Dict): string[] {
  return Object.keys(obj);
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

/** `spec.workloads.0.name` for `['spec', 'workloads', 0, 'name']` (the playground's spelling). */
export function dottedPath(path: NodePath): string {
  return path.join('.');
}

/** How a `Reader` reads and words its findings. */
export interface ReaderOptions {
  /**
   * A fixed prefix for every message (`Mesh`), for documents that are not cluster resources:
   * their diagnostics carry no `resource`. Without it, the prefix is `<kind> <namespace>/<name>`.
   */
  label?: string;
  /**
   * An unknown field: `refuse` is kubectl's strict field validation (an error that suggests a
   * near name); `ignore` is a warning that the field is ignored.
   */
  unknownField: 'refuse' | 'ignore';
  /** Whether an error means a cluster would refuse the object (sets `rejected`). */
  rejectOnError: boolean;
  /**
   * `kubectl`: paths as `a[0].b`, type errors say what was found and that the API server refuses
   * the object. `plain`: paths as `a.0.b`, type errors only state the expectation.
   */
  messages: 'kubectl' | 'plain';
  /**
   * Hand-written playground documents: a number or boolean where a string is expected is taken
   * as its text (`name: 123`), a digit string where an integer is expected as its number.
   */
  coerceScalars: boolean;
}

/** Istio and Kubernetes resources, read as the API server and `kubectl apply` would. */
export const KUBECTL_READING: Readonly<ReaderOptions> = {
  unknownField: 'refuse',
  rejectOnError: true,
  messages: 'kubectl',
  coerceScalars: false,
};

/** The playground's own documents: nothing is refused, unknown fields are ignored with a warning. */
export function playgroundReading(label: string): ReaderOptions {
  return { label, unknownField: 'ignore', rejectOnError: false, messages: 'plain', coerceScalars: true };
}

/** Inclusive bounds of an integer field. */
export interface IntegerBounds {
  min: number;
  max: number;
}

export interface ReportOptions {
  /** Point at the key of `path` rather than its value. */
  key?: boolean;
}

/** Collects the diagnostics of one document and knows where its nodes are in the source. */
export class Reader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly cap = new DiagnosticCap();
  /** true once any error was reported and `rejectOnError` is set: a cluster would refuse the object. */
  rejected = false;
  readonly resource: ResourceRef;

  constructor(
    readonly doc: ParsedDocument,
    kind: string,
    readonly options: Readonly<ReaderOptions> = KUBECTL_READING,
  ) {
    this.resource = { kind, name: '', namespace: 'default', document: doc.index };
  }

  /** `AuthorizationPolicy foo/deny-all` (or the fixed label), the prefix of every message. */
  get label(): string {
    if (this.options.label !== undefined) return this.options.label;
    const name = this.resource.name === '' ? '(unnamed)' : this.resource.name;
    return `${this.resource.kind} ${this.resource.namespace}/${name}`;
  }

  /** `path` spelt as this reader's messages spell paths. */
  path(path: NodePath): string {
    return this.options.messages === 'kubectl' ? formatPath(path) : dottedPath(path);
  }

  range(path: NodePath, opts: ReportOptions = {}): SourceRange {
    const full = [...this.doc.basePath, ...path];
    return opts.key ? this.doc.keyRangeOf(full) : this.doc.rangeOf(full);
  }

  report(severity: Severity, code: string, path: NodePath, message: string, opts: ReportOptions = {}): void {
    if (severity === 'error' && this.options.rejectOnError) this.rejected = true;
    const make = (text: string): Diagnostic => {
      let range: SourceRange | null;
      try {
        range = this.range(path, opts);
      } catch {
        range = null;
      }
      const diagnostic: Diagnostic = {
        code,
        severity,
        message: text,
        document: this.doc.index,
        range,
        ...sourceField(this.doc.source),
      };
      if (this.options.label === undefined) diagnostic.resource = { ...this.resource };
      return diagnostic;
    };
    // The summary of the unlisted ones points where the first unlisted one is.
    if (
      !this.cap.admit(
        code,
        () => make(''),
        (d) => this.diagnostics.push(d),
      )
    )
      return;
    this.diagnostics.push(make(`${this.label}: ${message}`));
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
      const where = this.path([...path, key]);
      if (this.options.unknownField === 'ignore') {
        this.warning('schema.unknown-field', [...path, key], `unknown field "${where}" is ignored`, {
          key: true,
        });
        continue;
      }
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
      this.options.messages === 'kubectl'
        ? `${formatPath(path)} must be ${expected}, found ${describeType(value)}; the API server refuses the object`
        : `${dottedPath(path)} must be ${expected}`,
    );
  }

  /** `value` as text: a string, or with `coerceScalars` a number (and, if `booleans`, a boolean). */
  private text(value: unknown, booleans: boolean): string | undefined {
    if (typeof value === 'string') return value;
    if (!this.options.coerceScalars) return undefined;
    if (typeof value === 'number' || (booleans && typeof value === 'boolean')) return String(value);
    return undefined;
  }

  /** Present and not null (the API server prunes nulls of non-nullable fields). */
  present(obj: Dict, key: string): boolean {
    const v = own(obj, key);
    return v !== undefined && v !== null;
  }

  object(obj: Dict, key: string, path: NodePath): Dict | undefined {
    const v = own(obj, key);
    if (v === undefined || v === null) return undefined;
    if (!isRecord(v)) {
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
    const text = this.text(v, true);
    if (text === undefined) this.typeError([...path, key], 'a string', v);
    return text;
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

  /** An integer, within `bounds` when given (one `schema.type` error for a wrong type or range). */
  integer(obj: Dict, key: string, path: NodePath, bounds?: IntegerBounds): number | undefined {
    const v = own(obj, key);
    if (v === undefined || v === null) return undefined;
    const n = this.options.coerceScalars && typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    const ok =
      typeof n === 'number' &&
      Number.isInteger(n) &&
      (bounds === undefined || (n >= bounds.min && n <= bounds.max));
    if (!ok) {
      const expected = bounds ? `an integer from ${bounds.min} to ${bounds.max}` : 'an integer';
      this.typeError([...path, key], expected, v);
      return undefined;
    }
    return n;
  }

  boolean(obj: Dict, key: string, path: NodePath): boolean | undefined {
    const v = own(obj, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.typeError([...path, key], this.options.messages === 'kubectl' ? 'a boolean' : 'true or false', v);
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
      const text = this.text(item, false);
      if (text !== undefined) out.push(text);
      else this.typeError([...path, key, i], 'a string', item);
    });
    return out;
  }

  /** A map of strings (labels, annotations, matchLabels). */
  stringMap(obj: Dict, key: string, path: NodePath): Record<string, string> | undefined {
    const m = this.object(obj, key, path);
    if (m === undefined) return undefined;
    const out = emptyMap<string>();
    for (const k of ownKeys(m)) {
      const v = m[k];
      const text = this.text(v, true);
      if (text !== undefined) defineOwn(out, k, text);
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
    if (isRecord(value)) return value;
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

  /** Calls `read` for each map in the list at `key`, with its path; other items are reported. */
  each(obj: Dict, key: string, path: NodePath, read: (item: Dict, itemPath: NodePath) => void): void {
    const items = this.list(obj, key, path);
    items?.forEach((item, i) => {
      const itemPath = [...path, key, i];
      const dict = this.dict(item, itemPath);
      if (dict !== undefined) read(dict, itemPath);
    });
  }
}

/**
 * A map for keys that come from the user (labels, selectors, headers, tokens, JWKS URIs): it has no
 * prototype, so `constructor`, `prototype`, `toString` and `__proto__` are ordinary entries that
 * are either set or absent, never inherited (Kubernetes accepts all of them as label keys).
 */
export function emptyMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A null-prototype copy of the own enumerable entries of `source`. */
export function copyMap<T>(source: Readonly<Record<string, T>> | null | undefined): Record<string, T> {
  const out = emptyMap<T>();
  if (source) for (const key of Object.keys(source)) out[key] = source[key] as T;
  return out;
}

/** The value of an own entry, never an inherited one (`get(headers, 'constructor')` on `{}` is undefined). */
export function getOwn<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
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
