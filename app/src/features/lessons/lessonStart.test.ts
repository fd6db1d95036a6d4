// @vitest-environment happy-dom
/**
 * A lesson opened at any step shows a workspace its narration can talk about: no connection answers
 * 404 (no route) unless the step itself expects a 404. Step 1 of jwt-ingress used to open with an
 * empty editor, so every request through the gateway had no route while the narration said the
 * Gateway was "in the editor".
 */
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { evaluateWorkspace, serializeWorkspace } from '@playground/evaluator';
import type { WorkspaceParts } from '@playground/evaluator';
import { LESSON_IDS } from '@playground/lessons';
import { inProcessEngine } from './inProcessEngine';
import { createLessonSlice } from './lessonSlice';
import type { LessonHost, LessonSlice } from './lessonSlice';
import { loadLesson } from './lessonSource';

const EMPTY: WorkspaceParts = { metadata: { name: 'empty' }, mesh: {}, policies: '', probes: {} };

function makeStore() {
  return create<LessonHost & LessonSlice>()((set, get) => ({
    workspace: EMPTY,
    replaceWorkspace: (workspace) => set({ workspace }),
    setPolicies: (policies) => set((s) => ({ workspace: { ...s.workspace, policies } })),
    setNotice: () => undefined,
    setAside: () => undefined,
    ...createLessonSlice(set, get, inProcessEngine),
  }));
}

/** Probes answering 404 that the step does not expect to, as `name: status`. */
async function unexpected404s(id: string, step: number): Promise<string[]> {
  const store = makeStore();
  expect(await store.getState().openLesson(id, step)).toBe(true);
  const state = store.getState();
  const expected = state.lesson?.lesson.steps[step - 1]?.expect ?? {};
  const evaluation = await evaluateWorkspace(serializeWorkspace(state.workspace).text);
  return evaluation.probes
    .filter((p) => p.status === '404' && expected[p.name ?? ''] !== '404')
    .map((p) => `${p.name ?? '?'}: ${p.status}`);
}

describe('a lesson opened at step n', () => {
  for (const id of LESSON_IDS) {
    it(`${id}: no step shows a 404 its expectations do not mention`, async () => {
      const loaded = await loadLesson(id, inProcessEngine);
      if (!loaded.ok) throw new Error(loaded.message);
      const steps = loaded.value.lesson.steps.length;
      expect(steps).toBeGreaterThan(0);
      const found: Record<string, string[]> = {};
      for (let n = 1; n <= steps; n++) {
        const bad = await unexpected404s(id, n);
        if (bad.length) found[`step ${n}`] = bad;
      }
      expect(found).toEqual({});
    });
  }
});
