/**
 * Untrusted workspace text (autosave, share links, imports) reaches the state only through
 * `readWorkspaceText`, i.e. through the evaluator's readers. These are the cases the former
 * `sanitize.ts` guarded, now held by that path, and a check that the readers give plain data with
 * no undeclared field for every golden and vector workspace.
 */
import { describe, expect, it } from 'vitest';
import { meshDocumentJsonSchema, probesDocumentJsonSchema, isRecord } from '@playground/evaluator';
import { readWorkspaceText } from './workspaceText';

/** A workspace whose Mesh spec (and optional Probes spec) is given as JSON, which is YAML too. */
function workspace(meshSpec: string, probesSpec?: string): string {
  const mesh = `apiVersion: playground/v1\nkind: Mesh\nspec: ${meshSpec}\n`;
  return probesSpec === undefined
    ? mesh
    : `${mesh}---\napiVersion: playground/v1\nkind: Probes\nspec: ${probesSpec}\n`;
}

function parts(text: string) {
  const read = readWorkspaceText(text);
  if (!read.ok) throw new Error(read.message);
  return read.parts;
}

describe('untrusted text: label maps', () => {
  it('keeps `constructor` and `prototype` labels (valid Kubernetes keys) in null-prototype maps', () => {
    const { mesh } = parts(
      workspace(
        '{"workloads":[{"name":"a","namespace":"ns","labels":{"constructor":"x","prototype":"y","app":"a","__proto__":{"polluted":"yes"}}}],' +
          '"namespaces":[{"name":"ns","labels":{"constructor":"ns-label"}}]}',
      ),
    );
    const labels = mesh.workloads?.[0]?.labels ?? {};
    expect(Object.getPrototypeOf(labels)).toBeNull();
    expect({ ...labels }).toEqual({ constructor: 'x', prototype: 'y', app: 'a' });
    expect(Object.keys(labels)).not.toContain('__proto__');
    expect(mesh.namespaces?.[0]?.labels?.constructor).toBe('ns-label');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps such headers on probe requests', () => {
    const { probes } = parts(
      workspace(
        '{}',
        '{"probes":[{"from":"ns/a","to":"ns/b","port":80,"request":{"headers":{"constructor":"h"}}}]}',
      ),
    );
    expect(probes.probes?.[0]?.request?.headers?.constructor).toBe('h');
  });

  it('copies only declared fields of the declared types and never pollutes prototypes', () => {
    const { mesh } = parts(
      workspace(
        '{"__proto__": {"polluted": true}, "namespaces": [{"name": "a", "evil": 1}], "workloads": [{"name": "w", "namespace": "a", "sidecar": "yes", "labels": {"__proto__": "x", "app": "w"}}]}',
      ),
    );
    expect(mesh.namespaces).toEqual([{ name: 'a' }]);
    const workload = mesh.workloads?.[0];
    expect(workload && Object.keys(workload)).toEqual(['name', 'namespace', 'labels']);
    // `__proto__` is an ordinary own entry of a null-prototype map, as the evaluator reads any label
    // key (packages/evaluator/test/hostile-keys.test.ts): it sets no prototype.
    expect(Object.getPrototypeOf(workload?.labels)).toBeNull();
    expect(workload?.labels?.app).toBe('w');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps no token, layout or JWKS entry where it could reach a prototype', () => {
    const text = workspace(
      '{"layout": {"constructor": {"x": 1, "y": 2}, "__proto__": {"x": 3, "y": 4}}}',
      '{"tokens": {"constructor": {"raw": "t"}}, "jwks": {"__proto__": {"unavailable": true}}, "probes": []}',
    );
    const { mesh, probes } = parts(text);
    for (const map of [mesh.layout, probes.tokens, probes.jwks])
      expect(Object.getPrototypeOf(map)).toBeNull();
    expect(probes.tokens?.constructor).toEqual({ raw: 't' });
    expect(({} as Record<string, unknown>).unavailable).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('workspace text', () => {
  it('refuses a Mesh document that does not parse instead of moving it into the policies', () => {
    const read = readWorkspaceText('apiVersion: playground/v1\nkind: Mesh\nspec: {workloads: [\n');
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.message).toMatch(/Mesh document could not be read/);
  });
});

/** The golden and vector workspaces, read as data. */
const FILES = import.meta.glob<string>('../../../packages/evaluator/test/{golden,vectors}/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

type JsonSchemaNode = Record<string, unknown>;

/** Every problem of `value` against the JSON Schema node: non-plain data, or an undeclared field. */
function problems(value: unknown, schema: JsonSchemaNode, at: string): string[] {
  if (typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${at}: not a finite number`];
  if (Array.isArray(value)) {
    const items = isRecord(schema.items) ? schema.items : {};
    return value.flatMap((item, i) => problems(item, items, `${at}[${i}]`));
  }
  if (!isRecord(value)) return [`${at}: ${typeof value} is not plain data`];
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype) return [`${at}: not a plain object`];
  const declared = isRecord(schema.properties) ? schema.properties : null;
  const rest = schema.additionalProperties;
  return Object.keys(value).flatMap((key) => {
    const where = `${at}.${key}`;
    const child = declared?.[key];
    if (isRecord(child)) return problems(value[key], child, where);
    if (isRecord(rest)) return problems(value[key], rest, where);
    if (declared !== null && rest === false) return [`${where}: not declared`];
    return problems(value[key], {}, where);
  });
}

const specOf = (document: JsonSchemaNode): JsonSchemaNode => {
  const properties = isRecord(document.properties) ? document.properties : {};
  return isRecord(properties.spec) ? properties.spec : {};
};

describe('the readers rebuild every field (why sanitize.ts could go)', () => {
  const mesh = meshDocumentJsonSchema();
  const probes = probesDocumentJsonSchema();
  const metadata =
    isRecord(mesh.properties) && isRecord(mesh.properties.metadata) ? mesh.properties.metadata : {};

  it('finds the golden and vector workspaces', () => {
    expect(Object.keys(FILES).length).toBeGreaterThan(100);
  });

  it.each(Object.entries(FILES))('%s reads into plain data with only declared fields', (_name, text) => {
    const read = parts(text);
    expect(Object.keys(read).sort()).toEqual(['mesh', 'metadata', 'policies', 'probes']);
    expect(problems(read.mesh, specOf(mesh), 'mesh')).toEqual([]);
    expect(problems(read.probes, specOf(probes), 'probes')).toEqual([]);
    expect(problems(read.metadata, metadata, 'metadata')).toEqual([]);
  });

  it('the check finds an undeclared field and data that is not plain', () => {
    expect(problems({ workloads: [{ name: 'a', namespace: 'b', evil: 1 }] }, specOf(mesh), 'mesh')).toEqual([
      'mesh.workloads[0].evil: not declared',
    ]);
    expect(problems({ now: new Date(0) }, specOf(probes), 'probes')).toEqual([
      'probes.now: not a plain object',
    ]);
  });
});
