/**
 * Quick fixes that rewrite one value where it is written: they need the text itself (the value's
 * quoting, whether its list is a flow `[a, b]` or a block of `- a` lines), so they are added after
 * evaluation by the entry points, which have the text (evaluate.ts). The lints themselves come
 * from the AuthorizationPolicy reader (resources/authorization-rules.ts) and lint/authorization.ts.
 */
import type { Diagnostic, Fix, SourceRange, WorkspaceSource } from '../types';
import { DOCS } from './context';

const SPIFFE_PREFIX = 'spiffe://';

/** A scalar's text split into its quote and its value (escapes are kept as written). */
function unquote(raw: string): { quote: '"' | "'" | ''; value: string } {
  const q = raw[0];
  if ((q === '"' || q === "'") && raw.length >= 2 && raw.endsWith(q))
    return { quote: q, value: raw.slice(1, -1) };
  return { quote: '', value: raw };
}

/** One edit replacing the scalar at `range` with `change(value)`, written with the same quotes. */
function rewrite(title: string, range: SourceRange, raw: string, change: (value: string) => string): Fix {
  const { quote, value } = unquote(raw);
  return { title, edits: [{ range, text: `${quote}${change(value)}${quote}` }] };
}

function insertAt(range: SourceRange): SourceRange {
  return { start: range.end, end: range.end, offset: range.offset + range.length, length: 0 };
}

/** A new list item `host:*` after the one at `range`: `, "h:*"` in a flow list, a `- "h:*"` line in a block. */
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/** The index of the last character before `at` that is not a space or tab (-1 at the start). */
function skipBlanksBack(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && isBlank(text[i])) i--;
  return i;
}

/**
 * `- ` and its indentation when the item at `offset` is a block list item (`  - "a.com"`), else
 * null. Scans back over blanks only, never the whole line: a flow list of 10,000 hosts on one line
 * costs one step per item, not one line per item.
 */
function blockItemPrefix(text: string, offset: number): string | null {
  const dash = skipBlanksBack(text, offset);
  if (dash === offset - 1 || text[dash] !== '-') return null;
  const lineStart = skipBlanksBack(text, dash) + 1;
  if (lineStart > 0 && text[lineStart - 1] !== '\n') return null;
  return text.slice(lineStart, offset);
}

function addPortWildcard(range: SourceRange, raw: string, text: string): Fix | null {
  const { value } = unquote(raw);
  const item = JSON.stringify(`${value}:*`);
  const block = blockItemPrefix(text, range.offset);
  const previous = text[skipBlanksBack(text, range.offset)];
  if (block === null && previous !== '[' && previous !== ',') return null;
  return {
    title: `Add "${value}:*" (any port)`,
    edits: [{ range: insertAt(range), text: block !== null ? `\n${block}${item}` : `, ${item}` }],
  };
}

function fixesFor(d: Diagnostic, text: string): Fix[] {
  const range = d.range;
  if (!range || range.offset + range.length > text.length) return [];
  const raw = text.slice(range.offset, range.offset + range.length);
  switch (d.code) {
    case 'lint.principal-spiffe-prefix':
      return unquote(raw).value.startsWith(SPIFFE_PREFIX)
        ? [rewrite('Remove the spiffe:// prefix', range, raw, (v) => v.slice(SPIFFE_PREFIX.length))]
        : [];
    case 'lint.method-case':
      return [rewrite(`Write ${unquote(raw).value.toUpperCase()}`, range, raw, (v) => v.toUpperCase())];
    case 'lint.path-no-leading-slash':
      return [rewrite(`Write /${unquote(raw).value}`, range, raw, (v) => `/${v}`)];
    case 'lint.hosts-without-port': {
      const fix = addPortWildcard(range, raw, text);
      return fix ? [fix] : [];
    }
    default:
      return [];
  }
}

const READER_DOCS: Record<string, string> = {
  'lint.principal-spiffe-prefix': DOCS.source,
  'lint.method-case': DOCS.normalization,
  'lint.path-no-leading-slash': DOCS.operation,
};

/**
 * The diagnostics with the text-level fixes (and the reader lints' istio.io pages) added; the
 * others are returned as they are. `textOf` gives the text a diagnostic's range is in.
 */
export function withTextFixes(
  diagnostics: Diagnostic[],
  textOf: (source: WorkspaceSource | undefined) => string | undefined,
): Diagnostic[] {
  return diagnostics.map((d) => {
    const docs = READER_DOCS[d.code];
    if (!docs && d.code !== 'lint.hosts-without-port') return d;
    const text = textOf(d.source);
    const fixes = text === undefined ? [] : fixesFor(d, text);
    // A copy: the reader's diagnostics are cached with their document.
    return { ...d, ...(docs ? { docs } : {}), ...(fixes.length ? { fixes } : {}) };
  });
}
