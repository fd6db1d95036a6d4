/**
 * flow-runs.ts reads runs of one-line flow mappings with JSON.parse, inside fast-yaml.ts's plain
 * path: where it takes a run, the document's value must still be exactly what `yaml` builds, and
 * where the lines are not the list entries they look like, the text must be read again whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disagreement } from '../test/yaml-agreement';
import { extractFlowRuns } from './flow-runs';
import { fastDocumentValue } from './fast-yaml';

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
