/**
 * The learning slice of the store: the open lesson and its step (1-based, as in `#lesson=<id>&step=<n>`),
 * the last Check, per-lesson progress (kept in localStorage), the presenter/embed view flags and the
 * gallery/lesson-list dialogs. It is spread into the main store's creator, so Apply and Check work on
 * the same workspace the editor and canvas show; the lessons package is loaded on demand.
 */
import { serializeWorkspace, splitWorkspace } from '@playground/evaluator';
import type { WorkspaceParts } from '@playground/evaluator';
import type { StepCheck } from '@playground/lessons';
import type { Notice } from '../../state/types';
import { readWorkspaceText } from '../../state/workspaceText';
import { isExampleId, loadExample } from '../../state/examples';
import { parseLearnRoute } from '../routing/route';
import type { LessonEngine } from './engine';
import { isLessonId, LESSON_FILE_IDS, loadLesson } from './lessonSource';
import type { LoadedLesson } from './lessonSource';

export type { LessonEngine, LoadedLesson };

/** What a learner has done in one lesson. */
export interface LessonProgress {
  /** Steps (1-based) whose Check passed, ascending. */
  passed: number[];
  /** The step shown last (1-based), where the lesson list reopens it. */
  lastStep: number;
}

export interface LessonCheckResult {
  lessonId: string;
  step: number;
  result: StepCheck;
}

/**
 * How a step's workspace is put in place:
 * - `apply`: the step's own policies (the Apply button, presenter and embed navigation);
 * - `start`: the previous step's policies, so the learner writes this step's; at step 1 the base
 *   workspace's own policies (the routing a lesson builds on, such as an ingress Gateway);
 * - `keep`: the learner's current policies (Prev/Next while learning);
 * - `resume`: `keep` when the workspace already is this step's mesh and probes (a reload), else `start`.
 */
export type StepMode = 'apply' | 'start' | 'keep' | 'resume';

export type LearnDialog = 'gallery' | 'lessons' | null;

export interface LessonSliceState {
  lessonId: string | null;
  /** 1-based; 0 when no lesson is open. */
  lessonStep: number;
  lesson: LoadedLesson | null;
  /** A lesson is loading or a Check is running. */
  lessonBusy: boolean;
  lessonCheck: LessonCheckResult | null;
  lessonProgress: Record<string, LessonProgress>;
  presenting: boolean;
  embedded: boolean;
  learnDialog: LearnDialog;
  /** The example last opened and the workspace it put in place: the address names it while unchanged. */
  shownExample: { id: string; workspace: WorkspaceParts } | null;
}

export interface LessonSliceActions {
  /** Opens a lesson at a step (1-based). Unknown ids and steps give a notice; false when nothing opened. */
  openLesson(id: string, step?: number, mode?: StepMode): Promise<boolean>;
  /** Moves to another step: applied when presenting or embedded, else the learner's policies are kept. */
  goToStep(step: number): Promise<void>;
  /** Apply: the current step's workspace, exactly. */
  applyLessonStep(): Promise<void>;
  /** Check: the current workspace against the current step. */
  checkLessonStep(): Promise<StepCheck | null>;
  closeLesson(): void;
  resetLessonProgress(id: string): void;
  /** Opens a golden example (closing any lesson). Unknown ids give a notice. */
  openExample(id: string): Promise<boolean>;
  setPresenting(on: boolean): void;
  setEmbedded(on: boolean): void;
  setLearnDialog(dialog: LearnDialog): void;
}

export type LessonSlice = LessonSliceState & LessonSliceActions;

/** What the slice needs from the main store. */
export interface LessonHost {
  workspace: WorkspaceParts;
  replaceWorkspace(parts: WorkspaceParts): void;
  setPolicies(text: string): void;
  setNotice(notice: Notice | null): void;
  /** Keeps the workspace shown in the history of recent workspaces before it is replaced. */
  setAside(): void;
}

export type LessonSet = (partial: Partial<LessonSliceState>) => void;
export type LessonGet = () => LessonHost & LessonSlice;

export const PROGRESS_KEY = 'playground.lessons.v1';

/** Progress from localStorage, validated (it is user-controlled data): anything odd is dropped. */
export function loadProgress(): Record<string, LessonProgress> {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(PROGRESS_KEY);
  } catch {
    return {};
  }
  if (!raw) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const out: Record<string, LessonProgress> = {};
  for (const [id, value] of Object.entries(data as Record<string, unknown>)) {
    if (!isLessonId(id) || typeof value !== 'object' || value === null) continue;
    const { passed, lastStep } = value as { passed?: unknown; lastStep?: unknown };
    const steps = Array.isArray(passed)
      ? passed.filter((n): n is number => Number.isInteger(n) && n >= 1)
      : [];
    out[id] = {
      passed: [...new Set(steps)].sort((a, b) => a - b),
      lastStep: Number.isInteger(lastStep) && (lastStep as number) >= 1 ? (lastStep as number) : 1,
    };
  }
  return out;
}

function saveProgress(progress: Record<string, LessonProgress>): void {
  try {
    window.localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Storage refused (privacy mode, quota): progress lives for this visit only.
  }
}

/** The mesh without its layout: dragging nodes does not make a workspace another step's. */
const meshKey = (parts: Pick<WorkspaceParts, 'mesh'>): string =>
  JSON.stringify({ ...parts.mesh, layout: undefined });
const sameStage = (a: Pick<WorkspaceParts, 'mesh' | 'probes'>, b: Pick<WorkspaceParts, 'mesh' | 'probes'>) =>
  meshKey(a) === meshKey(b) && JSON.stringify(a.probes) === JSON.stringify(b.probes);

/**
 * The policies a learner starts step `step` (1-based) from: the previous step's. Step 1 starts from
 * the base's own policies, so resources the whole lesson relies on (a Gateway and VirtualService the
 * narration says are "in the editor") are there from the first step instead of every probe 404ing.
 */
export function startPolicies(loaded: LoadedLesson, step: number): string {
  if (step > 1) return loaded.lesson.steps[step - 2]?.policies ?? '';
  return splitWorkspace(loaded.base).policies;
}

/**
 * The slice, to spread into the main store's creator: `...createLessonSlice(set, get)`. `engine`
 * runs the lesson operations (a worker in the app; tests pass the in-process engine).
 */
export function createLessonSlice(set: LessonSet, get: LessonGet, engine: LessonEngine): LessonSlice {
  /** Only the latest openLesson call may install its lesson. */
  let opening = 0;
  /** Only the latest step change may install its workspace (keys can be pressed quickly). */
  let installing = 0;

  const notice = (kind: Notice['kind'], message: string) => get().setNotice({ kind, message });

  /** The workspace of step `step` (1-based) after Apply. */
  const stepParts = async (loaded: LoadedLesson, step: number): Promise<WorkspaceParts | null> => {
    const read = readWorkspaceText(await engine.workspace(loaded.lesson, loaded.base, step - 1));
    return read.ok ? read.parts : null;
  };

  /**
   * Puts a step's workspace in place with as small a change as possible: same mesh (layout aside)
   * and probes means only the policies change (the canvas keeps its layout and view). `aside`: the
   * workspace shown is kept in the history first if it is about to change (opening a lesson).
   */
  const install = async (loaded: LoadedLesson, step: number, mode: StepMode, aside = false) => {
    const ticket = ++installing;
    let target: WorkspaceParts | null;
    try {
      target = await stepParts(loaded, step);
    } catch (error) {
      notice('error', `This step cannot be shown: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!target || ticket !== installing || get().lesson !== loaded) return;
    const host = get();
    const current = host.workspace;
    const previous = startPolicies(loaded, step);
    const keep = mode === 'keep' || (mode === 'resume' && sameStage(current, target));
    const policies = mode === 'apply' ? target.policies : keep ? current.policies : previous;
    if (sameStage(current, target)) {
      if (current.policies === policies) return;
      if (aside) host.setAside();
      host.setPolicies(policies);
      return;
    }
    if (aside) host.setAside();
    const sameMesh = meshKey(current) === meshKey(target);
    host.replaceWorkspace({ ...target, mesh: sameMesh ? current.mesh : target.mesh, policies });
  };

  const remember = (id: string, update: (p: LessonProgress) => LessonProgress) => {
    const progress = get().lessonProgress;
    const next = { ...progress, [id]: update(progress[id] ?? { passed: [], lastStep: 1 }) };
    set({ lessonProgress: next });
    saveProgress(next);
  };

  // The view flags come from the query at creation, so an embed never renders the full app first.
  const flags =
    typeof window === 'undefined'
      ? { present: false, embed: false }
      : parseLearnRoute(window.location.search, '');

  return {
    lessonId: null,
    lessonStep: 0,
    lesson: null,
    lessonBusy: false,
    lessonCheck: null,
    lessonProgress: loadProgress(),
    presenting: flags.present && !flags.embed,
    embedded: flags.embed,
    learnDialog: null,
    shownExample: null,

    openLesson: async (id, step = 1, mode = 'start') => {
      if (!isLessonId(id)) {
        notice('error', `There is no lesson named "${id}". The lessons are: ${LESSON_FILE_IDS.join(', ')}.`);
        return false;
      }
      const ticket = ++opening;
      set({ lessonBusy: true });
      const loaded = await loadLesson(id, engine);
      if (ticket !== opening) return false;
      set({ lessonBusy: false });
      if (!loaded.ok) {
        notice('error', `This lesson cannot be opened: ${loaded.message}.`);
        return false;
      }
      // A banner about what was shown before (an example, a link) would now describe the wrong thing.
      get().setNotice(null);
      const count = loaded.value.lesson.steps.length;
      let at = step;
      if (!Number.isInteger(step) || step < 1 || step > count) {
        at = Number.isFinite(step) && step > count ? count : 1;
        notice('info', `The lesson "${loaded.value.lesson.title}" has ${count} steps: step ${at} is shown.`);
      }
      set({ lessonId: id, lesson: loaded.value, lessonStep: at, lessonCheck: null, learnDialog: null });
      await install(loaded.value, at, mode, true);
      remember(id, (p) => ({ ...p, lastStep: at }));
      return true;
    },

    goToStep: async (step) => {
      const { lesson, lessonId, presenting, embedded } = get();
      if (!lesson || !lessonId) return;
      const at = Math.min(Math.max(1, Math.trunc(step)), lesson.lesson.steps.length);
      if (at === get().lessonStep) return;
      set({ lessonStep: at, lessonCheck: null });
      remember(lessonId, (p) => ({ ...p, lastStep: at }));
      await install(lesson, at, presenting || embedded ? 'apply' : 'keep');
    },

    applyLessonStep: async () => {
      const { lesson, lessonStep } = get();
      if (!lesson || lessonStep < 1) return;
      set({ lessonCheck: null });
      await install(lesson, lessonStep, 'apply');
    },

    checkLessonStep: async () => {
      const { lesson, lessonId, lessonStep } = get();
      if (!lesson || !lessonId) return null;
      set({ lessonBusy: true });
      const text = serializeWorkspace(get().workspace).text;
      try {
        const result = await engine.check(lesson.lesson, lessonStep - 1, text);
        // The learner may have moved on while the Check ran: a stale answer is dropped.
        if (get().lessonId !== lessonId || get().lessonStep !== lessonStep) return null;
        set({ lessonCheck: { lessonId, step: lessonStep, result } });
        if (result.pass)
          remember(lessonId, (p) => ({
            ...p,
            passed: [...new Set([...p.passed, lessonStep])].sort((a, b) => a - b),
          }));
        return result;
      } catch (error) {
        notice('error', `The check could not run: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      } finally {
        set({ lessonBusy: false });
      }
    },

    closeLesson: () => {
      opening++;
      set({ lessonId: null, lesson: null, lessonStep: 0, lessonCheck: null, lessonBusy: false });
    },

    resetLessonProgress: (id) => {
      const next = { ...get().lessonProgress };
      delete next[id];
      set({ lessonProgress: next });
      saveProgress(next);
    },

    openExample: async (id) => {
      if (!isExampleId(id)) {
        notice('error', `There is no example named "${id}". Open the gallery to see them all.`);
        return false;
      }
      const example = await loadExample(id);
      if (!example) {
        notice('error', `The example "${id}" cannot be opened.`);
        return false;
      }
      const previous = serializeWorkspace(get().workspace).text;
      get().closeLesson();
      // Reloading `#example=<id>` over the same, unchanged example: nothing to replace or announce.
      if (previous !== serializeWorkspace(example.parts).text) {
        get().setAside();
        get().replaceWorkspace(example.parts);
        get().setNotice({ kind: 'info', message: `You opened the example "${example.title}".`, previous });
      }
      set({ learnDialog: null, shownExample: { id, workspace: get().workspace } });
      return true;
    },

    setPresenting: (presenting) => set({ presenting }),
    setEmbedded: (embedded) => set({ embedded }),
    setLearnDialog: (learnDialog) => set({ learnDialog }),
  };
}
