/**
 * fast-yaml.ts may answer only where `yaml` (the parser whose diagnostics are the contract) would
 * report no problem and build the very same value. Checked on every document of the golden and
 * vector workspaces, on fuzzed mutations of them, on tricky scalars, and on random documents.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { isScalar, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fuzzCases, SMALL_SIZES } from '../test/fuzz-kit';
import { workspaceFiles } from '../test/workspaces';
import { extractFlowRuns } from './flow-runs';
import { fastDocumentValue } from './fast-yaml';
import { ParseCache, parseWorkspaceText } from './parse';

/**
 * What parse.ts takes from `yaml` for one document: its value, or 'problem' for any error or
 * warning, duplicate keys included (compared as parse.ts compares them: as strings).
 */
function reference(text: string): { value: unknown } | 'problem' {
  const doc = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: (a, b) => isScalar(a) && isScalar(b) && String(a.value) === String(b.value),
    logLevel: 'silent',
  });
  if (doc.errors.length || doc.warnings.length) return 'problem';
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    return 'problem';
  }
}

/** Why the fast path's answer for `text` is wrong, or null when it is right (or declines). */
function disagreement(text: string): string | null {
  const fast = fastDocumentValue(text);
  if (!fast) return null;
  const ref = reference(text);
  if (ref === 'problem') return `fast path accepted what yaml reports a problem in:\n${text}`;
  if (!isDeepStrictEqual(fast.value, ref.value))
    return `values differ:\n${text}\nfast: ${JSON.stringify(fast.value)}\nyaml: ${JSON.stringify(ref.value)}`;
  return null;
}

/** A workspace's document texts (at `---` lines; an approximation of parse.ts's split is enough here). */
const documentsOf = (text: string) => text.split(/^(?=---)/m).filter((d) => d.trim());

const TRICKY_SCALARS = [
  'true',
  'True',
  'TRUE',
  'tRUE',
  'yes',
  'Yes',
  'on',
  'Off',
  'no',
  'y',
  'n',
  'null',
  'Null',
  'NULL',
  '~',
  'nULL',
  '',
  '0',
  '-0',
  '+0',
  '007',
  '+12',
  '-12',
  '0o17',
  '0o18',
  '0O17',
  '017',
  '0x1F',
  '0X1F',
  '0x',
  '0b101',
  '1_000',
  '1,000',
  '12345678901234567890',
  '9007199254740993',
  '1.5',
  '1.',
  '.5',
  '-.5',
  '+1.0',
  '1.50',
  '1e3',
  '1E3',
  '1e+3',
  '1.5e-3',
  '.1e1',
  '1e',
  'e3',
  '.inf',
  '-.inf',
  '+.Inf',
  '.INF',
  '.nan',
  '.NaN',
  '.NAN',
  'nan',
  'inf',
  'Infinity',
  'NaN',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '12:30:00',
  '1:20',
  '190:20:30',
  '<<',
  '=',
  '"quoted"',
  "'single'",
  '"true"',
  "'0x1F'",
  '"\\u00e9\\t"',
  "'it''s'",
  '/ip',
  '/api/*',
  '"*"',
  'a b',
  'a #b',
  'a#b',
  'spiffe://x/y',
  'GET',
  'a: b',
  '- a',
  '"a\\\\b"',
  '"\\x41"',
  '"\\N"',
  '"\\_"',
  '"\\L\\P"',
  '"line\\nbreak"',
  '"é"',
  '"😀"',
];

describe('fast-yaml: the value yaml builds, or no answer', () => {
  it('agrees on every document of every golden and vector workspace, and answers for most', () => {
    let documents = 0;
    let answered = 0;
    for (const file of workspaceFiles())
      for (const doc of documentsOf(file.text)) {
        documents++;
        if (fastDocumentValue(doc)) answered++;
        expect(disagreement(doc), file.name).toBeNull();
      }
    // The fast path is worth having only if the workspaces people write take it.
    expect(answered / documents).toBeGreaterThan(0.8);
  });

  it('agrees on 3,000 fuzzed mutations of them (hostile ones included)', () => {
    const problems: string[] = [];
    for (const c of fuzzCases(workspaceFiles(), 20261127, 3000, SMALL_SIZES))
      for (const doc of documentsOf(c.text).slice(0, 20)) {
        const problem = disagreement(doc);
        if (problem) problems.push(`${c.description}: ${problem}`);
      }
    expect(problems.slice(0, 3)).toEqual([]);
  });

  it('resolves tricky scalars as yaml does, as values, keys, and in flow and block collections', () => {
    for (const s of TRICKY_SCALARS)
      for (const doc of [
        `a: ${s}\n`,
        `- ${s}\n`,
        `[${s}]\n`,
        `{a: ${s}}\n`,
        `${s}: b\n`,
        `a:\n  - ${s}\n  - x\n`,
        `${s}\n`,
      ])
        expect(disagreement(doc)).toBeNull();
  });

  it('agrees on random documents (fast-check)', () => {
    const scalar = fc.oneof(
      fc.constantFrom(...TRICKY_SCALARS),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    );
    type Tree = string | Tree[] | [string, Tree][];
    const { tree } = fc.letrec<{ tree: Tree; seq: Tree[]; map: [string, Tree][] }>((t) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, t('seq'), t('map')),
      seq: fc.array(t('tree'), { maxLength: 4 }),
      map: fc.array(fc.tuple(scalar, t('tree')), { maxLength: 4 }),
    }));
    const flow = (x: Tree): string =>
      typeof x === 'string'
        ? x
        : x.length &&
            Array.isArray(x[0]) &&
            x.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string')
          ? `{${(x as [string, Tree][]).map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`
          : `[${(x as Tree[]).map(flow).join(', ')}]`;
    const block = (x: Tree, indent: string): string => {
      if (typeof x === 'string') return ` ${x}\n`;
      if (x.length === 0) return ` ${flow(x)}\n`;
      const isMap = x.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string');
      return `\n${(x as Tree[])
        .map((e, i) =>
          isMap
            ? `${indent}${(e as [string, Tree])[0]}:${block((e as [string, Tree])[1], `${indent}  `)}`
            : `${indent}-${i % 2 ? block(e, `${indent}  `) : ` ${flow(e)}\n`}`,
        )
        .join('')}`;
    };
    fc.assert(
      fc.property(tree, fc.boolean(), (t, asFlow) => {
        const text = asFlow ? `${flow(t)}\n` : block(t, '').replace(/^\n/, '');
        expect(disagreement(text)).toBeNull();
      }),
      { numRuns: 3000, seed: 20261127 },
    );
  });

  it('leaves anchors, aliases, tags, directives, explicit and collection keys, and duplicates to yaml', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '%YAML 1.2\n---\na: 1\n',
      '? a\n: b\n',
      '[a]: b\n',
      '{a: b}: c\n',
      '{[a]}\n',
      '{{a: b}}\n',
      '{x: 1, [a]}\n',
      '- {x: 1, {a: b}}\n',
      'a: 1\na: 2\n',
      '1: a\n"1": b\n',
      'a: [1, 2\n',
      '~: a\n',
      '0x1F: a\n',
      '{1.50: a}\n',
      '---# not a marker\na: 1\n',
      '- {#\n  }\n',
      '[a,#\n]\n',
      'a: [#\n  ]\n',
    ])
      expect(fastDocumentValue(text), text).toBeUndefined();
  });
});

describe('fast-yaml: runs of one-line flow mappings, read as JSON', () => {
  const run = (lines: string[], indent = '  ') => lines.map((l) => `${indent}- ${l}\n`).join('');

  it('takes the lists big workspaces are made of, and gives the value yaml builds', () => {
    const probes = Array.from(
      { length: 50 },
      (_, i) =>
        `{from: ns${i % 7}/w${i}, to: ns0/w${i % 3}, port: ${8000 + i}, request: {path: /ip, headers: {x-a: b}}}`,
    );
    const workloads = [
      '{name: w0, namespace: ns0, labels: {app: w0}, serviceAccount: sa0, ports: [{name: http, port: 8000, targetPort: 8080}]}',
      '{name: w1, namespace: ns9, sidecar: false, gateway: true, ports: []}',
      '{name: w2, namespace: ns9, service: null, labels: {}}',
    ];
    const text = `apiVersion: playground/v1\nkind: Mesh\nspec:\n  workloads:\n${run(workloads, '    ')}  probes:\n${run(probes, '    ')}`;
    // Both runs are taken out (so JSON reads them) …
    expect(extractFlowRuns(text)?.entries.map((e) => e.length)).toEqual([3, 50]);
    // … and the document's value is yaml's, booleans, null and numbers included.
    expect(fastDocumentValue(text)).toBeDefined();
    expect(disagreement(text)).toBeNull();
  });

  it('leaves a run to js-yaml when a word would not read the same as JSON', () => {
    for (const word of [
      'True',
      'FALSE',
      'Null',
      '~',
      '007',
      '-1',
      '1.5',
      '.5',
      '1e3',
      '0x1F',
      '10.0.0.1',
      'a:b',
      '__proto__',
      'a b',
      '"q"',
      'a#b',
    ])
      expect(extractFlowRuns(`- {k: ${word}}\n`), word).toBeNull();
    // A duplicate key is an error in YAML, not in JSON: yaml's problem, not a value.
    expect(extractFlowRuns('- {a: 1, a: 2}\n')).toBeNull();
    expect(fastDocumentValue('- {a: 1, a: 2}\n- {b: 1}\n')).toBeUndefined();
  });

  it('reads the text again when the lines were not list entries (block scalar, string, plain scalar)', () => {
    for (const text of [
      'a: |\n  - {b: c}\n  - {d: e}\n',
      'a: >\n  - {b: c}\n',
      'a: "x\n  - {b: c}\n  y"\n',
      "a: 'x\n  - {b: c}\n  y'\n",
      'a: x\n  - {b: c}\n',
      'a:\n  - {b: c}\n    - {d: e}\n',
      '- {b: c}\n  text\n',
      '# - {b: c}\n- {d: e}\n',
      'a: [\n  - {b: c}\n]\n',
    ]) {
      expect(extractFlowRuns(text), text).not.toBeNull();
      expect(disagreement(text), text).toBeNull();
    }
    // U+2028 and U+2029 end a line for a JavaScript regular expression, not for YAML.
    for (const text of ['- {a: b}\u2028- {c: d}\n', '- {a: b}\n- {c: d}\u2029- {e: f}\n'])
      expect(disagreement(text), text).toBeNull();
    // A text that holds the marker word itself is read without runs.
    expect(extractFlowRuns('- {a: fast-yaml-run-0}\n')).toBeNull();
  });

  it('agrees with yaml on random runs in random places (fast-check)', () => {
    const word = fc.oneof(
      fc.constantFrom(
        'a',
        'b-c',
        '/ip',
        'x.y/z',
        '_u',
        'w0',
        'true',
        'false',
        'null',
        'True',
        'NaN',
        'Infinity',
      ),
      fc.constantFrom(
        '0',
        '8000',
        '007',
        '-1',
        '1.5',
        '12345678901234567',
        'a:b',
        '__proto__',
        'a b',
        '~',
        '-',
        '.',
      ),
      fc.stringMatching(/^[a-z/_][a-z0-9./_-]{0,5}$/),
    );
    type Flow = string | Flow[] | [string, Flow][];
    const { flow } = fc.letrec<{ flow: Flow; seq: Flow[]; map: [string, Flow][] }>((t) => ({
      flow: fc.oneof({ depthSize: 'small', withCrossShrink: true }, word, t('seq'), t('map')),
      seq: fc.array(t('flow'), { maxLength: 3 }),
      map: fc.array(fc.tuple(word, t('flow')), { maxLength: 3 }),
    }));
    const text = (x: Flow): string =>
      typeof x === 'string'
        ? x
        : x.length && x.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string')
          ? `{${(x as [string, Flow][]).map(([k, v]) => `${k}: ${text(v)}`).join(', ')}}`
          : `[${(x as Flow[]).map(text).join(', ')}]`;
    const mapping = fc
      .array(fc.tuple(word, flow), { maxLength: 4 })
      .map((pairs) => text(pairs.length ? pairs : []));
    const entry = mapping.map((m) => (m.startsWith('{') ? m : '{}'));
    const place = fc.constantFrom(
      (lines: string) => lines.replace(/^ {2}/gm, ''),
      (lines: string) => `items:\n${lines}other: 1\n`,
      (lines: string) => `a:\n  b:\n${lines.replace(/^/gm, '  ')}`,
      (lines: string) => `a: |\n${lines}`,
      (lines: string) => `a: "x\n${lines}"\n`,
      (lines: string) => `a: x\n${lines}`,
      (lines: string) => `items:\n  - {}\n${lines}  - [x]\n${lines}`,
    );
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 6 }), place, (entries, at) => {
        expect(disagreement(at(run(entries)))).toBeNull();
      }),
      { numRuns: 3000, seed: 20261127 },
    );
  });
});

describe('parsing with the plain reader', () => {
  it('gives every golden and vector workspace the same documents, values, ranges and diagnostics', () => {
    for (const file of workspaceFiles()) {
      const slow = parseWorkspaceText(file.text);
      const fast = parseWorkspaceText(file.text, new ParseCache(fastDocumentValue));
      expect(fast.diagnostics, file.name).toEqual(slow.diagnostics);
      expect(fast.documents.length, file.name).toBe(slow.documents.length);
      fast.documents.forEach((doc, i) => {
        const other = slow.documents[i];
        expect({ value: doc.value, range: doc.range }, file.name).toEqual({
          value: other?.value,
          range: other?.range,
        });
        // A position inside: the tree built on demand points where yaml's own does.
        for (const path of [['metadata', 'name'], ['spec'], ['kind']])
          expect(doc.rangeOf(path), `${file.name} ${path.join('.')}`).toEqual(other?.rangeOf(path));
      });
    }
  });
});
