/** parse.ts: documents and their positions in the whole text, and every way YAML input can be hostile. */
import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_COUNT, WORKSPACE_SIZE_LIMIT } from './limits';
import { tooDeepAt } from './nesting';
import { ParseCache, parseWorkspaceText } from './parse';
import type { SourceRange } from './types';

/** The text a range covers. */
const slice = (text: string, range: SourceRange) => text.slice(range.offset, range.offset + range.length);

/** 1-based line/column of a 0-based offset, computed independently of the `yaml` library. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** Asserts the range's line/column agree with its offset/length. */
function expectConsistent(text: string, range: SourceRange) {
  expect(range.start).toEqual(positionOf(text, range.offset));
  expect(range.end).toEqual(positionOf(text, range.offset + range.length));
}

describe('document splitting', () => {
  it('parses each document and numbers them from 0', () => {
    const { documents, diagnostics } = parseWorkspaceText('a: 1\n---\nb: 2\n---\nc: 3\n');
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => [d.index, d.value])).toEqual([
      [0, { a: 1 }],
      [1, { b: 2 }],
      [2, { c: 3 }],
    ]);
  });

  it('gives documents after the first ranges in whole-text lines, columns and offsets', () => {
    const text = 'a: 1\n---\nkind: X\nspec:\n  deep:\n    value: here\n---\nother: 1\n';
    const { documents } = parseWorkspaceText(text);
    const second = documents[1];
    expect(second?.kind).toBe('X');
    const range = second?.rangeOf(['spec', 'deep', 'value']);
    if (!range) throw new Error('no range');
    expect(slice(text, range)).toBe('here');
    expect(range.start).toEqual({ line: 6, column: 12 });
    expect(range.offset).toBe(text.indexOf('here'));
    expectConsistent(text, range);
    const key = second?.keyRangeOf(['spec', 'deep']);
    if (!key) throw new Error('no key range');
    expect(slice(text, key)).toBe('deep');
    expect(key.start).toEqual({ line: 5, column: 3 });
    const third = documents[2]?.rangeOf(['other']);
    if (!third) throw new Error('no range');
    expect(third.start.line).toBe(8);
    expect(slice(text, third)).toBe('1');
  });

  it('falls back to the nearest existing ancestor for a missing path', () => {
    const text = 'x: 0\n---\nspec:\n  a: 1\n';
    const doc = parseWorkspaceText(text).documents[1];
    const range = doc?.rangeOf(['spec', 'missing', 'deeper']);
    if (!range) throw new Error('no range');
    expect(slice(text, range)).toBe('a: 1\n');
    expect(range.start).toEqual({ line: 4, column: 3 });
  });

  it('finds map keys the decoded value spells as strings (numeric keys such as ports)', () => {
    const text =
      'a: 0\n---\nspec:\n  portLevelMtls:\n    8080:\n      mode: DISABLE\n  list:\n    - x\n    - y\n';
    const doc = parseWorkspaceText(text).documents[1];
    if (!doc) throw new Error('no document');
    const mode = doc.rangeOf(['spec', 'portLevelMtls', '8080', 'mode']);
    expect(slice(text, mode)).toBe('DISABLE');
    expect(mode.start).toEqual({ line: 6, column: 13 });
    expect(doc.rangeOf(['spec', 'portLevelMtls', 8080, 'mode'])).toEqual(mode);
    const key = doc.keyRangeOf(['spec', 'portLevelMtls', '8080']);
    expect(slice(text, key)).toBe('8080');
    expect(slice(text, doc.rangeOf(['spec', 'list', 1]))).toBe('y');
    expect(slice(text, doc.rangeOf(['spec', 'list', '1']))).toBe('y');
    expect(slice(text, doc.keyRangeOf(['spec', 'list']))).toBe('list');
  });

  it('accepts a leading `---` and does not count an empty document before it', () => {
    const text = '---\na: 1\n---\nb: 2\n';
    const { documents, diagnostics } = parseWorkspaceText(text);
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(documents[0]?.rangeOf(['a']).start).toEqual({ line: 2, column: 4 });
    expect(documents[1]?.rangeOf(['b']).start).toEqual({ line: 4, column: 4 });
  });

  it('skips comment-only and empty documents without shifting positions', () => {
    const text = '# header\n---\n# only a comment\n---\n---\nb: 2\n';
    const { documents, diagnostics } = parseWorkspaceText(text);
    expect(diagnostics).toEqual([]);
    expect(documents).toHaveLength(1);
    expect(documents[0]?.index).toBe(0);
    expect(documents[0]?.value).toEqual({ b: 2 });
    const range = documents[0]?.rangeOf(['b']);
    if (!range) throw new Error('no range');
    expect(range.start).toEqual({ line: 6, column: 4 });
    expectConsistent(text, range);
  });

  it('yields nothing for empty, blank and marker-only texts', () => {
    for (const text of ['', '\n\n', '---\n', '---\n...\n', '# c\n', '   \n---\n  \n']) {
      expect(parseWorkspaceText(text)).toEqual({ documents: [], diagnostics: [] });
    }
  });

  it('keeps a first document that starts with a byte order mark', () => {
    const text = '\uFEFFa: 1\n---\nb: 2\n';
    const { documents, diagnostics } = parseWorkspaceText(text);
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(documents[1]?.rangeOf(['b']).start).toEqual({ line: 3, column: 4 });
  });

  it('gives directives (%YAML) to the document their `---` opens', () => {
    for (const text of [
      '%YAML 1.2\n---\na: 1\n',
      'x: 0\n...\n%YAML 1.2\n%TAG !e! tag:example.com,2000:\n---\na: 1\n',
    ]) {
      const { documents, diagnostics } = parseWorkspaceText(text);
      expect(diagnostics, text).toEqual([]);
      expect(documents[documents.length - 1]?.value, text).toEqual({ a: 1 });
      expect(documents[documents.length - 1]?.rangeOf(['a']).start.line, text).toBe(
        text.split('\n').length - 1,
      );
    }
  });

  it('ends a document at `...` and starts the next one after it', () => {
    const text = 'a: 1\n...\nb: 2\n';
    const { documents, diagnostics } = parseWorkspaceText(text);
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(documents[1]?.rangeOf(['b']).start).toEqual({ line: 3, column: 4 });
  });

  it('keeps a `---` line with a comment as a marker', () => {
    const { documents } = parseWorkspaceText('a: 1\n--- # next\nb: 2\n');
    expect(documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('does not split at `---` inside a line or at an indented `---`', () => {
    const { documents } = parseWorkspaceText('a: "x --- y"\nb: |\n  ---\n  text\n');
    expect(documents).toHaveLength(1);
    expect(documents[0]?.value).toEqual({ a: 'x --- y', b: '---\ntext\n' });
  });

  it('handles CRLF line endings: markers, values and positions', () => {
    const text = 'a: 1\r\n---\r\nkind: X\r\nname: foo\r\n';
    const { documents, diagnostics } = parseWorkspaceText(text);
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => d.value)).toEqual([{ a: 1 }, { kind: 'X', name: 'foo' }]);
    const range = documents[1]?.rangeOf(['name']);
    if (!range) throw new Error('no range');
    expect(slice(text, range)).toBe('foo');
    expect(range.start).toEqual({ line: 4, column: 7 });
  });

  it('reads apiVersion and kind only when they are strings', () => {
    const { documents } = parseWorkspaceText('apiVersion: v1\nkind: 3\n---\n- a\n---\nplain\n');
    expect(documents.map((d) => [d.apiVersion, d.kind])).toEqual([
      ['v1', null],
      [null, null],
      [null, null],
    ]);
  });

  it('gives the whole-document range without trailing blank lines', () => {
    const text = 'a: 1\n\n\n---\nb: 2\n  \n';
    const [first, second] = parseWorkspaceText(text).documents;
    if (!first || !second) throw new Error('two documents expected');
    expect(slice(text, first.range)).toBe('a: 1');
    expect(slice(text, second.range)).toBe('---\nb: 2');
  });
});

describe('kind: List', () => {
  const text = [
    'x: 0',
    '---',
    'apiVersion: v1',
    'kind: List',
    'items:',
    '  - kind: A',
    '    metadata: {name: first}',
    '  - kind: B',
    '    metadata: {name: second}',
    '',
  ].join('\n');

  it('expands items into documents that share the List’s index, with basePath items.i', () => {
    const { documents, diagnostics } = parseWorkspaceText(text);
    expect(diagnostics).toEqual([]);
    expect(documents).toHaveLength(3);
    const [, a, b] = documents;
    expect(a?.index).toBe(1);
    expect(b?.index).toBe(1);
    expect(a?.kind).toBe('A');
    expect(b?.kind).toBe('B');
    expect(a?.basePath).toEqual(['items', 0]);
    expect(b?.basePath).toEqual(['items', 1]);
    expect(a?.value).toEqual({ kind: 'A', metadata: { name: 'first' } });
  });

  it('ranges items by their position in the List', () => {
    const { documents } = parseWorkspaceText(text);
    const b = documents[2];
    if (!b) throw new Error('no item');
    expect(b.range.start).toEqual({ line: 8, column: 5 });
    const name = b.rangeOf([...b.basePath, 'metadata', 'name']);
    expect(slice(text, name)).toBe('second');
    expect(name.start.line).toBe(9);
  });

  it('keeps a List without an items list as one document', () => {
    const { documents } = parseWorkspaceText('kind: List\nitems: 3\n');
    expect(documents).toHaveLength(1);
    expect(documents[0]?.basePath).toEqual([]);
  });

  it('yields no documents for an empty List', () => {
    expect(parseWorkspaceText('kind: List\nitems: []\n').documents).toEqual([]);
  });
});

describe('errors never throw', () => {
  it('turns a syntax error into yaml.syntax with a line and column, and a null value', () => {
    const text = 'a: 1\n---\nkind: X\nspec: {a: 1\nnext: 2\n';
    const { documents, diagnostics } = parseWorkspaceText(text);
    expect(documents[0]?.value).toEqual({ a: 1 });
    expect(documents[1]?.value).toBeNull();
    expect(documents[1]?.kind).toBeNull();
    const syntax = diagnostics.filter((d) => d.code === 'yaml.syntax');
    expect(syntax.length).toBeGreaterThan(0);
    for (const d of syntax) {
      expect(d.severity).toBe('error');
      expect(d.document).toBe(1);
      expect(d.message).not.toContain('\n');
      if (!d.range) throw new Error('no range');
      expect(d.range.start.line).toBeGreaterThanOrEqual(3);
      expect(d.range.offset + d.range.length).toBeLessThanOrEqual(text.length);
      expectConsistent(text, d.range);
    }
  });

  it('points at the bad line of a later document', () => {
    const text = 'a: 1\n---\nok: 1\nbad: : :\n';
    const { diagnostics } = parseWorkspaceText(text);
    const d = diagnostics.find((x) => x.code === 'yaml.syntax');
    expect(d?.range?.start.line).toBe(4);
  });

  it('reports a tab-indented map and an unterminated string', () => {
    for (const text of ['a:\n\tb: 1\n', 'a: "open\n', 'a: [1, 2\n', '- a\nb: 1\n', '? [a\n']) {
      const { diagnostics } = parseWorkspaceText(text);
      expect(
        diagnostics.some((d) => d.code === 'yaml.syntax'),
        text,
      ).toBe(true);
    }
  });

  it('keeps line numbers right after an unterminated quoted scalar (found by the fuzz run)', () => {
    const text =
      'a: 1\n---\n": playground/v1\nkind: Probes\nspec:\n  probes:\n    - name: one\n      expect: "200"\n    - name: two\n';
    const { diagnostics } = parseWorkspaceText(text);
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      if (!d.range) throw new Error('no range');
      expectConsistent(text, d.range);
    }
  });

  it('reports duplicate keys as yaml.duplicate-key at the second key', () => {
    const text = 'kind: X\nname: a\nname: b\n';
    const { documents, diagnostics } = parseWorkspaceText(text);
    expect(diagnostics.map((d) => d.code)).toEqual(['yaml.duplicate-key']);
    expect(diagnostics[0]?.range?.start).toEqual({ line: 3, column: 1 });
    expect(documents[0]?.value).toBeNull();
  });

  it('reports nested duplicate keys in a later document', () => {
    const { diagnostics } = parseWorkspaceText('a: 1\n---\nspec:\n  x: 1\n  x: 2\n');
    expect(diagnostics[0]?.code).toBe('yaml.duplicate-key');
    expect(diagnostics[0]?.document).toBe(1);
    expect(diagnostics[0]?.range?.start).toEqual({ line: 5, column: 3 });
  });

  it('reports keys that differ only in YAML type as duplicates (they are one key once decoded)', () => {
    for (const text of [
      '1: a\n"1": b\n',
      'true: a\n"true": b\n',
      'portLevelMtls:\n  8080: {}\n  "8080": {}\n',
    ]) {
      const { documents, diagnostics } = parseWorkspaceText(text);
      expect(
        diagnostics.map((d) => d.code),
        text,
      ).toEqual(['yaml.duplicate-key']);
      expect(documents[0]?.value, text).toBeNull();
    }
  });

  it('checks duplicate keys in linear time (a 200,000-key map under the size limit)', () => {
    // The yaml library's own check is quadratic: minutes for this map; vitest's timeout catches a regression.
    const keys = Array.from({ length: 200_000 }, (_, i) => `k${i}: 1`);
    const text = `${keys.join('\n')}\nk7: 2\n`;
    const { diagnostics } = parseWorkspaceText(text);
    expect(diagnostics.map((d) => d.code)).toEqual(['yaml.duplicate-key']);
    expect(diagnostics[0]?.range?.start).toEqual({ line: 200_001, column: 1 });
  });

  it('reports an unresolved alias as a syntax error, not as an alias bomb', () => {
    const { documents, diagnostics } = parseWorkspaceText('a: &x 1\nb: *y\n');
    expect(documents[0]?.value).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['yaml.syntax']);
    expect(diagnostics[0]?.message).toMatch(/alias/i);
  });

  it('resolves a few ordinary aliases', () => {
    const { documents, diagnostics } = parseWorkspaceText('a: &x {k: v}\nb: *x\n');
    expect(diagnostics).toEqual([]);
    expect(documents[0]?.value).toEqual({ a: { k: 'v' }, b: { k: 'v' } });
  });
});

describe('prototype-named keys', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('reads %s as an ordinary own key', (key) => {
    const text = `a: 1\n---\nspec:\n  nested:\n    ${key}: {polluted: 1}\n`;
    const { documents, diagnostics } = parseWorkspaceText(text);
    expect(diagnostics).toEqual([]);
    const nested = (documents[1]?.value as { spec: { nested: Record<string, unknown> } }).spec.nested;
    expect(Object.keys(nested)).toEqual([key]);
    expect(Object.getOwnPropertyDescriptor(nested, key)?.value).toEqual({ polluted: 1 });
    expect(documents[0]?.value).toEqual({ a: 1 });
  });

  it('never pollutes Object.prototype', () => {
    for (const text of [
      '__proto__: {polluted: 1}\n',
      'a:\n  __proto__:\n    polluted: 1\n',
      'constructor: {prototype: {polluted: 1}}\n',
      '- {__proto__: {polluted: 1}}\n',
      'a: &p {polluted: 1}\n__proto__: *p\n',
      'kind: List\nitems:\n  - __proto__: {polluted: 1}\n',
      '<<: {__proto__: {polluted: 1}}\n',
    ]) {
      const { documents, diagnostics } = parseWorkspaceText(text);
      expect(diagnostics, text).toEqual([]);
      for (const d of documents) {
        if (d.value !== null && typeof d.value === 'object')
          expect(Object.getPrototypeOf(d.value), text).toBe(
            Array.isArray(d.value) ? Array.prototype : Object.prototype,
          );
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('allows the words as values and inside longer keys', () => {
    const { diagnostics } = parseWorkspaceText(
      'a: __proto__\nmy_constructor: 1\nprototypes: [constructor]\n',
    );
    expect(diagnostics).toEqual([]);
  });
});

describe('resource limits', () => {
  it('refuses an alias bomb (billion laughs) with yaml.alias-limit', () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const text = `ok: 1\n---\n${lines.join('\n')}\n`;
    const { documents, diagnostics } = parseWorkspaceText(text);
    const bomb = diagnostics.filter((d) => d.code === 'yaml.alias-limit');
    expect(bomb).toHaveLength(1);
    expect(bomb[0]?.document).toBe(1);
    expect(bomb[0]?.message).toContain(String(MAX_ALIAS_COUNT));
    expect(documents[1]?.value).toBeNull();
    expect(documents[0]?.value).toEqual({ ok: 1 });
  });

  it('refuses more than MAX_ALIAS_COUNT aliases of one anchor', () => {
    const many = Array.from({ length: MAX_ALIAS_COUNT * 2 }, (_, i) => `k${i}: *a`).join('\n');
    const { diagnostics } = parseWorkspaceText(`a: &a [x]\n${many}\n`);
    expect(diagnostics.map((d) => d.code)).toContain('yaml.alias-limit');
  });

  it('refuses a text over WORKSPACE_SIZE_LIMIT with workspace.too-large and no documents', () => {
    const text = `a: ${'x'.repeat(WORKSPACE_SIZE_LIMIT)}\n`;
    const result = parseWorkspaceText(text);
    expect(result.documents).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      code: 'workspace.too-large',
      severity: 'error',
      document: -1,
      range: null,
    });
  });

  it('accepts a text exactly at the limit', () => {
    const text = `a: ${'x'.repeat(WORKSPACE_SIZE_LIMIT - 4)}\n`;
    expect(text.length).toBe(WORKSPACE_SIZE_LIMIT);
    const result = parseWorkspaceText(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.documents).toHaveLength(1);
  });

  it('stays linear on long runs of spaces inside a line (no regex backtracking)', () => {
    // A quadratic trailing-space regex took seconds at 80k spaces; 2M spaces must finish at once.
    const text = `a: b${' '.repeat(2_000_000)}c\n---\nd: 1\n`;
    const { documents, diagnostics } = parseWorkspaceText(text);
    expect(diagnostics).toEqual([]);
    expect(documents[1]?.rangeOf(['d']).start.line).toBe(3);
  });

  it('handles many documents', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `n: ${i}`).join('\n---\n');
    const { documents } = parseWorkspaceText(text);
    expect(documents).toHaveLength(2000);
    expect(documents[1999]?.rangeOf(['n']).start).toEqual({ line: 3999, column: 4 });
  });
});

describe('ParseCache', () => {
  const doc1 = 'apiVersion: v1\nkind: A\nspec:\n  x: 1\n';
  const doc2 = 'apiVersion: v1\nkind: B\nspec:\n  deep:\n    y: target\n';

  it('shifts an unchanged later document when an edit adds lines before it', () => {
    const cache = new ParseCache();
    const before = `${doc1}---\n${doc2}`;
    const first = parseWorkspaceText(before, cache);
    const r1 = first.documents[1]?.rangeOf(['spec', 'deep', 'y']);
    expect(r1?.start.line).toBe(10);

    const edited = `${doc1.replace('x: 1', 'x: 1\n  extra: 2\n  more: 3')}---\n${doc2}`;
    const second = parseWorkspaceText(edited, cache);
    const fresh = parseWorkspaceText(edited);
    const r2 = second.documents[1]?.rangeOf(['spec', 'deep', 'y']);
    if (!r2) throw new Error('no range');
    expect(r2.start.line).toBe(12);
    expect(slice(edited, r2)).toBe('target');
    expect(r2).toEqual(fresh.documents[1]?.rangeOf(['spec', 'deep', 'y']));
    expect(second.documents[1]?.range).toEqual(fresh.documents[1]?.range);
    expect(second.documents[1]?.keyRangeOf(['spec', 'deep'])).toEqual(
      fresh.documents[1]?.keyRangeOf(['spec', 'deep']),
    );
  });

  it('shifts diagnostics of an unchanged broken document too', () => {
    const cache = new ParseCache();
    const broken = 'kind: C\nname: a\nname: b\n';
    const a = parseWorkspaceText(`${doc1}---\n${broken}`, cache);
    expect(a.diagnostics[0]?.range?.start.line).toBe(8);
    const b = parseWorkspaceText(`# one more line\n${doc1}---\n${broken}`, cache);
    expect(b.diagnostics[0]?.range?.start.line).toBe(9);
    expect(b.diagnostics).toEqual(parseWorkspaceText(`# one more line\n${doc1}---\n${broken}`).diagnostics);
  });

  it('reuses the parse of an unchanged document (same value object)', () => {
    const cache = new ParseCache();
    const a = parseWorkspaceText(`${doc1}---\n${doc2}`, cache);
    const b = parseWorkspaceText(`${doc1.replace('x: 1', 'x: 2')}---\n${doc2}`, cache);
    expect(b.documents[1]?.value).toBe(a.documents[1]?.value);
    expect(b.documents[0]?.value).not.toBe(a.documents[0]?.value);
    expect(b.documents[0]?.value).toEqual({ apiVersion: 'v1', kind: 'A', spec: { x: 2 } });
  });

  it('gives identical results with and without the cache over a series of edits', () => {
    const cache = new ParseCache();
    const texts = [
      `${doc1}---\n${doc2}`,
      `${doc2}---\n${doc1}`,
      `${doc1}---\n${doc1}---\n${doc2}`,
      `\n\n${doc1}---\n${doc2}`,
      `${doc1}---\n${doc2}`,
    ];
    for (const text of texts) {
      const cached = parseWorkspaceText(text, cache);
      const fresh = parseWorkspaceText(text);
      expect(cached.diagnostics).toEqual(fresh.diagnostics);
      expect(cached.documents.map((d) => [d.index, d.value, d.range, d.rangeOf(['spec'])])).toEqual(
        fresh.documents.map((d) => [d.index, d.value, d.range, d.rangeOf(['spec'])]),
      );
    }
  });
});

describe('deeply nested documents', () => {
  it('are refused before parsing, with the place they go too deep', () => {
    const text = `kind: X\nspec:\n  rules: ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    const result = parseWorkspaceText(text);
    const problem = result.diagnostics.find((d) => d.code === 'yaml.too-deep');
    expect(problem?.severity).toBe('error');
    expect(problem?.range?.start.line).toBe(3);
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]?.value).toBeNull();
  });

  it('count only brackets outside quoted strings and comments', () => {
    const brackets = '['.repeat(100);
    expect(tooDeepAt(`a: "${brackets}"\nb: '${brackets}'\n# ${brackets}\nc: [[1]]\n`)).toBe(-1);
    expect(tooDeepAt(`a: ${'['.repeat(65)}`)).toBe(3 + 64);
  });
});
