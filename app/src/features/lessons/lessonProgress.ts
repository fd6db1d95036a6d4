/** What a learner has done in each lesson, kept in localStorage (validated on the way back in). */
import { isLessonId } from './lessonSource';

/** What a learner has done in one lesson. */
export interface LessonProgress {
  /** Steps (1-based) whose Check passed, ascending. */
  passed: number[];
  /** The step shown last (1-based), where the lesson list reopens it. */
  lastStep: number;
}

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

export function saveProgress(progress: Record<string, LessonProgress>): void {
  try {
    window.localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Storage refused (privacy mode, quota): progress lives for this visit only.
  }
}

/** A lesson's progress after its step `step` passed a Check. */
export const withPassed = (p: LessonProgress, step: number): LessonProgress => ({
  ...p,
  passed: [...new Set([...p.passed, step])].sort((a, b) => a - b),
});
