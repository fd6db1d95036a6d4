/**
 * evaluateParts: every position is relative to its part (the policies text as given, the Mesh and
 * Probes parts' canonical texts), unchanged parts are not parsed again, and the outcome equals
 * evaluating the serialised workspace.
 */
import { describe, expect, it } from 'vitest';
import { workspaceFiles } from '../test/workspaces';
import { createEvaluator, evaluateParts, evaluateWorkspace } from './evaluate';
import type { Diagnostic, Evaluation, MeshSpec, ProbesSpec, SourceRange, WorkspaceSource } from './types';
import { serializeWorkspace, splitWorkspace, type WorkspaceParts } from './workspace-text';

const NOW = new Date('2026-01-01T00:00:00Z');

const MESH: MeshSpec = {
  namespaces: [{ name: 'foo' }],
  workloads: [
    { name: 'httpbin', namespace: 'foo', ports: [{ name: 'http', port: 8000, targetPort: 8080 }] },
    { name: 'sleep', namespace: 'foo', ports: [{ name: 'http', port: 80 }] },
  ],
};

const PROBES: ProbesSpec = {
  probes: [
    { name: 'get', from: 'foo/sleep', to: 'foo/httpbin', port: 8000, request: { path: '/get' } },
    { name: 'nowhere', from: 'foo/sleep', to: 'foo/nowhere', port: 8000 },
  ],
};

const POLICIES = `# deny /admin, allow the rest
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow-all, namespace: foo}
spec:
  rules:
  - {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: refused, namespace: foo}
spec:
  bogus: 1
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-get, namespace: foo}
spec:
  action: DENY
  rules:
  - to:
    - operation: {paths: ["/get"]}
`;

const parts = (policies = POLICIES, mesh = MESH, probes = PROBES): WorkspaceParts => ({
  metadata: { name: 'demo' },
  mesh,
  policies,
  probes,
});

/** 1-based line of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('evaluateParts', () => {
  it('reports each diagnostic in its own part, with lines and documents of that part', async () => {
    const result = await evaluateParts(parts(), { now: NOW });
    const bogus = result.diagnostics.find((d) => d.code === 'schema.unknown-field');
    expect(bogus).toMatchObject({ source: 'policies', document: 1 });
    expect(bogus?.range?.start.line).toBe(lineOf(POLICIES, 'bogus: 1'));
    expect(POLICIES.slice(bogus?.range?.offset, (bogus?.range?.offset ?? 0) + 5)).toBe('bogus');
    expect(bogus?.resource?.document).toBe(1);

    const unknown = result.diagnostics.find((d) => d.code === 'probes.unknown-endpoint');
    expect(unknown).toMatchObject({ source: 'probes', document: 0 });
    const probesText = result.parts?.probes ?? '';
    expect(unknown?.range?.start.line).toBe(lineOf(probesText, 'to: foo/nowhere'));
    expect(probesText.slice(unknown?.range?.offset ?? 0).startsWith('foo/nowhere')).toBe(true);

    expect(result.diagnostics.every((d) => d.source !== undefined)).toBe(true);
    expect(result.documents.map((d) => [d.source, d.index])).toEqual([
      ['mesh', 0],
      ['policies', 0],
      ['policies', 1],
      ['policies', 2],
      ['probes', 0],
    ]);
    expect(result.documents[1]?.range.start.line).toBe(1);
  });

  it('reports a token a probe presents that the Probes document does not define, at its request', async () => {
    const probes: ProbesSpec = {
      tokens: { known: { claims: { iss: 'issuer', sub: 'me' } } },
      probes: [
        { name: 'known', from: 'foo/sleep', to: 'foo/httpbin', port: 8000, request: { token: 'known' } },
        { name: 'one', from: 'foo/sleep', to: 'foo/httpbin', port: 8000, request: { token: 'nope' } },
        {
          name: 'two',
          from: 'foo/sleep',
          to: 'foo/httpbin',
          port: 8000,
          request: { tokens: [{ token: 'known' }, { token: 'also-nope', in: 'query' }] },
        },
      ],
    };
    const result = await evaluateParts(parts(POLICIES, MESH, probes), { now: NOW });
    const unknown = result.diagnostics.filter((d) => d.code === 'probes.unknown-token');
    expect(unknown.map((d) => d.message)).toEqual([
      'probe 1: token "nope" is not defined in the Probes document\'s tokens',
      'probe 2: token "also-nope" is not defined in the Probes document\'s tokens',
    ]);
    const text = result.parts?.probes ?? '';
    for (const d of unknown) {
      expect(d.source).toBe('probes');
      expect(text.slice(d.range?.offset, (d.range?.offset ?? 0) + (d.range?.length ?? 0))).toMatch(/token/);
    }
  });

  it('reports a Mesh part problem in the canonical Mesh text it returns', async () => {
    // Not a MeshSpec the app would hold, but one it could receive from an older saved workspace.
    const mesh = { ...MESH, extra: true } as unknown as MeshSpec;
    const result = await evaluateParts(parts(POLICIES, mesh), { now: NOW });
    const extra = result.diagnostics.find((d) => d.source === 'mesh');
    expect(extra).toBeDefined();
    expect(extra?.document).toBe(0);
    expect(extra?.range?.start.line).toBe(lineOf(result.parts?.mesh ?? '', 'extra: true'));
  });

  it('points trace steps and resources into the policies text', async () => {
    const result = await evaluateParts(parts(), { now: NOW });
    const get = result.probes[0];
    expect(get?.status).toBe('403');
    const deny = get?.trace.find((s) => s.stage === 'deny' && s.outcome === 'fail');
    expect(deny?.resource).toEqual({
      kind: 'AuthorizationPolicy',
      name: 'deny-get',
      namespace: 'foo',
      document: 2,
    });
    expect(deny?.source).toBe('policies');
    expect(deny?.range?.start.line).toBe(lineOf(POLICIES, '- to:'));
    const invalid = result.probes[1]?.trace[0];
    expect(invalid?.source).toBe('probes');
    expect(invalid?.range?.start.line).toBe(lineOf(result.parts?.probes ?? '', 'name: nowhere'));
    const httpbin = result.workloads.find((w) => w.key === 'foo/httpbin');
    expect(httpbin?.policies.map((p) => p.document)).toEqual([0, 2]);
  });

  it('after a policies edit with the same Mesh and Probes objects, equals a fresh evaluation', async () => {
    const evaluator = createEvaluator();
    const edits = [
      POLICIES,
      POLICIES.replace('/get', '/ge'),
      `# a line above\n${POLICIES.replace('bogus: 1', 'bogus: 2')}`,
      POLICIES.split('---\n')[2] ?? '',
      '',
      POLICIES,
    ];
    for (const policies of edits) {
      const cached = await evaluator.evaluateParts(parts(policies), { now: NOW });
      const fresh = await evaluateParts(parts(policies), { now: NOW });
      expect(cached).toEqual(fresh);
    }
  });

  it('does not serialise or parse an unchanged Mesh or Probes object again', async () => {
    const evaluator = createEvaluator();
    const first = await evaluator.evaluateParts(parts(), { now: NOW });
    const again = await evaluator.evaluateParts(parts(POLICIES.replace('/get', '/got')), { now: NOW });
    expect(again.parts?.mesh).toBe(first.parts?.mesh);
    expect(again.parts?.probes).toBe(first.parts?.probes);
    const moved = await evaluator.evaluateParts(parts(POLICIES, { ...MESH, rootNamespace: 'istio-system' }), {
      now: NOW,
    });
    expect(moved.parts?.mesh).toContain('rootNamespace: istio-system');
  });

  it('leaves evaluate(text) on the same evaluator as it was', async () => {
    const evaluator = createEvaluator();
    const { text } = serializeWorkspace(parts());
    await evaluator.evaluateParts(parts(), { now: NOW });
    const whole = await evaluator.evaluate(text, { now: NOW });
    expect(whole).toEqual(await evaluateWorkspace(text, { now: NOW }));
    expect(whole.diagnostics.some((d) => 'source' in d)).toBe(false);
    expect(whole.parts).toBeUndefined();
  });
});

/** Where a part starts in the serialised text: offset and the number of lines before it. */
interface Base {
  offset: number;
  lines: number;
}

/** A whole-text range as a range of the part at `base` (clamped to the part's first character). */
function toPart(range: SourceRange, base: Base): SourceRange {
  const from = Math.max(0, range.offset - base.offset);
  const to = range.offset + range.length - base.offset;
  return {
    start:
      range.offset < base.offset
        ? { line: 1, column: 1 }
        : { line: range.start.line - base.lines, column: range.start.column },
    end: { line: range.end.line - base.lines, column: range.end.column },
    offset: from,
    length: to - from,
  };
}

/** Reads the parts evaluation back out of the evaluation of the serialised workspace. */
function expectedFromWhole(
  whole: Evaluation,
  parts: WorkspaceParts,
  policiesDocs: number,
  probesText: string,
) {
  const { text, policiesLine } = serializeWorkspace(parts);
  const probesOffset = text.length - probesText.length;
  const bases: Record<WorkspaceSource, Base> = {
    mesh: { offset: 0, lines: 0 },
    policies: { offset: text.indexOf('\n', text.indexOf('\n---\n') + 1) + 1, lines: policiesLine - 1 },
    probes: { offset: probesOffset, lines: text.slice(0, probesOffset).split('\n').length - 1 },
  };
  const locate = (document: number): { source: WorkspaceSource; document: number } =>
    document === 0
      ? { source: 'mesh', document: 0 }
      : document <= policiesDocs
        ? { source: 'policies', document: document - 1 }
        : { source: 'probes', document: document - 1 - policiesDocs };
  const diagnostic = (d: Diagnostic): Diagnostic => {
    const at = locate(d.document);
    return {
      ...d,
      document: at.document,
      range: d.range && toPart(d.range, bases[at.source]),
      ...(d.fixes
        ? {
            fixes: d.fixes.map((f) => ({
              ...f,
              edits: f.edits.map((e) => ({ ...e, range: toPart(e.range, bases[at.source]) })),
            })),
          }
        : {}),
      ...(d.resource ? { resource: { ...d.resource, document: d.resource.document - 1 } } : {}),
      source: at.source,
    };
  };
  return {
    diagnostics: whole.diagnostics.map(diagnostic),
    documents: whole.documents.map((d) => {
      const at = locate(d.index);
      return { ...d, index: at.document, range: toPart(d.range, bases[at.source]), source: at.source };
    }),
    bases,
  };
}

describe('evaluateParts on every golden and vector workspace', () => {
  for (const file of workspaceFiles()) {
    it(`${file.name}: equals the serialised workspace's evaluation, in part positions`, async () => {
      const p = splitWorkspace(file.text);
      const { text } = serializeWorkspace(p);
      const result = await evaluateParts(p, { now: NOW });
      const whole = await evaluateWorkspace(text, { now: NOW });
      const policiesDocs = result.documents.filter((d) => d.source === 'policies').length;
      const expected = expectedFromWhole(whole, p, policiesDocs, result.parts?.probes ?? '');
      expect(text.startsWith(result.parts?.mesh ?? '-')).toBe(true);
      expect(text.slice(expected.bases.policies.offset).startsWith(p.policies.trimEnd())).toBe(true);
      expect(result.diagnostics).toEqual(expected.diagnostics);
      expect(result.documents).toEqual(expected.documents);
      expect(result.metadata).toEqual(whole.metadata);
      expect(result.workloads).toEqual(
        whole.workloads.map((w) => ({
          ...w,
          policies: w.policies.map((r) => ({ ...r, document: r.document - 1 })),
          peerAuthentication: {
            ...w.peerAuthentication,
            ...(w.peerAuthentication.resource
              ? {
                  resource: {
                    ...w.peerAuthentication.resource,
                    document: w.peerAuthentication.resource.document - 1,
                  },
                }
              : {}),
            ports: w.peerAuthentication.ports.map((port) =>
              port.resource
                ? { ...port, resource: { ...port.resource, document: port.resource.document - 1 } }
                : port,
            ),
          },
        })),
      );
      expect(result.probes).toEqual(
        whole.probes.map((probe, i) => ({
          ...probe,
          trace: probe.trace.map((step, j) => {
            // The part a ranged step points into is the one the parts evaluation names; mapping the
            // whole-text range with that part's base must give the parts evaluation's range.
            const source = result.probes[i]?.trace[j]?.source ?? 'policies';
            return {
              ...step,
              ...(step.resource
                ? { resource: { ...step.resource, document: step.resource.document - 1 } }
                : {}),
              ...(step.range ? { range: toPart(step.range, expected.bases[source]), source } : {}),
            };
          }),
        })),
      );
    });
  }
});
