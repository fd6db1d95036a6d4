/**
 * Fuzzing the whole evaluator with mutated workspaces: every golden workspace and SEMANTICS vector,
 * broken in thousands of seeded random ways, must evaluate without throwing, rejecting or hanging,
 * to an Evaluation whose diagnostics and ranges are well formed. A failure names the file, the case
 * and the mutations, and the seed makes it reproduce.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvaluator, evaluateWorkspace } from '../src';
import type { Evaluation, SourceRange } from '../src';

/** Mutated workspaces per source file: 114 files → 4,560 cases of 1–3 mutations (~12 s on 2 idle cores). */
const CASES_PER_FILE = 40;
const NOW = new Date('2026-01-01T00:00:00Z');
const SEVERITIES = new Set(['error', 'warning', 'info']);
const VERDICTS = new Set([
  'allowed',
  'denied',
  'custom-denied',
  'unauthenticated',
  'audience-rejected',
  'mtls-failure',
  'no-route',
  'invalid',
]);

const sources = ['golden', 'vectors'].flatMap((dir) =>
  readdirSync(join(import.meta.dirname, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(import.meta.dirname, dir, f), 'utf8') })),
);

/** mulberry32: a small seeded PRNG, so every case reproduces from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)] as T };
}
type Rng = ReturnType<typeof rng>;

const hash = (text: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** Values of every other type, and the hostile ones. */
const SCALARS = [
  'null',
  '~',
  '[]',
  '{}',
  '""',
  "''",
  '0',
  '-1',
  '65536',
  '3.5',
  '1e400',
  '-1e400',
  '.inf',
  '.nan',
  '99999999999999999999999999999999',
  '-99999999999999999999',
  '0x1F',
  '0o17',
  'true',
  'false',
  'yes',
  '*',
  '"*"',
  '"**"',
  '/',
  '"/*"',
  'x'.repeat(5000),
  `"${'y'.repeat(20000)}"`,
  '🦄 ünïcödé 中文',
  '"\\u0000"',
  '"\\uD800"',
  '__proto__',
  'constructor',
  '{__proto__: {polluted: 1}}',
  '{constructor: {prototype: {polluted: 1}}}',
  '&a x',
  '*a',
  '*nope',
  '!!binary AAAA',
  '!!int x',
  '!custom x',
  '|',
  '>-',
  '? x',
  '- x',
  ':',
  '"',
  "'",
  '[',
  '{',
  '[[[[[[[[[[]]]]]]]]]]',
  '{a: {b: {c: {d: {e: 1}}}}}',
  '[*, "", null, 1, {}]',
  '2026-01-01',
  '"2026-01-01T00:00:00Z"',
  'GET',
  'ALLOW',
  'DENY',
  'CUSTOM',
  'STRICT',
  'DISABLE',
  'PERMISSIVE',
  'UNSET',
  'foo/httpbin',
  'external',
  '"cluster.local/ns/*"',
  '"10.0.0.0/8"',
  '"::1/128"',
  '"999.1.1.1"',
  '"a.b.c.d/99"',
  'request.auth.claims[groups]',
  'request.headers[:authority]',
];
const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '<<',
  'kind',
  'apiVersion',
  'metadata',
  'spec',
  'selector',
  'rules',
  'from',
  'to',
  'when',
  'action',
  'mtls',
  'portLevelMtls',
  'jwtRules',
  'targetRefs',
  'items',
  'probes',
  'workloads',
  'port',
  'ports',
  '"quoted key"',
  '? complex',
  'ünï',
  '"',
  '',
];
const LINES = [
  '---',
  '...',
  '--- # x',
  '- ',
  '  - ',
  '#',
  '%YAML 1.2',
  '? ',
  ': ',
  '\t',
  '&a',
  '*a',
  'kind: List',
  'items:',
  '  <<: *a',
];

interface Mutation {
  name: string;
  apply(text: string, r: Rng): string;
}

const lines = (text: string) => text.split('\n');
const keyValue = /^(\s*(?:- )?)([^\s:#][^:#]*?):(\s+)(\S.*)$/;

/** Rewrites one randomly chosen `key: value` line (indent, key, space, value → new line). */
function onKeyValueLine(
  text: string,
  r: Rng,
  rewrite: (indent: string, key: string, space: string, value: string) => string,
): string {
  const l = lines(text);
  const candidates = l.map((line, i) => (keyValue.test(line) ? i : -1)).filter((i) => i >= 0);
  if (!candidates.length) return text;
  const i = r.pick(candidates);
  l[i] = (l[i] ?? '').replace(keyValue, (_, indent: string, key: string, space: string, value: string) =>
    rewrite(indent, key, space, value),
  );
  return l.join('\n');
}

const MUTATIONS: Mutation[] = [
  {
    name: 'delete line',
    apply: (t, r) => {
      const l = lines(t);
      l.splice(r.int(l.length), 1 + r.int(3));
      return l.join('\n');
    },
  },
  {
    name: 'duplicate line',
    apply: (t, r) => {
      const l = lines(t);
      const i = r.int(l.length);
      l.splice(i, 0, ...l.slice(i, i + 1 + r.int(4)));
      return l.join('\n');
    },
  },
  {
    name: 'swap lines',
    apply: (t, r) => {
      const l = lines(t);
      const i = r.int(l.length);
      const j = r.int(l.length);
      [l[i], l[j]] = [l[j] ?? '', l[i] ?? ''];
      return l.join('\n');
    },
  },
  {
    name: 'reindent',
    apply: (t, r) => {
      const l = lines(t);
      const i = r.int(l.length);
      const line = l[i] ?? '';
      const choice = r.int(4);
      l[i] =
        choice === 0
          ? line.trimStart()
          : choice === 1
            ? ` ${line}`
            : choice === 2
              ? `\t${line}`
              : `${' '.repeat(r.int(12))}${line.trimStart()}`;
      return l.join('\n');
    },
  },
  {
    name: 'replace scalar',
    apply: (t, r) =>
      onKeyValueLine(t, r, (indent, key, space) => `${indent}${key}:${space}${r.pick(SCALARS)}`),
  },
  {
    name: 'replace key',
    apply: (t, r) =>
      onKeyValueLine(t, r, (indent, _key, space, value) => `${indent}${r.pick(KEYS)}:${space}${value}`),
  },
  {
    name: 'anchor and alias',
    apply: (t, r) => {
      const l = lines(t);
      const candidates = l.map((line, i) => (keyValue.test(line) ? i : -1)).filter((i) => i >= 0);
      if (candidates.length < 2) return t;
      const a = r.pick(candidates);
      const b = r.pick(candidates);
      const name = r.pick(['a', 'b', 'anchor']);
      l[a] = (l[a] ?? '').replace(
        keyValue,
        (_, indent: string, key: string, space: string, value: string) =>
          `${indent}${key}:${space}&${name} ${value}`,
      );
      l[b] = (l[b] ?? '').replace(
        keyValue,
        (_, indent: string, key: string, space: string) =>
          `${indent}${key}:${space}*${r.pick([name, 'a', 'zz'])}`,
      );
      return l.join('\n');
    },
  },
  { name: 'truncate', apply: (t, r) => t.slice(0, r.int(t.length + 1)) },
  {
    name: 'insert line',
    apply: (t, r) => {
      const l = lines(t);
      l.splice(r.int(l.length + 1), 0, r.pick(LINES));
      return l.join('\n');
    },
  },
  {
    name: 'insert characters',
    apply: (t, r) => {
      const at = r.int(t.length + 1);
      const chars = r.pick([
        '\u0000',
        '\r',
        '\uFEFF',
        '\uD83D',
        '🦄',
        '"',
        "'",
        '{',
        '}',
        '[',
        ']',
        ':',
        '-',
        '#',
        '&',
        '*',
        '!',
        '|',
        '>',
        '%',
        '@',
        '`',
        ',',
        '\t',
        '\n',
        '\u2028',
      ]);
      return t.slice(0, at) + chars.repeat(1 + r.int(3)) + t.slice(at);
    },
  },
  { name: 'CRLF', apply: (t) => t.replace(/\n/g, '\r\n') },
  {
    name: 'duplicate document',
    apply: (t, r) => {
      const docs = t.split(/^---$/m);
      const i = r.int(docs.length);
      docs.splice(i, 0, docs[i] ?? '');
      return docs.join('---');
    },
  },
  {
    name: 'drop document',
    apply: (t, r) => {
      const docs = t.split(/^---$/m);
      docs.splice(r.int(docs.length), 1);
      return docs.join('---');
    },
  },
  {
    name: 'alias bomb',
    apply: (t) => {
      const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 8; i++)
        bomb.push(
          `${'abcdefgh'[i] ?? 'z'}: &${'abcdefgh'[i] ?? 'z'} [${Array(9)
            .fill(`*${'abcdefgh'[i - 1] ?? 'a'}`)
            .join(', ')}]`,
        );
      return `${t}\n---\n${bomb.join('\n')}\n`;
    },
  },
];

/** Line and column of an offset, counted here independently of the parser. */
function positionOf(text: string, offset: number) {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

function rangeProblems(text: string, range: SourceRange, where: string): string[] {
  const out: string[] = [];
  const ints = [
    range.offset,
    range.length,
    range.start.line,
    range.start.column,
    range.end.line,
    range.end.column,
  ];
  if (!ints.every((n) => Number.isInteger(n)))
    return [`${where}: non-integer range ${JSON.stringify(range)}`];
  if (range.offset < 0 || range.length < 0 || range.offset + range.length > text.length) {
    out.push(`${where}: range ${range.offset}+${range.length} outside a text of ${text.length}`);
    return out;
  }
  const start = positionOf(text, range.offset);
  const end = positionOf(text, range.offset + range.length);
  if (start.line !== range.start.line || start.column !== range.start.column) {
    out.push(
      `${where}: start ${JSON.stringify(range.start)} but offset ${range.offset} is ${JSON.stringify(start)}`,
    );
  }
  if (end.line !== range.end.line || end.column !== range.end.column) {
    out.push(
      `${where}: end ${JSON.stringify(range.end)} but offset ${range.offset + range.length} is ${JSON.stringify(end)}`,
    );
  }
  return out;
}

/** Everything that must hold of any Evaluation of any text. */
function evaluationProblems(text: string, evaluation: Evaluation): string[] {
  const out: string[] = [];
  if (!evaluation || typeof evaluation !== 'object') return ['not an object'];
  if (!evaluation.metadata || typeof evaluation.metadata !== 'object') out.push('metadata is not an object');
  for (const key of ['diagnostics', 'documents', 'workloads', 'probes'] as const) {
    if (!Array.isArray(evaluation[key])) return [...out, `${key} is not an array`];
  }
  evaluation.diagnostics.forEach((d, i) => {
    const where = `diagnostic ${i} (${String(d.code)})`;
    if (typeof d.code !== 'string' || !d.code) out.push(`${where}: no code`);
    if (!SEVERITIES.has(d.severity)) out.push(`${where}: severity ${String(d.severity)}`);
    if (typeof d.message !== 'string' || !d.message) out.push(`${where}: no message`);
    if (!Number.isInteger(d.document) || d.document < -1)
      out.push(`${where}: document ${String(d.document)}`);
    if (d.range !== null) {
      if (typeof d.range !== 'object') out.push(`${where}: range ${String(d.range)}`);
      else out.push(...rangeProblems(text, d.range, where));
    }
  });
  evaluation.documents.forEach((d, i) => out.push(...rangeProblems(text, d.range, `document ${i}`)));
  evaluation.probes.forEach((p, i) => {
    if (!VERDICTS.has(p.verdict)) out.push(`probe ${i}: verdict ${String(p.verdict)}`);
    if (typeof p.status !== 'string' || !p.status) out.push(`probe ${i}: status ${String(p.status)}`);
    if (!Array.isArray(p.trace)) out.push(`probe ${i}: trace is not an array`);
    else
      p.trace.forEach((s, j) => s.range && out.push(...rangeProblems(text, s.range, `probe ${i} step ${j}`)));
  });
  return out;
}

/** What the mutated cases exercised, so a fuzz run that tests nothing cannot pass. */
const coverage = { cases: 0, withErrors: 0, withProbes: 0 };

async function check(text: string): Promise<string[]> {
  try {
    const evaluation = await evaluateWorkspace(text, { now: NOW });
    coverage.cases += 1;
    if (evaluation.diagnostics.some((d) => d.severity === 'error')) coverage.withErrors += 1;
    if (evaluation.probes.length > 0) coverage.withProbes += 1;
    return evaluationProblems(text, evaluation);
  } catch (error) {
    return [`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
  }
}

describe('fuzz: mutated golden workspaces and vectors', () => {
  it('has sources to mutate', () => {
    expect(sources.length).toBeGreaterThan(50);
  });

  for (const source of sources) {
    it(source.name, async () => {
      const seed = hash(source.name);
      const r = rng(seed);
      const failures: string[] = [];
      // One stateful evaluator per file: its ParseCache sees every edit in turn, as the app's does.
      const evaluator = createEvaluator();
      let previous = source.text;
      for (let c = 0; c < CASES_PER_FILE; c++) {
        // Half the cases start again from the original, half keep breaking the last one.
        let text = r.next() < 0.5 ? source.text : previous;
        const applied: string[] = [];
        for (let m = 1 + r.int(3); m > 0; m--) {
          const mutation = r.pick(MUTATIONS);
          text = mutation.apply(text, r);
          applied.push(mutation.name);
        }
        previous = text;
        const label = `${source.name} seed ${seed} case ${c} [${applied.join(', ')}]`;
        const problems = await check(text);
        if (problems.length) failures.push(`${label}: ${problems.slice(0, 3).join('; ')}`);
        // The cached, incremental path must agree with a fresh evaluation of the same text.
        if (c % 3 === 0 && !problems.some((p) => p.startsWith('threw'))) {
          try {
            const [cached, fresh] = [
              await evaluator.evaluate(text, { now: NOW }),
              await evaluateWorkspace(text, { now: NOW }),
            ];
            if (JSON.stringify(cached) !== JSON.stringify(fresh))
              failures.push(`${label}: the cached evaluator disagrees with a fresh one`);
          } catch (error) {
            failures.push(`${label}: cached evaluator threw ${String(error)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('exercised both broken and still-evaluable workspaces', () => {
    expect(coverage.cases).toBe(sources.length * CASES_PER_FILE);
    expect(coverage.withErrors).toBeGreaterThan(coverage.cases * 0.2);
    expect(coverage.withProbes).toBeGreaterThan(coverage.cases * 0.2);
  });
});

describe('fuzz: arbitrary strings (fast-check)', () => {
  const yamlish = fc
    .array(
      fc.constantFrom(
        ...LINES,
        ...KEYS.map((k) => `${k}: `),
        ...SCALARS.filter((s) => s.length < 100),
        '\n',
        '  ',
        '- ',
        'apiVersion: playground/v1\n',
        'kind: Mesh\n',
        'kind: Probes\n',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));

  it.each([
    ['fc.string', fc.string({ maxLength: 200 })],
    ['full unicode (binary units)', fc.string({ unit: 'binary', maxLength: 200 })],
    ['YAML-ish tokens', yamlish],
  ])('evaluateWorkspace never throws on %s', async (_, arbitrary) => {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (text) => {
        expect(await check(text)).toEqual([]);
      }),
      { numRuns: 300, seed: 20260101 },
    );
  });

  it('leaves Object.prototype alone after all of it', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
