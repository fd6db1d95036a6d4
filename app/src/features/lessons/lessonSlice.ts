/**
 * The learning slice of the store: the open lesson and its step (1-based, as in `#lesson=<id>&step=<n>`),
 * the last Check, per-lesson progress (kept in localStorage), the presenter/embed view flags and the
 * gallery/lesson-list dialogs. It is spread into the main store's creator, so Apply and Check work on
 * the same workspace the editor and canvas show; the lessons package is loaded on demand.
 */
import { serializeWorkspace } from '@playground/evaluator';
import type { WorkspaceParts } from '@playground/evaluator';
import type { StepCheck } from '@playground/lessons';
import type { Notice } from '../../state/types';
import { isExampleId, loadExample } from '../../state/examples';
import { parseLearnRoute } from '../routing/route';
import type { LessonEngine } from './engine';
import { loadProgress, saveProgress, withPassed, type LessonProgress } from './lessonProgress';
import { isLessonId, LESSON_FILE_IDS, loadLesson } from './lessonSource';
import type { LoadedLesson } from './lessonSource';
import { createStepInstaller, type Install, type StepMode } from './stepInstall';

export type { LessonEngine, LessonProgress, LoadedLesson, StepMode };
export { loadProgress, PROGRESS_KEY } from './lessonProgress';
export { startPolicies } from './stepInstall';

export interface LessonCheckResult {
  lessonId: string;
  step: number;
  result: StepCheck;
}

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

/** What every group of actions shares: the store, the lesson engine, and helpers over them. */
interface SliceContext {
  set: LessonSet;
  get: LessonGet;
  engine: LessonEngine;
  notice(kind: Notice['kind'], message: string): void;
  install: Install;
  /** Updates and saves one lesson's progress. */
  remember(id: string, update: (p: LessonProgress) => LessonProgress): void;
}

/** The slice's state when the store is created; the view flags come from the address. */
function initialLessonState(): LessonSliceState {
  // Read at creation, so an embed never renders the full app first.
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
  };
}

/** The step a lesson opens at: `step` when it exists, else the nearest one, with a notice. */
function stepToOpen(ctx: SliceContext, loaded: LoadedLesson, step: number): number {
  const count = loaded.lesson.steps.length;
  if (Number.isInteger(step) && step >= 1 && step <= count) return step;
  const at = Number.isFinite(step) && step > count ? count : 1;
  ctx.notice('info', `The lesson "${loaded.lesson.title}" has ${count} steps: step ${at} is shown.`);
  return at;
}

/** Opening and closing a lesson: only the latest openLesson call may install its lesson. */
function openingActions(ctx: SliceContext): Pick<LessonSliceActions, 'openLesson' | 'closeLesson'> {
  const { set, get, notice } = ctx;
  let opening = 0;
  return {
    openLesson: async (id, step = 1, mode = 'start') => {
      if (!isLessonId(id)) {
        notice('error', `There is no lesson named "${id}". The lessons are: ${LESSON_FILE_IDS.join(', ')}.`);
        return false;
      }
      const ticket = ++opening;
      set({ lessonBusy: true });
      const loaded = await loadLesson(id, ctx.engine);
      if (ticket !== opening) return false;
      set({ lessonBusy: false });
      if (!loaded.ok) {
        notice('error', `This lesson cannot be opened: ${loaded.message}.`);
        return false;
      }
      // A banner about what was shown before (an example, a link) would now describe the wrong thing.
      get().setNotice(null);
      const at = stepToOpen(ctx, loaded.value, step);
      set({ lessonId: id, lesson: loaded.value, lessonStep: at, lessonCheck: null, learnDialog: null });
      await ctx.install(loaded.value, at, mode, true);
      ctx.remember(id, (p) => ({ ...p, lastStep: at }));
      return true;
    },

    closeLesson: () => {
      opening++;
      set({ lessonId: null, lesson: null, lessonStep: 0, lessonCheck: null, lessonBusy: false });
    },
  };
}

/** Moving between steps and Apply. */
function stepActions(ctx: SliceContext): Pick<LessonSliceActions, 'goToStep' | 'applyLessonStep'> {
  const { set, get } = ctx;
  return {
    goToStep: async (step) => {
      const { lesson, lessonId, presenting, embedded } = get();
      if (!lesson || !lessonId) return;
      const at = Math.min(Math.max(1, Math.trunc(step)), lesson.lesson.steps.length);
      if (at === get().lessonStep) return;
      set({ lessonStep: at, lessonCheck: null });
      ctx.remember(lessonId, (p) => ({ ...p, lastStep: at }));
      await ctx.install(lesson, at, presenting || embedded ? 'apply' : 'keep');
    },

    applyLessonStep: async () => {
      const { lesson, lessonStep } = get();
      if (!lesson || lessonStep < 1) return;
      set({ lessonCheck: null });
      await ctx.install(lesson, lessonStep, 'apply');
    },
  };
}

/** Check: the current workspace against the current step; a passed step is remembered. */
function checkAction(ctx: SliceContext): Pick<LessonSliceActions, 'checkLessonStep'> {
  const { set, get } = ctx;
  return {
    checkLessonStep: async () => {
      const { lesson, lessonId, lessonStep } = get();
      if (!lesson || !lessonId) return null;
      set({ lessonBusy: true });
      const text = serializeWorkspace(get().workspace).text;
      try {
        const result = await ctx.engine.check(lesson.lesson, lessonStep - 1, text);
        // The learner may have moved on while the Check ran: a stale answer is dropped.
        if (get().lessonId !== lessonId || get().lessonStep !== lessonStep) return null;
        set({ lessonCheck: { lessonId, step: lessonStep, result } });
        if (result.pass) ctx.remember(lessonId, (p) => withPassed(p, lessonStep));
        return result;
      } catch (error) {
        ctx.notice(
          'error',
          `The check could not run: ${error instanceof Error ? error.message : String(error)}`,
        );
        return null;
      } finally {
        set({ lessonBusy: false });
      }
    },
  };
}

/** Opening a golden example in place of the workspace (and of any lesson). */
function exampleAction(ctx: SliceContext): Pick<LessonSliceActions, 'openExample'> {
  const { set, get, notice } = ctx;
  return {
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
  };
}

/** Forgetting a lesson's progress, and the view flags and dialog. */
function settingActions(
  ctx: SliceContext,
): Pick<LessonSliceActions, 'resetLessonProgress' | 'setPresenting' | 'setEmbedded' | 'setLearnDialog'> {
  const { set, get } = ctx;
  return {
    resetLessonProgress: (id) => {
      const next = { ...get().lessonProgress };
      delete next[id];
      set({ lessonProgress: next });
      saveProgress(next);
    },
    setPresenting: (presenting) => set({ presenting }),
    setEmbedded: (embedded) => set({ embedded }),
    setLearnDialog: (learnDialog) => set({ learnDialog }),
  };
}

/**
 * The slice, to spread into the main store's creator: `...createLessonSlice(set, get)`. `engine`
 * runs the lesson operations (a worker in the app; tests pass the in-process engine).
 */
export function createLessonSlice(set: LessonSet, get: LessonGet, engine: LessonEngine): LessonSlice {
  const ctx: SliceContext = {
    set,
    get,
    engine,
    notice: (kind, message) => get().setNotice({ kind, message }),
    install: createStepInstaller(get, engine),
    remember: (id, update) => {
      const progress = get().lessonProgress;
      const next = { ...progress, [id]: update(progress[id] ?? { passed: [], lastStep: 1 }) };
      set({ lessonProgress: next });
      saveProgress(next);
    },
  };
  return {
    ...initialLessonState(),
    ...openingActions(ctx),
    ...stepActions(ctx),
    ...checkAction(ctx),
    ...exampleAction(ctx),
    ...settingActions(ctx),
  };
}
