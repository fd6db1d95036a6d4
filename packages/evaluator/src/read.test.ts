/** read.ts: one Reader, two readings (kubectl's strict one and the playground's lenient one). */
import { describe, expect, it } from 'vitest';
import type { NodePath, ParsedDocument } from './document';
import { parseWorkspaceText } from './parse';
import { isRecord } from './guards';
import { type Dict, KUBECTL_READING, Reader, playgroundReading } from './read';

function docOf(text: string): { doc: ParsedDocument; root: Dict } {
  const parsed = parseWorkspaceText(text);
  expect(parsed.diagnostics, 'the test input is valid YAML').toEqual([]);
  const doc = parsed.documents[0];
  if (!doc || !isRecord(doc.value)) throw new Error('no map document');
  return { doc, root: doc.value };
}

const TEXT = 'kind: Thing\nspec:\n  port: "80"\n  name: 123\n  ports: [1, {x: 1}, 2]\n  enabled: maybe\n';
const spec = (root: Dict): Dict => (isRecord(root.spec) ? root.spec : {});
const S: NodePath = ['spec'];

describe('kubectl reading (the default)', () => {
  it('refuses unknown fields with a hint, names the resource and rejects the object', () => {
    const { doc, root } = docOf('kind: Thing\nspec:\n  Ports: []\n');
    const r = new Reader(doc, 'Thing');
    r.resource.name = 'x';
    r.resource.namespace = 'foo';
    r.fields(spec(root), S, ['ports']);
    expect(r.options).toBe(KUBECTL_READING);
    expect(r.rejected).toBe(true);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d?.severity).toBe('error');
    expect(d?.message).toBe(
      'Thing foo/x: unknown field "spec.Ports" (did you mean "ports"?); ' +
        "kubectl's strict field validation refuses the object",
    );
    expect(d?.resource).toEqual({ kind: 'Thing', name: 'x', namespace: 'foo', document: 0 });
    expect(d?.range?.start).toEqual({ line: 3, column: 3 });
  });

  it('takes no scalar of the wrong type and says what it found', () => {
    const { doc, root } = docOf(TEXT);
    const r = new Reader(doc, 'Thing');
    expect(r.integer(spec(root), 'port', S)).toBeUndefined();
    expect(r.string(spec(root), 'name', S)).toBeUndefined();
    expect(r.boolean(spec(root), 'enabled', S)).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'Thing default/(unnamed): spec.port must be an integer, found a string; the API server refuses the object',
      'Thing default/(unnamed): spec.name must be a string, found an integer; the API server refuses the object',
      'Thing default/(unnamed): spec.enabled must be a boolean, found a string; the API server refuses the object',
    ]);
  });
});

describe('playground reading', () => {
  it('ignores unknown fields with a warning, rejects nothing and carries no resource', () => {
    const { doc, root } = docOf('kind: Thing\nspec:\n  Ports: []\n');
    const r = new Reader(doc, 'Mesh', playgroundReading('Mesh'));
    r.fields(spec(root), S, ['ports']);
    r.error('mesh.something', S, 'an error');
    expect(r.rejected).toBe(false);
    expect(r.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'Mesh: unknown field "spec.Ports" is ignored'],
      ['error', 'Mesh: an error'],
    ]);
    expect(r.diagnostics.every((d) => d.resource === undefined)).toBe(true);
  });

  it('takes scalars as text and digit strings as integers; words type errors plainly', () => {
    const { doc, root } = docOf(TEXT);
    const r = new Reader(doc, 'Mesh', playgroundReading('Mesh'));
    expect(r.integer(spec(root), 'port', S, { min: 1, max: 65535 })).toBe(80);
    expect(r.string(spec(root), 'name', S)).toBe('123');
    expect(r.boolean(spec(root), 'enabled', S)).toBeUndefined();
    expect(r.stringList(spec(root), 'ports', S)).toEqual(['1', '2']);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'Mesh: spec.enabled must be true or false',
      'Mesh: spec.ports.1 must be a string',
    ]);
  });
});

describe('integer bounds', () => {
  it('an integer out of bounds is one schema.type error at the value', () => {
    const { doc, root } = docOf('kind: Thing\nspec:\n  port: 70000\n  low: 0\n  ok: 65535\n');
    const r = new Reader(doc, 'Mesh', playgroundReading('Mesh'));
    const bounds = { min: 1, max: 65535 };
    expect(r.integer(spec(root), 'port', S, bounds)).toBeUndefined();
    expect(r.integer(spec(root), 'low', S, bounds)).toBeUndefined();
    expect(r.integer(spec(root), 'ok', S, bounds)).toBe(65535);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.range?.start.line])).toEqual([
      ['schema.type', 'Mesh: spec.port must be an integer from 1 to 65535', 3],
      ['schema.type', 'Mesh: spec.low must be an integer from 1 to 65535', 4],
    ]);
  });
});

describe('each', () => {
  it('visits the maps of a list in order with their paths, reporting other items in place', () => {
    const { doc, root } = docOf('kind: Thing\nspec:\n  items:\n    - {a: 1}\n    - 7\n    - {b: 2}\n');
    const r = new Reader(doc, 'Mesh', playgroundReading('Mesh'));
    const seen: string[] = [];
    r.each(spec(root), 'items', S, (item, path) => {
      seen.push(`${path.join('.')}:${Object.keys(item).join()}`);
      r.warning('test.visit', path, path.join('.'));
    });
    expect(seen).toEqual(['spec.items.0:a', 'spec.items.2:b']);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'Mesh: spec.items.0',
      'Mesh: spec.items.1 must be a map',
      'Mesh: spec.items.2',
    ]);
  });

  it('reports a value that is not a list and visits nothing', () => {
    const { doc, root } = docOf('kind: Thing\nspec:\n  items: {a: 1}\n');
    const r = new Reader(doc, 'Thing');
    let visits = 0;
    r.each(spec(root), 'items', S, () => visits++);
    expect(visits).toBe(0);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'Thing default/(unnamed): spec.items must be a list, found a map; the API server refuses the object',
    ]);
  });
});
