/**
 * fast-yaml.ts may answer only where `yaml` (the parser whose diagnostics are the contract) would
 * report no problem and build the very same value. Checked on every document of the golden and
 * vector workspaces, on fuzzed mutations of them, on tricky scalars, and on random documents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzCases, SMALL_SIZES } from '../test/fuzz-kit';
import { disagreement } from '../test/yaml-agreement';
import { workspaceFiles } from '../test/workspaces';
import { fastDocumentValue } from './fast-yaml';
import { ParseCache, parseWorkspaceText } from './parse';

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
