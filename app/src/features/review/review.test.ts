// @vitest-environment happy-dom
/**
 * Review mode's pure pieces and its store wiring. The expected changes come from two consecutive
 * steps of Istio's authentication task (golden files authn-setup → authn-mesh-strict, whose page
 * prints both tables: sleep.legacy to httpbin.foo and httpbin.bar go from 200 to 000).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { evaluateParts } from '@playground/evaluator';
import type { Evaluation, MatrixEntry, WorkspaceParts } from '@playground/evaluator';
import { readWorkspaceText } from '../../state/workspaceText';
import { createAppStore } from '../../store';
import { inProcessEngine } from '../lessons/inProcessEngine';
import { buildProbeEdges, probeEdgeAttributes } from '../graph/model';
import { compactLines } from '../graph/edges/labelText';
import { connectReview } from './connect';
import { loadReview, MAX_SAVED_BASELINE, saveReview } from './persistence';
import { matrixChanges } from './matrixChanges';
import { stepThrough } from './ReviewBanner';
import { changeOrder, markTag, removedInMesh, reviewMarks, selectReviewDiff, summaryText } from './selectors';

function golden(name: string): WorkspaceParts {
  // Tests run from the repository root (happy-dom gives modules a page URL, not a file one).
  const text = readFileSync(join(process.cwd(), 'packages/evaluator/test/golden', `${name}.yaml`), 'utf8');
  const read = readWorkspaceText(text);
  if (!read.ok) throw new Error(read.message);
  return read.parts;
}

const BEFORE = golden('authn-setup');
const AFTER = golden('authn-mesh-strict');

async function reviewState() {
  const [before, after] = await Promise.all([evaluateParts(BEFORE), evaluateParts(AFTER)]);
  return {
    workspace: AFTER,
    verdicts: {
      probes: after.probes,
      workloads: after.workloads,
      diagnostics: [],
      evaluation: after,
      stale: false,
    },
    reviewOpen: true,
    reviewBaseline: BEFORE,
    baselineEvaluation: before,
    baselineOf: BEFORE,
  };
}

describe('the review diff, marks and banner words', () => {
  it('finds the two connections the task says STRICT cuts off, and the two probes only the setup has', async () => {
    const state = await reviewState();
    const diff = selectReviewDiff(state);
    expect(diff?.summary).toEqual({ changed: 2, added: 0, removed: 2, unchanged: 7 });
    expect(diff?.changes.map((c) => [c.from, c.to, c.kind, c.before.status, c.after.status])).toEqual([
      ['legacy/sleep', 'foo/httpbin', 'newly-denied', '200', '000'],
      ['legacy/sleep', 'bar/httpbin', 'newly-denied', '200', '000'],
    ]);
    expect(summaryText(diff!)).toBe(
      '2 connections changed: 2 newly denied, 0 newly allowed, 0 other · 2 removed',
    );
    // Memoised on its inputs' identity: the same object while nothing changed.
    expect(selectReviewDiff({ ...state })).toBe(diff);
    // Outside review mode, or for an answer about another baseline: nothing.
    expect(selectReviewDiff({ ...state, reviewOpen: false })).toBeNull();
    expect(selectReviewDiff({ ...state, baselineOf: AFTER })).toBeNull();
  });

  it('marks the changed edges with their old outcome, and every edge carries data-changed', async () => {
    const state = await reviewState();
    const diff = selectReviewDiff(state);
    const marks = reviewMarks(diff);
    expect(reviewMarks(diff)).toBe(marks);
    const edges = buildProbeEdges(AFTER.mesh, AFTER.probes, state.verdicts.probes, false, null, marks);
    const attrs = edges.map(probeEdgeAttributes);
    expect(attrs.filter((a) => a['data-changed'] === 'true')).toEqual([
      expect.objectContaining({
        'data-from': 'legacy/sleep',
        'data-to': 'foo/httpbin',
        'data-status': '000',
        'data-before-status': '200',
        'data-before-verdict': 'allowed',
      }),
      expect.objectContaining({ 'data-to': 'bar/httpbin', 'data-before-status': '200' }),
    ]);
    expect(attrs.every((a) => a['data-changed'] === 'true' || a['data-changed'] === 'false')).toBe(true);
    // Outside review mode every edge says false, and carries no old outcome.
    const plain = buildProbeEdges(AFTER.mesh, AFTER.probes, state.verdicts.probes, false, null).map(
      probeEdgeAttributes,
    );
    expect(plain.every((a) => a['data-changed'] === 'false' && !('data-before-status' in a))).toBe(true);
    // The compact label keeps a changed probe apart from unchanged ones, with its tag.
    const changed = edges.find((e) => e.review)!;
    const lines = compactLines([changed]);
    expect(lines[0]?.review).toEqual({
      kind: 'newly-denied',
      before: expect.objectContaining({ status: '200' }),
    });
    expect(markTag(changed.review!)).toEqual({ arrow: '▼', lead: 'was', was: '200' });
    expect(markTag({ kind: 'added', before: null })).toEqual({ arrow: '✚', lead: 'new', was: '' });
  });

  it('draws removed probes only when both their endpoints are still in the mesh', async () => {
    const diff = selectReviewDiff(await reviewState());
    expect(removedInMesh(diff, AFTER.mesh).map((r) => [r.from, r.to, r.request.path])).toEqual([
      ['foo/sleep', 'foo/httpbin', '/headers'],
      ['foo/sleep', 'legacy/httpbin', '/headers'],
    ]);
    const withoutLegacy = {
      ...AFTER.mesh,
      workloads: (AFTER.mesh.workloads ?? []).filter((w) => w.namespace !== 'legacy'),
    };
    expect(removedInMesh(diff, withoutLegacy)).toHaveLength(1);
  });

  it('steps through the changes in list order, wrapping around', () => {
    const order = [6, 7];
    expect(stepThrough(order, null, 1)).toBe(6);
    expect(stepThrough(order, null, -1)).toBe(7);
    expect(stepThrough(order, 6, 1)).toBe(7);
    expect(stepThrough(order, 7, 1)).toBe(6);
    expect(stepThrough(order, 6, -1)).toBe(7);
    expect(stepThrough(order, 3, 1)).toBe(6);
    expect(stepThrough([], 3, 1)).toBeNull();
    expect(changeOrder(null)).toEqual([]);
  });

  it('compares matrices cell by cell (from, to, port)', () => {
    const cell = (from: string, status: string, verdict: MatrixEntry['verdict']): MatrixEntry => ({
      from,
      to: 'foo/httpbin',
      port: 8000,
      service: 'httpbin.foo',
      status,
      verdict,
      mtls: null,
      line: '',
    });
    const before = [cell('a', '200', 'allowed'), cell('b', '200', 'allowed'), cell('gone', '200', 'allowed')];
    const after = [
      cell('a', '200', 'allowed'),
      cell('b', '000', 'mtls-failure'),
      cell('new', '403', 'denied'),
    ];
    expect(
      matrixChanges(before, after).map((c) => [c.from, c.before?.status ?? null, c.after?.status ?? null]),
    ).toEqual([
      ['b', '200', '000'],
      ['new', null, '403'],
      ['gone', '200', null],
    ]);
  });
});

describe('the review baseline in the store', () => {
  const fakeClient = () => {
    const listeners = new Map<string, (answer: unknown) => void>();
    return {
      evaluateBaseline: vi.fn((_parts: WorkspaceParts, _traces?: number[]) => 1),
      baselineMatrix: vi.fn((_parts: WorkspaceParts) => 2),
      on: ((type: string, listener: (answer: unknown) => void) => {
        listeners.set(type, listener);
        return () => listeners.delete(type);
      }) as never,
      answer: (type: string, answer: unknown) => listeners.get(type)?.(answer),
    };
  };

  it('follows the workspace opened, never undo/redo; evaluates the baseline only in review mode, once', async () => {
    const store = createAppStore({ lessonEngine: inProcessEngine, initial: BEFORE });
    const client = fakeClient();
    const save = vi.fn();
    connectReview(store, client, { save });
    expect(store.getState().reviewBaseline).toBe(BEFORE);
    expect(client.evaluateBaseline).not.toHaveBeenCalled();

    store.getState().replaceWorkspace(AFTER); // an example, a link, an import…
    expect(store.getState().reviewBaseline).toBe(store.getState().workspace);
    expect(store.getState().reviewBaseline).toEqual(AFTER);
    expect(save).toHaveBeenLastCalledWith(store.getState().workspace, false);
    store.getState().setReviewBaseline(BEFORE);
    store.getState().editProbes((p) => ({ ...p, probes: (p.probes ?? []).slice(1) }));
    store.getState().undo();
    store.getState().redo();
    expect(store.getState().reviewBaseline).toBe(BEFORE);

    store.getState().openReview();
    expect(client.evaluateBaseline).toHaveBeenCalledTimes(1);
    expect(client.evaluateBaseline).toHaveBeenLastCalledWith(BEFORE, []);
    // Keystrokes do not evaluate the baseline again.
    store.getState().setPolicies(`${AFTER.policies}\n# a comment\n`);
    store.getState().setPolicies(AFTER.policies);
    expect(client.evaluateBaseline).toHaveBeenCalledTimes(1);

    const evaluation: Evaluation = await evaluateParts(BEFORE);
    client.answer('baseline', { type: 'baseline', id: 1, evaluation });
    expect(store.getState().baselineEvaluation).toBe(evaluation);
    expect(store.getState().baselineOf).toBe(BEFORE);

    // Opening another workspace makes it the baseline and ends the review.
    store.getState().replaceWorkspace(BEFORE);
    expect(store.getState().reviewOpen).toBe(false);
    expect(store.getState().reviewBaseline).toEqual(BEFORE);
    store.getState().setReviewBaseline(BEFORE);
    store.getState().openReview();
    store.getState().closeReview();
    expect(store.getState().reviewOpen).toBe(false);
    expect(save).toHaveBeenLastCalledWith(BEFORE, false);
  });

  it('keeps the baseline and the open flag across a reload, unless too large to share the storage', () => {
    saveReview(BEFORE, true);
    const loaded = loadReview();
    expect(loaded?.open).toBe(true);
    expect(loaded?.baseline).toEqual(BEFORE);
    const huge = { ...BEFORE, policies: `# ${'x'.repeat(MAX_SAVED_BASELINE)}\n` };
    saveReview(huge, true);
    expect(loadReview()).toBeNull();
    localStorage.setItem('playground.review.v1', '{not json');
    expect(loadReview()).toBeNull();
  });
});
