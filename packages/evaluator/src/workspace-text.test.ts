/** workspace-text.ts: the app edits Mesh, policies text and Probes apart; the policies text survives byte for byte. */
import { describe, expect, it } from 'vitest';
import { parseWorkspaceText } from './parse';
import { serializeWorkspace, splitWorkspace } from './workspace-text';
import type { WorkspaceParts } from './workspace-text';

const MESH = `apiVersion: playground/v1
kind: Mesh
metadata: {name: demo, title: Demo}
spec:
  namespaces: [{name: foo}]
  workloads:
    - {name: httpbin, namespace: foo, ports: [{name: http, port: 8000}]}
`;

const PROBES = `apiVersion: playground/v1
kind: Probes
spec:
  probes:
    - {from: foo/httpbin, to: foo/httpbin, port: 8000}
`;

/** Comments, blank lines, flow and block style, quoting: all of it must come back as written. */
const POLICIES = `# Deny everything in foo, then allow GETs.
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-all   # trailing comment
  namespace: foo

spec: {}
---
# second resource

apiVersion: "security.istio.io/v1"
kind: AuthorizationPolicy
metadata: {name: allow-get, namespace: foo}
spec:
  action: ALLOW
  rules:
    - to: [{operation: {methods: ['GET']}}]
`;

const PARTS: WorkspaceParts = {
  metadata: { name: 'demo', title: 'Demo' },
  mesh: {
    namespaces: [{ name: 'foo' }],
    workloads: [{ name: 'httpbin', namespace: 'foo', ports: [{ name: 'http', port: 8000 }] }],
  },
  policies: POLICIES,
  probes: { probes: [{ from: 'foo/httpbin', to: 'foo/httpbin', port: 8000 }] },
};

describe('splitWorkspace', () => {
  it('separates mesh, policies and probes of a workspace in the order of docs/workspace-format.md', () => {
    const parts = splitWorkspace(`${MESH}---\n${POLICIES}---\n${PROBES}`);
    expect(parts.diagnostics).toEqual([]);
    expect(parts.metadata).toEqual(PARTS.metadata);
    expect(parts.mesh).toEqual(PARTS.mesh);
    expect(parts.probes).toEqual(PARTS.probes);
    expect(parts.policies).toBe(POLICIES);
  });

  it.each([
    ['probes, policies, mesh', `${PROBES}---\n${POLICIES}---\n${MESH}`],
    ['mesh, probes, policies', `${MESH}---\n${PROBES}---\n${POLICIES}`],
    ['policies, mesh, probes', `${POLICIES}---\n${MESH}---\n${PROBES}`],
    ['leading ---', `---\n${MESH}---\n${POLICIES}---\n${PROBES}`],
  ])('keeps the policies text byte for byte whatever the order (%s)', (_, text) => {
    const parts = splitWorkspace(text);
    expect(parts.diagnostics).toEqual([]);
    expect(parts.policies).toBe(POLICIES);
    expect(parts.mesh).toEqual(PARTS.mesh);
  });

  it('puts a Mesh between two resources back together without a stray blank line', () => {
    const [first, second] = POLICIES.split('---\n');
    const parts = splitWorkspace(`${first}---\n${MESH}---\n${second}`);
    expect(parts.policies).toBe(POLICIES);
  });

  it('keeps CRLF line endings in the policies', () => {
    const crlf = POLICIES.replace(/\n/g, '\r\n');
    const parts = splitWorkspace(
      `${MESH.replace(/\n/g, '\r\n')}---\r\n${crlf}---\r\n${PROBES.replace(/\n/g, '\r\n')}`,
    );
    expect(parts.diagnostics).toEqual([]);
    expect(parts.policies).toBe(crlf);
    expect(parts.mesh).toEqual(PARTS.mesh);
    const again = splitWorkspace(serializeWorkspace(parts).text);
    expect(again.policies).toBe(crlf);
  });

  it('gives empty policies for a workspace of only Mesh and Probes', () => {
    expect(splitWorkspace(`${MESH}---\n${PROBES}`).policies).toBe('');
    expect(splitWorkspace('').policies).toBe('');
  });

  it('keeps everything as policies when there are no playground documents', () => {
    const parts = splitWorkspace(POLICIES);
    expect(parts.policies).toBe(POLICIES);
    expect(parts.mesh).toEqual({ namespaces: [], workloads: [] });
    expect(parts.probes).toEqual({ probes: [] });
  });

  it('keeps a broken resource document as written and reports it', () => {
    const broken = 'apiVersion: v1\nkind: X\nspec: {a: [\n';
    const parts = splitWorkspace(`${MESH}---\n${broken}---\n${PROBES}`);
    expect(parts.policies).toBe(broken);
    expect(parts.diagnostics.some((d) => d.code === 'yaml.syntax')).toBe(true);
  });

  it('keeps comment-only documents between resources', () => {
    const policies = 'a: 1\n---\n# nothing here yet\n---\nb: 2\n';
    expect(splitWorkspace(`${MESH}---\n${policies}---\n${PROBES}`).policies).toBe(policies);
  });

  it('keeps `---` lines that carry a comment, even first and last', () => {
    const policies = '--- # team A\na: 1\n--- # team B\nb: 2\n--- # end\n';
    const parts = splitWorkspace(`${MESH}---\n${policies}---\n${PROBES}`);
    expect(parts.policies).toBe(policies);
    expect(splitWorkspace(serializeWorkspace(parts).text).policies).toBe(policies);
  });

  it('stays fast on a large policies text (no quadratic line scans)', () => {
    const resource = (i: number) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n\n# note ${i}\n`;
    const policies = Array.from({ length: 5000 }, (_, i) => resource(i)).join('---\n');
    const parts = splitWorkspace(`${MESH}---\n${policies}---\n${PROBES}`);
    expect(parts.policies).toBe(policies);
  });
});

describe('serializeWorkspace', () => {
  it('writes Mesh, policies, Probes and reads back the same parts', () => {
    const { text } = serializeWorkspace(PARTS);
    const docs = parseWorkspaceText(text).documents;
    expect(docs.map((d) => d.kind)).toEqual(['Mesh', 'AuthorizationPolicy', 'AuthorizationPolicy', 'Probes']);
    const parts = splitWorkspace(text);
    expect(parts.diagnostics).toEqual([]);
    expect(parts.metadata).toEqual(PARTS.metadata);
    expect(parts.mesh).toEqual(PARTS.mesh);
    expect(parts.probes).toEqual(PARTS.probes);
    expect(parts.policies).toBe(POLICIES);
    expect(text).toContain(POLICIES);
  });

  it('keeps trailing blanks on the last policies line (only trailing blank lines go)', () => {
    const policies = 'apiVersion: v1\nkind: X\nspec: {}   # note  \n';
    const { text } = serializeWorkspace({ ...PARTS, policies: `${policies}\n  \n` });
    expect(splitWorkspace(text).policies).toBe(policies);
  });

  it('omits empty metadata and writes no empty document for empty policies', () => {
    const { text } = serializeWorkspace({ metadata: {}, mesh: {}, policies: '  \n\n', probes: {} });
    expect(text).not.toContain('metadata');
    expect(text.split('\n').filter((l) => l === '---')).toHaveLength(1);
    expect(parseWorkspaceText(text).documents.map((d) => d.kind)).toEqual(['Mesh', 'Probes']);
  });

  it('policiesLine is the line of the first policies line', () => {
    const { text, policiesLine } = serializeWorkspace(PARTS);
    const lines = text.split('\n');
    expect(lines[policiesLine - 1]).toBe('# Deny everything in foo, then allow GETs.');
    expect(lines[policiesLine - 2]).toBe('---');
    POLICIES.trimEnd()
      .split('\n')
      .forEach((line, i) => expect(lines[policiesLine - 1 + i]).toBe(line));
  });

  it('policiesLine keeps editor positions right when the policies start with `---`', () => {
    const policies = `---\n${POLICIES}`;
    const { text, policiesLine } = serializeWorkspace({ ...PARTS, policies });
    const lines = text.split('\n');
    // Editor line n of the policies is text line policiesLine + n - 1.
    policies
      .trimEnd()
      .split('\n')
      .forEach((line, i) => expect(lines[policiesLine - 1 + i]).toBe(line));
    // A diagnostic in the policies maps back to the editor line where the value is.
    const docs = parseWorkspaceText(text).documents;
    const range = docs[2]?.rangeOf(['metadata', 'name']);
    if (!range) throw new Error('no range');
    const editorLine = range.start.line - policiesLine + 1;
    expect(policies.split('\n')[editorLine - 1]).toBe('metadata: {name: allow-get, namespace: foo}');
  });

  it('serializing what split returned is a fixed point', () => {
    const once = serializeWorkspace(splitWorkspace(`${PROBES}---\n${POLICIES}---\n${MESH}`)).text;
    const twice = serializeWorkspace(splitWorkspace(once)).text;
    expect(twice).toBe(once);
  });

  it('a mesh that was given defaults is written with them', () => {
    const { text } = serializeWorkspace({
      ...PARTS,
      mesh: { trustDomain: 'example.org', enableAutoMtls: false },
    });
    const parts = splitWorkspace(text);
    expect(parts.mesh).toEqual({
      trustDomain: 'example.org',
      enableAutoMtls: false,
      namespaces: [],
      workloads: [],
    });
  });

  it('an edit that makes new Mesh or Probes objects is written, while the unchanged parts are reused', () => {
    const first = serializeWorkspace(PARTS).text;
    expect(serializeWorkspace({ ...PARTS, policies: '' }).text).not.toContain('deny-all');
    // New metadata for the same mesh object (a rename): the title written follows it.
    const renamed = serializeWorkspace({ ...PARTS, metadata: { ...PARTS.metadata, title: 'Renamed' } }).text;
    expect(renamed).toContain('title: Renamed');
    const probes = { probes: [{ from: 'foo/httpbin', to: 'foo/httpbin', port: 9000 }] };
    expect(serializeWorkspace({ ...PARTS, probes }).text).toContain('port: 9000');
    expect(serializeWorkspace(PARTS).text).toBe(first);
  });
});
