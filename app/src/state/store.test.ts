import { describe, expect, it } from 'vitest';
import type { Diagnostic, Evaluation, ProbeResult } from '@playground/evaluator';
import { createCoreStore as createPlaygroundStore } from './store';
import { renameWorkload } from './meshEdits';

const probe = (status: string, verdict: ProbeResult['verdict']): ProbeResult => ({
  index: 0,
  name: 'p',
  from: 'legacy/sleep',
  to: 'foo/httpbin',
  port: 8000,
  status,
  verdict,
  mtls: null,
  expect: null,
  pass: null,
  trace: [],
});
const evaluation = (probes: ProbeResult[], diagnostics: Diagnostic[] = []): Evaluation => ({
  metadata: {},
  diagnostics,
  documents: [],
  workloads: [],
  probes,
});
const syntaxError: Diagnostic = {
  code: 'yaml.syntax',
  severity: 'error',
  message: 'bad',
  document: 1,
  range: null,
};

describe('the playground store', () => {
  it('starts on the authentication task mesh with nine probes and no policies', () => {
    const s = createPlaygroundStore().getState();
    expect(s.workspace.mesh.namespaces?.map((n) => n.name)).toEqual(['foo', 'bar', 'legacy']);
    expect(s.workspace.mesh.workloads).toHaveLength(6);
    expect(
      s.workspace.mesh.workloads?.filter((w) => w.sidecar === false).map((w) => `${w.namespace}/${w.name}`),
    ).toEqual(['legacy/httpbin', 'legacy/sleep']);
    expect(s.workspace.probes.probes).toHaveLength(9);
    expect(s.workspace.probes.probes?.every((p) => p.port === 8000 && p.request?.path === '/ip')).toBe(true);
    expect(s.workspace.policies.trim()).toBe('');
  });

  it('keeps the last good verdicts, marked stale, while the YAML does not parse', () => {
    const store = createPlaygroundStore();
    store.getState().receive(evaluation([probe('000', 'mtls-failure')]));
    store.getState().receive(evaluation([], [syntaxError]));
    const v = store.getState().verdicts;
    expect(v?.stale).toBe(true);
    expect(v?.probes[0]?.verdict).toBe('mtls-failure');
    expect(v?.diagnostics).toEqual([syntaxError]);
    store.getState().receive(evaluation([probe('200', 'allowed')]));
    expect(store.getState().verdicts?.stale).toBe(false);
    expect(store.getState().verdicts?.probes[0]?.verdict).toBe('allowed');
  });

  it('undoes and redoes canvas and inspector edits', () => {
    const store = createPlaygroundStore();
    const before = store.getState().workspace.mesh;
    store
      .getState()
      .editMesh((m) => ({ ...m, workloads: (m.workloads ?? []).map((w) => ({ ...w, sidecar: true })) }));
    const after = store.getState().workspace.mesh;
    expect(after).not.toBe(before);
    store.getState().undo();
    expect(store.getState().workspace.mesh).toBe(before);
    store.getState().redo();
    expect(store.getState().workspace.mesh).toBe(after);
    expect(store.getState().future).toHaveLength(0);
  });

  it('undoes a whole-workspace replacement, policies text included; canvas steps leave the text alone', () => {
    const store = createPlaygroundStore();
    const mine = store.getState().workspace;
    store.getState().setPolicies('# typed by me\n');
    const typed = store.getState().workspace;
    const theirs = { ...typed, metadata: { name: 'theirs' }, policies: '# from the other tab\n' };
    store.getState().replaceWorkspace(theirs);
    store.getState().editMesh((m) => ({ ...m, layout: { 'foo/sleep': { x: 1, y: 2 } } }));
    store.getState().undo(); // the canvas step: the text stays theirs
    expect(store.getState().workspace.policies).toBe('# from the other tab\n');
    store.getState().undo(); // the replacement: my text and metadata come back
    expect(store.getState().workspace.policies).toBe('# typed by me\n');
    expect(store.getState().workspace.metadata).toBe(mine.metadata);
    store.getState().redo();
    expect(store.getState().workspace.policies).toBe('# from the other tab\n');
    expect(store.getState().workspace.metadata).toEqual({ name: 'theirs' });
  });

  it('clears the trace highlight on deselect and on an edit of the policies', () => {
    const store = createPlaygroundStore();
    store.getState().select({ kind: 'probe', index: 0 });
    store.getState().highlightLines([{ startLine: 1, endLine: 2 }]);
    store.getState().select({ kind: 'probe', index: 0 });
    expect(store.getState().highlight).not.toBeNull();
    store.getState().select(null);
    expect(store.getState().highlight).toBeNull();
    store.getState().highlightLines([{ startLine: 1, endLine: 2 }]);
    store.getState().setPolicies('kind: X\n');
    expect(store.getState().highlight).toBeNull();
  });

  it('renames a workload in the mesh, the layout and every probe', () => {
    const { mesh, probes } = createPlaygroundStore().getState().workspace;
    const renamed = renameWorkload(
      { ...mesh, layout: { 'foo/httpbin': { x: 1, y: 2 } } },
      probes,
      'foo/httpbin',
      { name: 'web', namespace: 'foo' },
    );
    expect(renamed.mesh.workloads?.some((w) => w.name === 'web' && w.namespace === 'foo')).toBe(true);
    expect(renamed.mesh.layout).toEqual({ 'foo/web': { x: 1, y: 2 } });
    expect(renamed.probes.probes?.filter((p) => p.to === 'foo/web')).toHaveLength(3);
    expect(renamed.probes.probes?.some((p) => p.to === 'foo/httpbin')).toBe(false);
  });
});
