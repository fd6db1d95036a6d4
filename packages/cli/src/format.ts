import type { Diagnostic, DocumentSummary, ProbeResult, TraceStep } from '@playground/evaluator';

/**
 * Characters that must never reach a terminal as they are: C0 controls (line breaks and ESC, so
 * no ANSI sequence and no fake line), DEL, C1 controls, the line and paragraph separators, and
 * the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E–F, U+202A–E,
 * U+2066–9) that make a name display as something else. Applied to every value a command prints.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** UNPRINTABLE less the C0 controls, which JSON.stringify escapes in strings and uses as layout. */
const UNPRINTABLE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number): string => (c.codePointAt(0) ?? 0).toString(16).padStart(width, '0');

/** UNPRINTABLE as a yes/no test (no `g`, so no lastIndex to carry between calls). */
const HAS_UNPRINTABLE = new RegExp(UNPRINTABLE.source);

/**
 * A value made safe to print: unprintable characters become `\xNN` / `\uNNNN` escapes. Tested
 * before replacing: nearly every value printed is printable as it is.
 */
export function printable(value: string | number): string {
  const text = String(value);
  if (!HAS_UNPRINTABLE.test(text)) return text;
  return text.replace(UNPRINTABLE, (c) => (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

const HAS_UNPRINTABLE_IN_JSON = new RegExp(UNPRINTABLE_IN_JSON.source);

/**
 * JSON text with what a terminal must not see escaped: JSON.stringify escapes C0 controls but
 * prints DEL, C1, U+2028/9 and the bidi characters as they are; they become `\uNNNN` escapes (the
 * same string once parsed). Tested before replacing.
 */
const jsonPrintable = (json: string): string =>
  HAS_UNPRINTABLE_IN_JSON.test(json) ? json.replace(UNPRINTABLE_IN_JSON, (c) => `\\u${hex(c, 4)}`) : json;

/** `--json` output: the two-space layout, made printable (`jsonPrintable`). */
export function toJson(value: unknown): string {
  return `${jsonPrintable(JSON.stringify(value, null, 2))}\n`;
}

/**
 * `toJson` of an object written in pieces: `jsonField` for a plain value and `jsonArray` item by
 * item, so a list of a hundred thousand entries is never one string. The pieces concatenate to
 * exactly `toJson` of the whole object (JSON.stringify's two-space layout: a string value never
 * holds a raw line break, so indenting an item is prefixing each of its lines).
 */
export interface JsonWriter {
  field(name: string, value: unknown): void;
  /**
   * Opens an array field; `item` appends one element, `close` ends it. `lead`: fields an object
   * item does not have, to come first, as in `{...lead, ...value}` (without making that copy:
   * about 3 ms of a big `test --json` run).
   */
  array(name: string): { item(value: unknown, lead?: Record<string, string>): void; close(): void };
  end(): void;
}

const FIELD_OPEN = '{\n  "v": ';
const FIELD_CLOSE = '\n}';
const ITEM_OPEN = '{\n  "v": [\n    ';
const ITEM_CLOSE = '\n  ]\n}';

/**
 * An object's JSON at an array item's depth (`text`, as `indented` gives it) with `lead`'s fields
 * first, as JSON.stringify lays out `{...lead, ...object}`.
 */
function withLeadFields(text: string, lead: Record<string, string>): string {
  let fields = '';
  for (const [key, value] of Object.entries(lead))
    fields += `\n      ${jsonPrintable(JSON.stringify(key))}: ${jsonPrintable(JSON.stringify(value))},`;
  if (!fields) return text;
  if (text === '{}') return `{${fields.slice(0, -1)}\n    }`;
  return text.startsWith('{\n') ? `{${fields}${text.slice(1)}` : text;
}

export function jsonWriter(push: (text: string) => void): JsonWriter {
  let fields = 0;
  const key = (name: string) => `${fields++ === 0 ? '{\n' : ',\n'}  ${JSON.stringify(name)}: `;
  // A value nested one or two levels deep, as JSON.stringify lays it out there: stringified inside
  // a wrapper of that depth and cut out of it (no pass over the text to indent it line by line).
  const indented = (value: unknown, depth: 1 | 2) => {
    const text =
      depth === 1
        ? JSON.stringify({ v: value }, null, 2).slice(FIELD_OPEN.length, -FIELD_CLOSE.length)
        : JSON.stringify({ v: [value] }, null, 2).slice(ITEM_OPEN.length, -ITEM_CLOSE.length);
    return jsonPrintable(text);
  };
  return {
    field(name, value) {
      push(`${key(name)}${indented(value, 1)}`);
    },
    array(name) {
      push(`${key(name)}[`);
      let items = 0;
      return {
        item(value, lead) {
          const text = indented(value, 2);
          push(`${items++ === 0 ? '\n' : ',\n'}    ${lead ? withLeadFields(text, lead) : text}`);
        },
        close() {
          push(items === 0 ? ']' : '\n  ]');
        },
      };
    },
    end() {
      push(fields === 0 ? '{}\n' : '\n}\n');
    },
  };
}

/** `file:line:column` of a range, or the file alone. */
export function where(file: string, range: { start: { line: number; column: number } } | null): string {
  return range ? `${printable(file)}:${range.start.line}:${range.start.column}` : printable(file);
}

/** `file:line:column: severity code: message`, the form editors and CI annotate. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${where(file, d.range)}: ${d.severity} ${printable(d.code)}: ${printable(d.message)}`;
}

/** Diagnostics that mean the file could not be read as a workspace at all (exit 2). */
export function isInvalidInput(d: Diagnostic): boolean {
  return d.severity === 'error' && (d.code.startsWith('yaml.') || d.code.startsWith('workspace.'));
}

/** The Mesh document's own `spec` is not a map (a list, a string): nothing of the mesh was read. */
const UNUSABLE_MESH_SPEC = /^Mesh: spec must be /;

/**
 * Why a parsed file is not a playground workspace, or [] when it is one. Every command refuses
 * these with exit 2: an empty file, no `playground/v1` Mesh document, a Mesh whose `spec` is not a
 * map, or a `playground/…` document of an apiVersion this CLI does not read.
 */
export function workspaceProblems(
  file: string,
  documents: readonly DocumentSummary[],
  diagnostics: readonly Diagnostic[],
): string[] {
  const problems: string[] = [];
  const f = printable(file);
  if (documents.length === 0 && !diagnostics.some(isInvalidInput)) {
    problems.push(`${f}: not a workspace: the file has no YAML document (it is empty or only comments)`);
    return problems;
  }
  for (const d of documents) {
    if (d.apiVersion?.startsWith('playground/') && d.apiVersion !== 'playground/v1')
      problems.push(
        `${where(file, d.range)}: not a workspace: unknown apiVersion "${printable(d.apiVersion)}" (this version reads playground/v1)`,
      );
  }
  const mesh = documents.find((d) => d.apiVersion === 'playground/v1' && d.kind === 'Mesh');
  if (!mesh) {
    if (!diagnostics.some(isInvalidInput))
      problems.push(`${f}: not a workspace: no Mesh document (apiVersion: playground/v1, kind: Mesh)`);
  } else {
    for (const d of diagnostics)
      if (d.severity === 'error' && d.document === mesh.index && UNUSABLE_MESH_SPEC.test(d.message))
        problems.push(`${where(file, d.range)}: not a workspace: the Mesh document's spec must be a map`);
  }
  return problems;
}

const MARK: Record<TraceStep['outcome'], string> = { pass: '✓', fail: '✗', info: '·', skip: '–' };

export function formatTrace(file: string, trace: readonly TraceStep[]): string[] {
  return trace.map((s) => {
    const at = s.range ? `  (${printable(file)}:${s.range.start.line})` : '';
    return `  ${s.hop ? `[hop ${s.hop + 1}] ` : ''}${MARK[s.outcome]} ${printable(s.stage)}: ${printable(s.message)}${at}`;
  });
}

/**
 * The "What the app receives" section of `explain`: the path and headers the server's application
 * gets (`ProbeResult.upstream`), or nothing when the request never reaches it.
 */
export function formatUpstream(r: ProbeResult): string[] {
  if (!r.upstream) return [];
  const headers = Object.entries(r.upstream.headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    'What the app receives:',
    `  path: ${printable(r.upstream.path)}`,
    ...(headers.length
      ? ['  headers:', ...headers.map(([k, v]) => `    ${printable(k)}: ${printable(v)}`)]
      : ['  headers: (none set by the client or the proxies)']),
  ];
}

export function outcomeOf(r: ProbeResult): string {
  return `${printable(r.status)} ${printable(r.verdict)}${r.mtls === null ? '' : r.mtls ? ' (mTLS)' : ' (plaintext)'}`;
}
