/**
 * A document's value without its syntax tree, for the common case: plain YAML with no anchors,
 * aliases, tags, directives or complex keys, that parses without a problem.
 *
 * Why a second parser: the `yaml` library builds a full syntax tree with positions, and that costs
 * about 110 ms for the CLI bench's 88 KB workspace in a fresh process, a quarter of a
 * `matrix --all` run (docs/architecture.md "CI and benches"). `js-yaml` reads the same text to
 * values in about 20 ms. The tree is only needed for positions (diagnostics and trace ranges), so
 * parse.ts builds it lazily from the same text, and only for the documents whose positions are
 * asked for.
 *
 * Fidelity rule: this path answers only where it gives the very value `yaml` would give with no
 * problem, and otherwise answers `undefined` so the caller runs `yaml` itself (whose diagnostics
 * are the contract). To keep that true:
 *  - scalars resolve with the YAML 1.2 core schema exactly as `yaml` resolves them (its
 *    `schema/core` tags: the same patterns, in the same order, built the same way), not js-yaml's
 *    default schema (which adds timestamps, merge keys and binary);
 *  - any js-yaml error or warning (duplicate keys included) hands over to `yaml`;
 *  - text that may hold an anchor, alias, tag, explicit key, directive, collection-valued key or
 *    a marker-like line (`---#`) hands over before js-yaml runs (a cheap over-approximation: a `*`
 *    after a blank, even inside a string, is enough), and so does a key written as a null,
 *    boolean or number;
 *  - fast-yaml.test.ts checks it against `yaml` on every golden and vector workspace, on tricky
 *    scalars, and on random documents (fast-check): wherever this path answers, `yaml` reports no
 *    problem and builds a deep-equal value.
 */
import { FAILSAFE_SCHEMA, Type, load } from 'js-yaml';
import { extractFlowRuns, spliceFlowRuns } from './flow-runs';

// yaml's schema/common/null.js and schema/core/{bool,int,float}.js, as resolvers of plain scalars.
// js-yaml asks every implicit type about every plain scalar, nearly all of them names: each
// resolver first rules them out by their first character, before any pattern.
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLEANS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
/** `[0-9+.-]`: the characters a YAML 1.2 core int or float can start with. */
const mayBeNumber = (s: string): boolean => {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
};
const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (s: string) => NULLS.has(s),
  construct: () => null,
});
const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string) => BOOLEANS.has(s),
  construct: (s: string) => s[0] === 't' || s[0] === 'T',
});
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string) => mayBeNumber(s) && (INT_OCT.test(s) || INT.test(s) || INT_HEX.test(s)),
  construct: (s: string) =>
    INT_OCT.test(s)
      ? parseInt(s.substring(2), 8)
      : INT_HEX.test(s)
        ? parseInt(s.substring(2), 16)
        : parseInt(s, 10),
});
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string) => mayBeNumber(s) && (FLOAT_NAN.test(s) || FLOAT_EXP.test(s) || FLOAT.test(s)),
  construct: (s: string) =>
    FLOAT_NAN.test(s)
      ? s.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : s[0] === '-'
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY
      : parseFloat(s),
});

/** Strings by default; the core schema's null, bool, int and float for plain scalars that match. */
const IMPLICIT = [nullType, boolType, intType, floatType];
const CORE_AS_YAML_RESOLVES_IT = FAILSAFE_SCHEMA.extend({ implicit: IMPLICIT });

/**
 * Syntax this path leaves to `yaml`, found before js-yaml runs:
 *  - a node property or alias (`&a`, `*a`, `!tag`) or an explicit key (`? `) at a node's start;
 *  - a directive line (`%YAML`), a marker-like line (`---#`), content after a marker (`--- a: 1`);
 *  - a flow collection used as a key (`[a]: b`, `{a: b}: c`);
 *  - a `-` ending a line (an empty or nested entry: js-yaml nests the next entries differently);
 *  - a carriage return that ends no line (`yaml` breaks no line there; js-yaml does);
 *  - a tab in a line's indentation, and a `#` glued to a bracket, brace, comma or quote (`{#`,
 *    `}#`, `,#`, `"a"#`): js-yaml accepts some of those that `yaml` refuses.
 * It over-approximates (such characters inside strings and comments count too), which only costs
 * the slower parse.
 */
const NEEDS_FULL_PARSER =
  /(?:^|[\s[{,])[&*!?]|^%|[\]}][ \t]*:(?:[\s]|$)|^(?:---|\.\.\.)(?![ \t\r]|$)|^(?:---|\.\.\.)[ \t]+[^\s#]|(?:^|[ \t])-[ \t]*\r?$|\r(?!\n)|^ *\t|[[\]{},"']#/m;

/**
 * A key written as a null, boolean or number (`~: a`, `0x1F: a`, `1.50: a`) becomes a string
 * differently in the two libraries (js-yaml: "null", "31", "1.5"). Such keys are rare in
 * workspaces; any key that reads as one (or as what js-yaml makes of one) hands over to `yaml`.
 */
function hasNonStringKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasNonStringKey(item)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (NULLS.has(key) || BOOLEANS.has(key) || (mayBeNumber(key) && IMPLICIT.some((t) => t.resolve(key))))
      return true;
    if (SCALAR_KEY.test(key) || hasNonStringKey(record[key])) return true;
  }
  return false;
}
const SCALAR_KEY = /^(?:-?Infinity|NaN|null)$/;

/**
 * The value `yaml` would build for this one document's text, or `undefined` when this path cannot
 * vouch for it (the caller then parses with `yaml`). Runs of one-line flow mappings are read by
 * JSON.parse (flow-runs.ts); when they turn out not to be the list entries they look like, the
 * text is read again whole by js-yaml.
 */
export function fastDocumentValue(text: string): { value: unknown } | undefined {
  if (NEEDS_FULL_PARSER.test(text)) return undefined;
  const runs = extractFlowRuns(text);
  if (runs) {
    const value = plainValue(runs.text);
    if (value && spliceFlowRuns(value.value, runs)) return value;
  }
  return plainValue(text);
}

/** js-yaml's value of a text that passed the screen, if it vouches for it. */
function plainValue(text: string): { value: unknown } | undefined {
  let warned = false;
  const collectionKeys = new CollectionKeyWatch(text);
  let value: unknown;
  try {
    value = load(text, {
      schema: CORE_AS_YAML_RESOLVES_IT,
      onWarning: () => {
        warned = true;
      },
      listener: collectionKeys.listener,
    });
  } catch {
    return undefined;
  }
  // An empty document: `yaml` gives null with its own handling of comments and markers.
  if (warned || collectionKeys.seen || value === undefined || hasNonStringKey(value)) return undefined;
  return { value };
}

/**
 * Watches js-yaml's node events for a collection used as a key inside a flow map (`{[a]}`,
 * `{{a: b}}`, `{x: 1, [a]: b}`), which it stringifies its own way. A key is a child of a flow map
 * not preceded by `:`. (Block maps' collection keys, `[a]: b` and `? a`, are screened out before.)
 */
class CollectionKeyWatch {
  seen = false;
  private readonly starts: number[] = [];
  constructor(private readonly text: string) {}

  readonly listener = (event: 'open' | 'close', state: { position: number; kind: string | null }): void => {
    const starts = this.starts;
    if (event === 'open') {
      starts.push(state.position);
      return;
    }
    const start = starts.pop() ?? 0;
    if (this.seen || (state.kind !== 'mapping' && state.kind !== 'sequence')) return;
    const parent = starts[starts.length - 1];
    // A block sequence's entry opens twice at the same place (the entry, then its node): the
    // outer one is no parent.
    if (parent === undefined || parent === start) return;
    const text = this.text;
    if (text.charCodeAt(significant(text, parent, 1)) !== 123 /* { */) return;
    if (text.charCodeAt(significant(text, start - 1, -1)) !== 58 /* : */) this.seen = true;
  };
}

/**
 * The index of the first character from `at` (walking `step`) that is not a blank or a line
 * break; comments are skipped forwards.
 */
function significant(text: string, at: number, step: 1 | -1): number {
  let i = at;
  for (;;) {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
      i += step;
    }
    if (step === 1 && text.charCodeAt(i) === 35 /* # */) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    return i;
  }
}
