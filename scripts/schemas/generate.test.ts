/**
 * The schema generator on a made-up CRD file (fixtures/widgets.crd.yaml): the expected schema
 * below is written by hand from the conversion rules in convert.ts and assemble.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateModule, parseArguments } from '../generate-schemas';
import type { WantedKind } from './assemble';
import { convertSchema } from './convert';
import { type Source, generateSchema, sha256 } from './emit';

const FIXTURE = join(import.meta.dirname, 'fixtures/widgets.crd.yaml');
const text = readFileSync(FIXTURE, 'utf8');
const sources: Source[] = [
  { repo: 'example/widgets', ref: 'v0.1.0 (0123abc)', files: [{ name: 'widgets.crd.yaml', text }] },
];
const WANTED: WantedKind[] = [
  { group: 'example.playground.dev', kind: 'Widget', versions: ['v1', 'v1beta1', 'v1alpha1'] },
  { group: 'other.playground.dev', kind: 'Widget', versions: ['v1'] },
  { group: 'other.playground.dev', kind: 'Gadget', versions: ['v2', 'v1'] },
];

const str = (title: string, more: Record<string, unknown> = {}) => ({ title, type: 'string', ...more });
const stringMap = (title: string) => ({ title, type: 'object', additionalProperties: { type: 'string' } });

function envelope(kind: string, group: string, spec: unknown, required = ['metadata']) {
  return {
    title: `${kind} (${group})`,
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: {
        title: `${kind} metadata`,
        type: 'object',
        properties: {
          name: str(`${kind} metadata.name`),
          namespace: str(`${kind} metadata.namespace`),
          labels: stringMap(`${kind} metadata.labels`),
          annotations: stringMap(`${kind} metadata.annotations`),
          creationTimestamp: str(`${kind} metadata.creationTimestamp`, { format: 'date-time' }),
        },
        required: ['name'],
      },
      spec,
      status: { title: `${kind} status`, type: 'object' },
    },
    required,
    additionalProperties: false,
  };
}

const widgetSpec = {
  title: 'Widget spec',
  type: 'object',
  required: ['mode'],
  oneOf: [
    { not: { anyOf: [{ required: ['size'] }, { required: ['label'] }] } },
    { required: ['size'] },
    { required: ['label'] },
  ],
  properties: {
    mode: str('Widget spec.mode', { enum: ['ON', 'OFF'] }),
    size: { title: 'Widget spec.size', type: ['integer', 'string'] },
    label: str('Widget spec.label', { maxLength: 8, pattern: '^[a-z]+$' }),
    count: { title: 'Widget spec.count', type: ['integer', 'null'] },
    seen: str('Widget spec.seen', { format: 'date-time' }),
    extra: { title: 'Widget spec.extra', type: 'object' },
    tags: { title: 'Widget spec.tags', type: 'object', additionalProperties: str('Widget spec.tags.*') },
    parts: {
      title: 'Widget spec.parts',
      type: 'array',
      items: {
        title: 'Widget spec.parts[]',
        type: 'object',
        properties: { name: str('Widget spec.parts[].name') },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

const when = (apiVersion: string, kind: string, ref: string) => ({
  if: {
    properties: { apiVersion: { const: apiVersion }, kind: { const: kind } },
    required: ['apiVersion', 'kind'],
  },
  then: { $ref: `#/definitions/${ref}` },
});

const EXPECTED = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Istio and Gateway API resources',
  type: 'object',
  properties: {
    apiVersion: {
      title: 'apiVersion',
      type: 'string',
      examples: [
        'example.playground.dev/v1',
        'example.playground.dev/v1beta1',
        'other.playground.dev/v1',
        'other.playground.dev/v2',
      ],
    },
    kind: { title: 'kind', type: 'string', examples: ['Widget', 'Gadget'] },
  },
  allOf: [
    {
      if: { properties: { kind: { const: 'Widget' } }, required: ['kind'] },
      then: {
        properties: {
          apiVersion: {
            enum: ['example.playground.dev/v1', 'example.playground.dev/v1beta1', 'other.playground.dev/v1'],
          },
        },
        required: ['apiVersion'],
      },
    },
    {
      if: { properties: { kind: { const: 'Gadget' } }, required: ['kind'] },
      then: {
        properties: { apiVersion: { enum: ['other.playground.dev/v2', 'other.playground.dev/v1'] } },
        required: ['apiVersion'],
      },
    },
    // v1 and v1beta1 differ only in prose and x-kubernetes-*: one definition
    when('example.playground.dev/v1', 'Widget', 'Widget.example.playground.dev'),
    when('example.playground.dev/v1beta1', 'Widget', 'Widget.example.playground.dev'),
    when('other.playground.dev/v1', 'Widget', 'Widget.other.playground.dev'),
    // v2 and v1 differ: one definition each
    when('other.playground.dev/v2', 'Gadget', 'Gadget.other.playground.dev.v2'),
    when('other.playground.dev/v1', 'Gadget', 'Gadget.other.playground.dev.v1'),
  ],
  definitions: {
    'Widget.example.playground.dev': envelope('Widget', 'example.playground.dev', widgetSpec),
    'Widget.other.playground.dev': envelope('Widget', 'other.playground.dev', {
      title: 'Widget spec',
      type: 'object',
      properties: { shape: str('Widget spec.shape') },
      additionalProperties: false,
    }),
    'Gadget.other.playground.dev.v2': envelope(
      'Gadget',
      'other.playground.dev',
      {
        title: 'Gadget spec',
        type: 'object',
        properties: { color: str('Gadget spec.color') },
        additionalProperties: false,
      },
      ['metadata', 'spec'],
    ),
    'Gadget.other.playground.dev.v1': envelope('Gadget', 'other.playground.dev', {
      title: 'Gadget spec',
      type: 'object',
      properties: { colour: str('Gadget spec.colour') },
      additionalProperties: false,
    }),
  },
};

describe('generateSchema', () => {
  it('converts the fixture CRDs to the hand-written expected schema', () => {
    expect(generateSchema(sources, WANTED)).toEqual(EXPECTED);
  });

  it('keeps no description or x-kubernetes-* keyword', () => {
    const json = JSON.stringify(generateSchema(sources, WANTED));
    expect(json).not.toContain('description');
    expect(json).not.toContain('x-kubernetes');
    expect(json).not.toContain('int32');
  });

  it('refuses a CRD without a wanted kind, or without a served wanted version', () => {
    expect(() =>
      generateSchema(sources, [{ group: 'example.playground.dev', kind: 'Gizmo', versions: ['v1'] }]),
    ).toThrow('no CustomResourceDefinition for example.playground.dev Gizmo');
    expect(() =>
      generateSchema(sources, [{ group: 'example.playground.dev', kind: 'Widget', versions: ['v1alpha1'] }]),
    ).toThrow('no served version');
  });

  it('refuses a keyword outside the structural schema vocabulary, naming where it is', () => {
    const schema = { type: 'object', properties: { spec: { type: 'object', $ref: '#/x' } } };
    expect(() => convertSchema(schema, { kind: 'Widget', path: '' })).toThrow(
      'Widget spec: unsupported schema keyword "$ref"',
    );
  });
});

describe('the generated module', () => {
  it('names each source and the sha256 of each input, and exports the schema', async () => {
    const module = await generateModule(sources, WANTED);
    expect(module).toContain(' * - github.com/example/widgets at v0.1.0 (0123abc)\n');
    expect(module).toContain(` *   - widgets.crd.yaml sha256 ${sha256(text)}\n`);
    // formatted with the repository's Prettier settings (single quotes), so it passes `prettier --check`
    expect(module).toContain("  $schema: 'http://json-schema.org/draft-07/schema#',\n");
    // the digest of the file's bytes, as `sha256sum` prints it
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    const file = join(dir, 'generated.ts');
    writeFileSync(file, module);
    const loaded = (await import(pathToFileURL(file).href)) as { policiesSchema: unknown };
    rmSync(dir, { recursive: true, force: true });
    expect(loaded.policiesSchema).toEqual(EXPECTED);
  });
});

describe('parseArguments', () => {
  const read = (path: string) => `text of ${path}`;

  it('groups the files after each --repo/--ref, named by their base name', () => {
    const args = parseArguments(
      [
        '--',
        '--repo',
        'a/b',
        '--ref',
        'v1 (c0ffee)',
        'x/one.yaml',
        '--repo',
        'c/d',
        '--ref',
        'v2',
        'two.yaml',
        '--out',
        'o.ts',
      ],
      read,
    );
    expect(args).toEqual({
      out: 'o.ts',
      sources: [
        { repo: 'a/b', ref: 'v1 (c0ffee)', files: [{ name: 'one.yaml', text: 'text of x/one.yaml' }] },
        { repo: 'c/d', ref: 'v2', files: [{ name: 'two.yaml', text: 'text of two.yaml' }] },
      ],
    });
  });

  it('refuses files without a source, a source without a ref or files, and unknown options', () => {
    expect(() => parseArguments(['one.yaml'], read)).toThrow('give --repo and --ref before the files');
    expect(() => parseArguments(['--repo', 'a/b', 'one.yaml'], read)).toThrow('a/b: --ref is missing');
    expect(() => parseArguments(['--repo', 'a/b', '--ref', 'v1'], read)).toThrow('a/b: no CRD files');
    expect(() => parseArguments(['--force'], read)).toThrow('unknown option --force');
    expect(() => parseArguments([], read)).toThrow('no sources');
  });
});
