/**
 * The one declaration of the Mesh and Probes documents (schema.ts): the readers' typed output
 * conforms to it, the positions of malformed fields are reported, and the JSON Schemas emitted
 * from it accept every golden and vector workspace (docs/workspace-format.md).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { workspaceFiles } from '../../test/workspaces';
import { parseWorkspaceText } from '../parse';
import type { MeshSpec as MeshSpecType, ProbesSpec as ProbesSpecType } from '../types';
import { readWorkspace } from '.';
import { meshDocumentJsonSchema, probesDocumentJsonSchema } from './json-schema';
import { MeshSpec, ProbesSpec, WorkspaceMetadata } from './schema';

function read(text: string) {
  const parsed = parseWorkspaceText(text);
  expect(parsed.diagnostics, 'the test input is valid YAML').toEqual([]);
  return readWorkspace(parsed.documents);
}

const MESH = `apiVersion: playground/v1
kind: Mesh
metadata: {name: demo, tags: [mtls]}
spec:
  trustDomain: example.org
  numTrustedProxies: 1
  meshConfig: {pathNormalization: {normalization: MERGE_SLASHES}}
  namespaces:
    - {name: foo, labels: {istio-injection: enabled}}
  workloads:
    - name: httpbin
      namespace: foo
      labels: {app: httpbin}
      ip: 10.0.1.5
      ports: [{name: http, port: 8000, targetPort: 80}]
      listens: [9002]
  layout:
    foo/httpbin: {x: 40, y: 60}
---
apiVersion: playground/v1
kind: Probes
spec:
  now: "2026-01-01T00:00:00Z"
  tokens:
    alice: {claims: {sub: alice}, signature: valid}
  probes:
    - {name: get, from: external, to: foo/httpbin, port: 8000, request: {path: /get, tokens: [{token: alice, in: "header:x-jwt"}]}, expect: "200"}
`;

describe('schema → types', () => {
  it('a valid Mesh and Probes read into data of the declared types', () => {
    const ws = read(MESH);
    expect(ws.diagnostics).toEqual([]);
    // Typed by the inferred types: these assignments only compile because they agree.
    const mesh: MeshSpecType = MeshSpec.parse(ws.mesh);
    const probes: ProbesSpecType = ProbesSpec.parse(ws.probes);
    expect(mesh).toEqual(ws.mesh);
    expect(probes).toEqual(ws.probes);
    expect(WorkspaceMetadata.parse(ws.metadata)).toEqual({ name: 'demo', tags: ['mtls'] });
    expect(mesh.workloads?.[0]).toEqual({
      name: 'httpbin',
      namespace: 'foo',
      labels: { app: 'httpbin' },
      ip: '10.0.1.5',
      ports: [{ name: 'http', port: 8000, targetPort: 80 }],
      listens: [9002],
    });
    expect(probes.probes?.[0]?.request?.tokens).toEqual([{ token: 'alice', in: 'header:x-jwt' }]);
  });

  it('the declaration refuses what the readers refuse: a port out of range, a bad enum, a bad name', () => {
    expect(
      MeshSpec.safeParse({ workloads: [{ name: 'a', namespace: 'b', ports: [{ port: 0 }] }] }).success,
    ).toBe(false);
    expect(MeshSpec.safeParse({ meshConfig: { pathNormalization: { normalization: 'SOME' } } }).success).toBe(
      false,
    );
    expect(MeshSpec.safeParse({ namespaces: [{ name: 'Foo' }] }).success).toBe(false);
    expect(
      ProbesSpec.safeParse({ probes: [{ from: 'a', to: 'b', port: 80, now: 'yesterday' }] }).success,
    ).toBe(false);
  });

  it('every golden and vector workspace reads into data that the declaration accepts unchanged', () => {
    for (const file of workspaceFiles()) {
      const ws = read(file.text);
      expect(MeshSpec.parse(ws.mesh), file.name).toEqual(ws.mesh);
      expect(ProbesSpec.parse(ws.probes), file.name).toEqual(ws.probes);
      expect(WorkspaceMetadata.parse(ws.metadata), file.name).toEqual(ws.metadata);
    }
  });
});

describe('malformed fields are reported at their source position', () => {
  const at = (text: string, code: string) =>
    read(text)
      .diagnostics.filter((d) => d.code === code)
      .map((d) => [d.message, d.range?.start.line, d.range?.start.column]);

  it('a wrong type, a port out of range and an enum value point at the value', () => {
    const text = `apiVersion: playground/v1
kind: Mesh
spec:
  workloads:
    - name: a
      namespace: foo
      sidecar: "yes"
      ports: [{port: 70000}]
  meshConfig:
    pathNormalization: {normalization: SOME}
`;
    expect(at(text, 'schema.type')).toEqual([
      ['Mesh: spec.workloads.0.sidecar must be true or false', 7, 16],
      ['Mesh: spec.workloads.0.ports.0.port must be an integer from 1 to 65535', 8, 22],
    ]);
    expect(at(text, 'schema.enum')).toEqual([
      [
        'Mesh: Unsupported value "SOME" for spec.meshConfig.pathNormalization.normalization: supported values are "DEFAULT", "NONE", "BASE", "MERGE_SLASHES", "DECODE_AND_MERGE_SLASHES"',
        10,
        40,
      ],
    ]);
  });

  it('an unknown field points at its key; a bad clock at its value', () => {
    const text = `apiVersion: playground/v1
kind: Probes
spec:
  now: yesterday
  probes:
    - {from: external, to: foo/a, port: 80, colour: red}
`;
    expect(at(text, 'schema.unknown-field')).toEqual([
      ['Probes: unknown field "spec.probes.0.colour" is ignored', 6, 45],
    ]);
    expect(at(text, 'probes.now')).toEqual([['Probes: now "yesterday" is not an RFC 3339 time', 4, 8]]);
  });

  it('a layout position that is not a finite number is dropped', () => {
    const ws = read(`apiVersion: playground/v1
kind: Mesh
spec:
  layout:
    a: {x: .inf, y: 1}
    b: {x: 1, y: .nan}
    c: {x: 1, y: 2, width: .inf}
`);
    expect({ ...ws.mesh.layout }).toEqual({ c: { x: 1, y: 2 } });
  });
});

describe('JSON Schema export', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const mesh = ajv.compile(meshDocumentJsonSchema());
  const probes = ajv.compile(probesDocumentJsonSchema());

  it('accepts the Mesh and Probes documents of every golden and vector workspace', () => {
    let checked = 0;
    for (const file of workspaceFiles()) {
      for (const doc of parseAllDocuments(file.text)) {
        if (!('toJS' in doc)) continue;
        const value: unknown = doc.toJS();
        if (typeof value !== 'object' || value === null || !('kind' in value)) continue;
        const validate = value.kind === 'Mesh' ? mesh : value.kind === 'Probes' ? probes : null;
        if (validate === null || !('apiVersion' in value) || value.apiVersion !== 'playground/v1') continue;
        expect(validate(value), `${file.name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('refuses malformed documents', () => {
    const base = { apiVersion: 'playground/v1', kind: 'Mesh' };
    expect(
      mesh({ ...base, spec: { workloads: [{ name: 'a', namespace: 'b', ports: [{ port: 0 }] }] } }),
    ).toBe(false);
    expect(mesh({ ...base, spec: { namespaces: [{ name: 'Foo' }] } })).toBe(false);
    expect(mesh({ ...base, kind: 'Probes', spec: {} })).toBe(false);
    expect(
      probes({ apiVersion: 'playground/v1', kind: 'Probes', spec: { probes: [{ from: 'a', to: 'b' }] } }),
    ).toBe(false);
  });
});
