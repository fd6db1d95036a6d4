// @vitest-environment happy-dom
/**
 * The learning slice on a small store with the same workspace actions as the app's. Expected
 * outcomes are the authentication task's tables (seeds/002): with no policy every call answers 200;
 * with mesh-wide STRICT, sleep.legacy (no sidecar, plain text) gets 000 from httpbin.foo and httpbin.bar.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { WorkspaceParts } from '@playground/evaluator';
import { inProcessEngine } from './inProcessEngine';
import { createLessonSlice, loadProgress, PROGRESS_KEY } from './lessonSlice';
import type { LessonHost, LessonSlice } from './lessonSlice';
import type { Notice } from '../../state/types';

interface TestHost extends LessonHost {
  notice: Notice | null;
  replaced: number;
  /** The workspaces set aside (their names), in order. */
  asides: string[];
}

const EMPTY: WorkspaceParts = { metadata: { name: 'empty' }, mesh: {}, policies: '', probes: {} };

function makeStore() {
  return create<TestHost & LessonSlice>()((set, get) => ({
    workspace: EMPTY,
    notice: null,
    replaced: 0,
    asides: [],
    setAside: () => set((s) => ({ asides: [...s.asides, s.workspace.metadata.name ?? '?'] })),
    replaceWorkspace: (parts) => set((s) => ({ workspace: parts, replaced: s.replaced + 1 })),
    setPolicies: (policies) => set((s) => ({ workspace: { ...s.workspace, policies } })),
    setNotice: (notice) => set({ notice }),
    ...createLessonSlice(set, get, inProcessEngine),
  }));
}

/** Mesh-wide STRICT, written by hand as the task prints it (seeds/002, "Globally enabling…"). */
const MESH_STRICT = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT
`;

beforeEach(() => window.localStorage.clear());

describe('lesson slice', () => {
  it('refuses an unknown lesson with a notice naming the lessons', async () => {
    const store = makeStore();
    expect(await store.getState().openLesson('no-such-lesson', 1)).toBe(false);
    expect(store.getState().notice?.kind).toBe('error');
    expect(store.getState().notice?.message).toMatch(/no lesson named "no-such-lesson".*mtls-strict/);
    expect(store.getState().lessonId).toBeNull();
    expect(store.getState().replaced).toBe(0);
  });

  it('opens a lesson at a step with the previous step’s policies, then fails and passes a Check', async () => {
    const store = makeStore();
    expect(await store.getState().openLesson('mtls-strict', 2)).toBe(true);
    const s = store.getState();
    expect(s.lessonId).toBe('mtls-strict');
    expect(s.lessonStep).toBe(2);
    expect(s.workspace.mesh.workloads?.map((w) => `${w.namespace}/${w.name}`)).toContain('legacy/sleep');
    expect(s.workspace.policies).toBe(''); // step 1 has no policy

    const failed = await store.getState().checkLessonStep();
    expect(failed?.pass).toBe(false);
    expect(failed?.differences.map((d) => [d.probe, d.expected, d.actual]).sort()).toEqual([
      ['sleep.legacy to httpbin.bar', '000', '200'],
      ['sleep.legacy to httpbin.foo', '000', '200'],
    ]);
    expect(failed?.differences.every((d) => d.why.length > 0)).toBe(true);
    expect(store.getState().lessonCheck?.result.pass).toBe(false);

    store.getState().setPolicies(MESH_STRICT);
    const passed = await store.getState().checkLessonStep();
    expect(passed).toMatchObject({ pass: true, differences: [] });
    expect(store.getState().lessonProgress['mtls-strict']).toEqual({ passed: [2], lastStep: 2 });
    expect(JSON.parse(window.localStorage.getItem(PROGRESS_KEY) ?? '{}')).toEqual({
      'mtls-strict': { passed: [2], lastStep: 2 },
    });
  });

  it('Apply puts the step’s own policies in place, changing only the policies when the stage is the same', async () => {
    const store = makeStore();
    await store.getState().openLesson('mtls-strict', 2);
    const replaced = store.getState().replaced;
    await store.getState().applyLessonStep();
    expect(store.getState().workspace.policies).toMatch(/mode: STRICT/);
    expect(store.getState().workspace.policies).toMatch(/namespace: "istio-system"/);
    expect(store.getState().replaced).toBe(replaced);
    expect((await store.getState().checkLessonStep())?.pass).toBe(true);
  });

  it('Next keeps the learner’s policies while learning, and applies the step while presenting', async () => {
    const store = makeStore();
    await store.getState().openLesson('mtls-strict', 1);
    store.getState().setPolicies('# my own work\n');
    await store.getState().goToStep(2);
    expect(store.getState().lessonStep).toBe(2);
    expect(store.getState().workspace.policies).toBe('# my own work\n');

    store.getState().setPresenting(true);
    await store.getState().goToStep(3);
    expect(store.getState().lessonStep).toBe(3);
    expect(store.getState().workspace.policies).toMatch(/namespace: "foo"/);
    await store.getState().goToStep(99);
    expect(store.getState().lessonStep).toBe(6);
    await store.getState().goToStep(0);
    expect(store.getState().lessonStep).toBe(1);
  });

  it('opens an out-of-range or non-numeric step at a real step, saying so', async () => {
    const store = makeStore();
    await store.getState().openLesson('jwt-ingress', 42);
    expect(store.getState().lessonStep).toBe(4);
    expect(store.getState().notice?.message).toMatch(/has 4 steps: step 4 is shown/);
    await store.getState().openLesson('jwt-ingress', Number.NaN);
    expect(store.getState().lessonStep).toBe(1);
  });

  it('resume keeps the learner’s policies when the workspace already is the step’s', async () => {
    const store = makeStore();
    await store.getState().openLesson('mtls-strict', 3);
    store.getState().setPolicies(MESH_STRICT);
    store.getState().closeLesson();
    expect(store.getState().lessonId).toBeNull();
    await store.getState().openLesson('mtls-strict', 3, 'resume');
    expect(store.getState().workspace.policies).toBe(MESH_STRICT);
  });

  it('opens an example, closing the lesson, with the previous work one click away', async () => {
    const store = makeStore();
    await store.getState().openLesson('pitfalls', 1);
    expect(await store.getState().openExample('authn-mesh-strict')).toBe(true);
    const s = store.getState();
    expect(s.lessonId).toBeNull();
    expect(s.workspace.metadata.name).toBe('authn-mesh-strict');
    expect(s.workspace.policies).toMatch(/mode: STRICT/);
    expect(s.notice).toMatchObject({
      kind: 'info',
      message: expect.stringContaining('Mesh-wide STRICT mutual TLS'),
    });
    expect(s.notice?.previous).toMatch(/kind: Mesh/);
    expect(await store.getState().openExample('<script>')).toBe(false);
    expect(store.getState().notice?.kind).toBe('error');
    expect(store.getState().workspace.metadata.name).toBe('authn-mesh-strict');
  });

  it('sets the shown workspace aside before a lesson or an example replaces it, and only then', async () => {
    const store = makeStore();
    await store.getState().openLesson('pitfalls', 1);
    expect(store.getState().asides).toEqual(['empty']);
    // Moving between steps, or reopening the lesson already shown, keeps the history as it is.
    await store.getState().goToStep(2);
    await store.getState().openLesson('pitfalls', 2, 'resume');
    expect(store.getState().asides).toEqual(['empty']);
    const lessonName = store.getState().workspace.metadata.name;
    expect(await store.getState().openExample('authn-mesh-strict')).toBe(true);
    expect(store.getState().asides).toEqual(['empty', lessonName]);
    // The same example again replaces nothing.
    expect(await store.getState().openExample('authn-mesh-strict')).toBe(true);
    expect(await store.getState().openExample('__proto__')).toBe(false);
    expect(await store.getState().openLesson('__proto__')).toBe(false);
    expect(store.getState().asides).toHaveLength(2);
  });

  it('reads saved progress defensively', () => {
    window.localStorage.setItem(
      PROGRESS_KEY,
      JSON.stringify({
        'mtls-strict': { passed: [1, 1, 3, -2, 'x'], lastStep: 3 },
        'not-a-lesson': { passed: [1], lastStep: 1 },
        pitfalls: { passed: 'junk', lastStep: 0 },
      }),
    );
    expect(loadProgress()).toEqual({
      'mtls-strict': { passed: [1, 3], lastStep: 3 },
      pitfalls: { passed: [], lastStep: 1 },
    });
    window.localStorage.setItem(PROGRESS_KEY, '{not json');
    expect(loadProgress()).toEqual({});
  });
});
