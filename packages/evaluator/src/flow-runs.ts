/**
 * Runs of one-line flow mappings in block sequences, read with JSON.parse (fast-yaml.ts).
 *
 * Why: the lists a big workspace is made of are written one entry a line, `- {from: a/b, to:
 * c/d, port: 8000}`: the CLI bench's 2,000 probes and 300 workloads. js-yaml reads such a run in
 * a fresh process at about 6 MB/s. Quoting its words makes it JSON, which V8 parses natively.
 * For a run of 2,000 entries that is 3 ms instead of 25 (docs/architecture.md "CI and benches").
 *
 * When a run may be read so: every line of it is `<indent>- {…}` at one indent, one line after
 * the other, and holds only this:
 *  - braces, brackets, commas, blanks, and `: ` (a colon always followed by a blank);
 *  - words made of letters, digits, `_`, `.`, `/` and `-`, that start with a letter, `_` or `/`.
 *    These are strings in YAML's core schema, except the null and boolean words. `null`, `true`
 *    and `false` are left unquoted, as JSON has them. Their other spellings (`Null`, `TRUE`, …)
 *    send the whole run back to js-yaml;
 *  - decimal integers of at most 15 digits, with no sign and no leading zero. JSON and YAML's core
 *    schema read these to the same number.
 * A YAML flow mapping made of these is valid JSON once its words are quoted. The JSON parse must
 * succeed, and it must yield as many keys as the run wrote `key: value` pairs (a duplicate key
 * is an error in YAML but not in JSON). Any other run is left in the text, for js-yaml.
 *
 * How the values are put back: each run is replaced in the text given to js-yaml by one entry, a
 * marker word on the run's first line, at the same indent. That entry's position in the document
 * is the run's. The marker must come back as an item of a list, once. Then it is replaced there by
 * the run's entries. If the run's lines were inside a string or a block scalar instead, the
 * marker comes back inside a longer string, and the caller reads the text again without runs.
 */

/** A run's marker word, followed by its number; a text that holds it has no runs taken out. */
const MARKER = 'fast-yaml-run-';

/** One entry line of a run: its indent and its flow mapping. */
const ENTRY = /^( *)- (\{[\w./{}[\], :-]*\})$/gm;

/** Longer lines are left to js-yaml: YAML caps an implicit key at 1,024 characters. */
const MAX_LINE = 1024;

/**
 * Anything in a run's mappings that would not read the same once quoted: a null or boolean word
 * that JSON does not spell so (or `__proto__`); a word starting with `-` or `.`; a number with a
 * leading zero, with more than 15 digits, or with more characters after its digits; a colon with
 * no blank after it.
 */
const UNLIKE_JSON =
  /(?<![\w./-])(?:(?:Null|NULL|True|TRUE|False|FALSE|__proto__)(?![\w./-])|[-.]|0[\w./-]|[1-9][0-9]{15}|[1-9][0-9]*[A-Za-z_./-])|:(?! )/;

/** A word to quote: not a number (those start with a digit) nor JSON's `null`, `true`, `false`. */
const WORD = /(?<![\w./-])(?!(?:null|true|false)(?![\w./-]))[A-Za-z_/][\w./-]*/g;

export interface FlowRuns {
  /** The text with each run replaced by its marker entry. */
  text: string;
  /** Each run's entries, in order. */
  entries: unknown[][];
}

/** The runs of `text` that JSON can read, taken out; null when there are none. */
export function extractFlowRuns(text: string): FlowRuns | null {
  if (!text.includes('- {') || text.includes(MARKER)) return null;
  const entries: unknown[][] = [];
  let out = '';
  let copied = 0;
  const take = (start: number, end: number, indent: string, mappings: string[]) => {
    const read = readRun(mappings);
    if (!read) return;
    out += `${text.slice(copied, start)}${indent}- ${MARKER}${entries.length}`;
    copied = end;
    entries.push(read);
  };
  let run: { start: number; end: number; indent: string; mappings: string[] } | null = null;
  for (const m of text.matchAll(ENTRY)) {
    const [line, indent = '', mapping = ''] = m;
    const start = m.index;
    const end = start + line.length;
    // A line for YAML: `^` and `$` also match at U+2028 and U+2029, which break no YAML line.
    const whole = (start === 0 || text[start - 1] === '\n') && (end === text.length || text[end] === '\n');
    if (line.length > MAX_LINE || !whole) continue;
    if (run && start === run.end + 1 && indent === run.indent) {
      run.mappings.push(mapping);
      run.end = end;
      continue;
    }
    if (run) take(run.start, run.end, run.indent, run.mappings);
    run = { start, end, indent, mappings: [mapping] };
  }
  if (run) take(run.start, run.end, run.indent, run.mappings);
  return entries.length ? { text: out + text.slice(copied), entries } : null;
}

/** A run's mappings as JSON reads them, or null when it may not be read so (see above). */
function readRun(mappings: string[]): unknown[] | null {
  const flow = mappings.join(',');
  if (UNLIKE_JSON.test(flow)) return null;
  let values: unknown;
  try {
    values = JSON.parse(`[${flow.replace(WORD, '"$&"')}]`);
  } catch {
    return null;
  }
  let pairs = 0;
  for (let i = flow.indexOf(': '); i !== -1; i = flow.indexOf(': ', i + 2)) pairs++;
  return Array.isArray(values) && keyCount(values) === pairs ? values : null;
}

/** How many keys the objects in a JSON value have, all depths. */
function keyCount(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) for (const item of value) n += keyCount(item);
  else
    for (const key in value) {
      n++;
      n += keyCount((value as Record<string, unknown>)[key]);
    }
  return n;
}

/**
 * Puts each run's entries back where its marker came back, in place. False when a marker did
 * not come back as a list item (the run's lines were not the entries they looked like): the
 * value is then not the document's. Each marker is in the text once, so it comes back once at
 * most: as an item, or somewhere inside a longer string.
 */
export function spliceFlowRuns(value: unknown, runs: FlowRuns): boolean {
  let found = 0;
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (!Array.isArray(node)) {
      for (const key in node) visit((node as Record<string, unknown>)[key]);
      return;
    }
    const items = node as unknown[];
    let marked = false;
    for (const item of items) {
      if (typeof item === 'string' && item.startsWith(MARKER)) marked = true;
      else visit(item);
    }
    if (!marked) return;
    const spliced: unknown[] = [];
    for (const item of items) {
      const run =
        typeof item === 'string' && item.startsWith(MARKER)
          ? runs.entries[Number(item.slice(MARKER.length))]
          : undefined;
      if (run === undefined) spliced.push(item);
      else {
        found++;
        for (const entry of run) spliced.push(entry);
      }
    }
    items.length = 0;
    for (const item of spliced) items.push(item);
  };
  visit(value);
  return found === runs.entries.length;
}
