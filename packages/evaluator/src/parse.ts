/**
 * Parsing a workspace: multi-document YAML with source positions, by the `yaml` library.
 *
 * The text is split into documents at `---` / `...` marker lines and each document is parsed on
 * its own, so an edit re-parses only the document it touched (`ParseCache`). Positions are kept
 * relative to the document and shifted to whole-text lines when asked for.
 *
 * With a cache that has a plain reader (the evaluator's), a document without anchors, tags or
 * problems gets its value from fast-yaml.ts, and its syntax tree only when a position in it is
 * asked for (the CLI's matrix asks for none in the Mesh).
 */
import { isPair, isScalar, parseDocument, visit } from 'yaml';
import type { Document } from 'yaml';
import { keyNodeAt, lineStartsOf, linePos, nodeAt } from './yaml-positions';
import type { NodePath, ParsedDocument } from './document';
import { MAX_ALIAS_COUNT, MAX_NESTING, WORKSPACE_SIZE_LIMIT } from './limits';
import { tooDeepAt } from './nesting';
import type { fastDocumentValue } from './fast-yaml';
import { DiagnosticCap } from './diagnostic-cap';
import { sourceField } from './source';
import type { Diagnostic, SourceRange, WorkspaceSource } from './types';

interface Chunk {
  /** Offset of the chunk's first character in the whole text. */
  offset: number;
  /** 0-based line of the chunk's first line in the whole text. */
  line: number;
  text: string;
}

/** What parsing one document's text yields, independent of where the document sits. */
interface DocumentParse {
  /** The syntax tree, for positions; built on first use when the value came from fast-yaml.ts. */
  doc: () => Document.Parsed;
  /**
   * Offset of each line's first character. Counted here, not by the `yaml` LineCounter: that one
   * misses line breaks inside an unterminated quoted scalar, which put markers on the wrong line.
   */
  lineStarts: number[];
  value: unknown;
  /** Problems with offsets relative to the chunk. */
  problems: { code: string; severity: 'error' | 'warning'; message: string; from: number; to: number }[];
  /** Length of the chunk without trailing white space (the document's own extent). */
  contentLength: number;
  /** Node offsets by path, resolved once per document text (trace ranges ask for the same paths). */
  nodeOffsets: Map<string, [number, number] | null>;
  /** Readers' results for this document text (see ParsedDocument.memo). */
  memo: Map<string, unknown>;
}

/** Reads a plain document's value without a syntax tree (fast-yaml.ts), or declines. */
export type PlainDocumentReader = typeof fastDocumentValue;

/**
 * Reuses the parse of unchanged documents across calls (keyed by document text). `plainReader`:
 * how documents are read when they are plain (fast-yaml.ts `fastDocumentValue`); without one,
 * every document is parsed by `yaml`. The evaluator's caches (workers, CLI) pass it; the page's own
 * parses (autosave, links) do not, so js-yaml stays out of the page's first download.
 */
export class ParseCache {
  private entries = new Map<string, DocumentParse>();
  private generation = new Map<string, DocumentParse>();

  constructor(readonly plainReader?: PlainDocumentReader) {}

  get(text: string): DocumentParse | undefined {
    const hit = this.entries.get(text);
    if (hit) this.generation.set(text, hit);
    return hit;
  }

  set(text: string, parse: DocumentParse): void {
    this.generation.set(text, parse);
  }

  /** Keeps only the entries used since the last sweep, so the cache never outgrows one workspace. */
  sweep(): void {
    this.entries = this.generation;
    this.generation = new Map();
  }
}

export interface ParseResult {
  documents: ParsedDocument[];
  diagnostics: Diagnostic[];
}

const MARKER = /^(---|\.\.\.)(?:[ \t].*)?$/;
/**
 * A line with content: not blank, not a comment, not a bare document marker. A byte order mark
 * counts as blank (`\S` alone would miss a first line that starts with one, and drop the document).
 */
const CONTENT_LINE = /^(?!\uFEFF?[ \t]*#)(?!\uFEFF?(?:---|\.\.\.)[ \t]*$)\uFEFF?[ \t]*[^\s\uFEFF]/m;

/**
 * Runs `fn` with V8's stack capture off. The yaml library makes an Error object per syntax problem;
 * a pasted binary or a broken list gives tens of thousands, and capturing each one's stack cost
 * more than parsing (a fuzzed 130 KB workspace: 185 ms of its 300). Their stacks are never read.
 */
function withoutStackTraces<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Splits at document markers; the `---` line belongs to the document it opens, and so do the
 * directive lines (`%YAML 1.2`) right before it.
 */
function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let startLine = 0;
  const push = (end: number) => {
    const chunkText = text.slice(start, end);
    if (CONTENT_LINE.test(chunkText)) chunks.push({ offset: start, line: startLine, text: chunkText });
  };
  let offset = 0;
  let line = 0;
  // Start of the run of directive lines just before this line, if any.
  let directives = -1;
  let directivesLine = 0;
  while (offset <= text.length) {
    const nl = text.indexOf('\n', offset);
    const end = nl === -1 ? text.length : nl;
    const first = text.charCodeAt(offset);
    // Only lines starting with '-' or '.' can be markers: test those alone.
    if ((first === 45 || first === 46) && MARKER.test(text.slice(offset, end).replace(/\r$/, ''))) {
      const opens = directives === -1 ? offset : directives;
      push(first === 45 ? opens : offset);
      if (first === 45) {
        start = opens;
        startLine = directives === -1 ? line : directivesLine;
      } else {
        start = end + 1;
        startLine = line + 1;
      }
    }
    if (first === 37 /* % */) {
      if (directives === -1) {
        directives = offset;
        directivesLine = line;
      }
    } else directives = -1;
    if (nl === -1) break;
    offset = nl + 1;
    line += 1;
  }
  push(text.length);
  return chunks;
}

function parseChunk(text: string, plainReader: PlainDocumentReader | undefined): DocumentParse {
  const deep = tooDeepAt(text);
  if (deep !== -1) {
    return {
      doc: emptyDocument,
      lineStarts: lineStartsOf(text),
      value: null,
      problems: [
        {
          code: 'yaml.too-deep',
          severity: 'error',
          message: `collections nest more than ${MAX_NESTING} levels deep here: refusing the document`,
          from: deep,
          to: deep + 1,
        },
      ],
      contentLength: text.trimEnd().length,
      nodeOffsets: new Map(),
      memo: new Map(),
    };
  }
  const fast = plainReader?.(text);
  if (fast) {
    let doc: Document.Parsed | undefined;
    return {
      doc: () => (doc ??= parseWithYaml(text)),
      lineStarts: lineStartsOf(text),
      value: fast.value,
      problems: [],
      contentLength: text.trimEnd().length,
      nodeOffsets: new Map(),
      memo: new Map(),
    };
  }
  const doc = parseWithYaml(text);
  const problems: DocumentParse['problems'] = [];
  for (const error of doc.errors) {
    problems.push({
      code: error.code === 'DUPLICATE_KEY' ? 'yaml.duplicate-key' : 'yaml.syntax',
      severity: 'error',
      message: firstLine(error.message),
      from: error.pos[0],
      to: error.pos[1],
    });
  }
  for (const warning of doc.warnings) {
    problems.push({
      code: 'yaml.warning',
      severity: 'warning',
      message: firstLine(warning.message),
      from: warning.pos[0],
      to: warning.pos[1],
    });
  }
  visit(doc, {
    Map(_, map) {
      // Keys compare as the decoded object's keys do: as strings (so `1` and `"1"` are one key).
      const seen = new Set<string>();
      for (const item of map.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        const key = String(item.key.value);
        if (seen.has(key)) {
          const range = item.key.range ?? [0, 0, 0];
          problems.push({
            code: 'yaml.duplicate-key',
            severity: 'error',
            message: `Map keys must be unique: "${key.length > 60 ? `${key.slice(0, 60)}…` : key}" appears twice`,
            from: range[0],
            to: range[1],
          });
        }
        seen.add(key);
      }
    },
  });
  let value: unknown = null;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Only the expansion bound is an alias bomb; an unresolved alias (`*a` before `&a`) is a plain error.
      const bomb = /excessive alias count/i.test(message);
      problems.push({
        code: bomb ? 'yaml.alias-limit' : 'yaml.syntax',
        severity: 'error',
        message: bomb
          ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}): refusing what looks like an alias bomb`
          : firstLine(message),
        from: 0,
        to: Math.min(text.length, 1),
      });
    }
  }
  // trimEnd, not /\s+$/: that regex backtracks quadratically on long inner runs of spaces.
  return {
    doc: () => doc,
    lineStarts: lineStartsOf(text),
    value,
    problems,
    contentLength: text.trimEnd().length,
    nodeOffsets: new Map(),
    memo: new Map(),
  };
}

// logLevel 'error': a map used as a key is stringified (as Kubernetes' decoder would refuse it);
// the library's console warning about it would only be noise in the CLI and the fuzzer.
// Duplicate keys are found in parseChunk in one pass: the library's own check compares every key
// with every earlier one, minutes of work for a map of a few hundred thousand keys under the size limit.
function parseWithYaml(text: string): Document.Parsed {
  return withoutStackTraces(() =>
    parseDocument(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' }),
  );
}

let empty: Document.Parsed | undefined;
/** The tree of a refused document (made on first use: a program's start does not pay for it). */
const emptyDocument = (): Document.Parsed => (empty ??= parseDocument(''));

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function toRange(chunk: Chunk, parse: DocumentParse, from: number, to: number): SourceRange {
  const a = Math.max(0, Math.min(from, chunk.text.length));
  const b = Math.max(a, Math.min(to, chunk.text.length));
  const start = linePos(parse.lineStarts, a);
  const end = linePos(parse.lineStarts, b);
  return {
    start: { line: chunk.line + start.line, column: start.col },
    end: { line: chunk.line + end.line, column: end.col },
    offset: chunk.offset + a,
    length: b - a,
  };
}

function makeDocument(
  index: number,
  chunk: Chunk,
  parse: DocumentParse,
  value: unknown,
  basePath: NodePath,
  source: WorkspaceSource | undefined,
): ParsedDocument {
  const whole = toRange(chunk, parse, 0, parse.contentLength);
  const rangeOf = (path: NodePath): SourceRange => {
    const key = path.join('\u0000');
    let offsets = parse.nodeOffsets.get(key);
    if (offsets === undefined) {
      const node = nodeAt(parse.doc(), path);
      offsets = node?.range ? [node.range[0], node.range[1]] : null;
      parse.nodeOffsets.set(key, offsets);
    }
    return offsets ? toRange(chunk, parse, offsets[0], offsets[1]) : whole;
  };
  const record =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return {
    index,
    value,
    apiVersion: typeof record.apiVersion === 'string' ? record.apiVersion : null,
    kind: typeof record.kind === 'string' ? record.kind : null,
    range: basePath.length ? rangeOf(basePath) : whole,
    basePath,
    origin: { offset: chunk.offset, line: chunk.line },
    memo: parse.memo,
    ...sourceField(source),
    rangeOf,
    keyRangeOf(path: NodePath): SourceRange {
      const key = keyNodeAt(parse.doc(), path);
      return key?.range ? toRange(chunk, parse, key.range[0], key.range[1]) : rangeOf(path);
    },
  };
}

/**
 * Parses a workspace text into documents. Never throws: broken YAML, oversized input, alias
 * bombs and forbidden keys become diagnostics. A document with a YAML error has `value: null`.
 * `source`: the text is that part of a workspace; documents and diagnostics are stamped with it.
 */
export function parseWorkspaceText(text: string, cache?: ParseCache, source?: WorkspaceSource): ParseResult {
  const diagnostics: Diagnostic[] = [];
  if (text.length > WORKSPACE_SIZE_LIMIT) {
    diagnostics.push({
      code: 'workspace.too-large',
      severity: 'error',
      message: `the workspace is ${(text.length / 1024 / 1024).toFixed(1)} MB; the limit is ${WORKSPACE_SIZE_LIMIT / 1024 / 1024} MB`,
      document: -1,
      range: null,
      ...sourceField(source),
    });
    return { documents: [], diagnostics };
  }
  const documents: ParsedDocument[] = [];
  const chunks = splitDocuments(text);
  chunks.forEach((chunk, index) => {
    let parse = cache?.get(chunk.text);
    if (!parse) {
      parse = parseChunk(chunk.text, cache?.plainReader);
    }
    cache?.set(chunk.text, parse);
    const cap = new DiagnosticCap();
    for (const problem of parse.problems) {
      const diagnostic = (message: string): Diagnostic => ({
        code: problem.code,
        severity: problem.severity,
        message,
        document: index,
        range: toRange(chunk, parse, problem.from, problem.to),
        ...sourceField(source),
      });
      if (
        cap.admit(
          problem.code,
          () => diagnostic(''),
          (d) => diagnostics.push(d),
        )
      )
        diagnostics.push(diagnostic(problem.message));
    }
    const hasError = parse.problems.some((p) => p.severity === 'error');
    const value = hasError ? null : parse.value;
    const document = makeDocument(index, chunk, parse, value, [], source);
    if (document.kind === 'List' && value && typeof value === 'object' && !Array.isArray(value)) {
      const items = (value as Record<string, unknown>).items;
      if (Array.isArray(items)) {
        items.forEach((item, i) =>
          documents.push(makeDocument(index, chunk, parse, item, ['items', i], source)),
        );
        return;
      }
    }
    documents.push(document);
  });
  cache?.sweep();
  return { documents, diagnostics };
}
