/**
 * The lesson operations the app needs (parse a lesson file, build a step's workspace, check a
 * learner's workspace), as one async interface. The app runs them in a module worker
 * (lessons.worker.ts): the lessons package's Check needs the evaluator's whole engine, which must
 * not enter the page's entry chunk (the page only asks the evaluation worker for verdicts).
 */
import type { Lesson, StepCheck } from '@playground/lessons';

export interface ParsedLesson {
  lesson: Lesson | null;
  /** The first problem when `lesson` is null. */
  problem?: string;
}

export interface LessonEngine {
  /** The lessons package's display order (LESSON_IDS). */
  order(): Promise<readonly string[]>;
  parse(text: string, baseText?: string): Promise<ParsedLesson>;
  /** The workspace text after Apply of step `stepIndex` (0-based). */
  workspace(lesson: Lesson, baseText: string, stepIndex: number): Promise<string>;
  check(lesson: Lesson, stepIndex: number, text: string): Promise<StepCheck>;
}

/** A request to the worker: an operation name and its arguments. */
export type EngineRequest = {
  [K in keyof LessonEngine]: { id: number; op: K; args: Parameters<LessonEngine[K]> };
}[keyof LessonEngine];

export type EngineResponse =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
