/**
 * The lesson data model: what a lesson file (lessons/<id>.yaml) holds once parsed, and what the
 * model returns. Plain data, so the app can keep it in state and hand it to a Web Worker.
 */
import type * as z from 'zod/mini';
import type { Diagnostic, TraceStage, Verdict } from '@playground/evaluator';
import type * as schema from './schema';

/** One step: narration for the learner, the policies the step applies, and what the probes must show. */
export type LessonStep = z.output<typeof schema.LessonStep>;

/** A lesson file, validated (schema.ts declares every field). */
export type Lesson = z.output<typeof schema.Lesson>;

/** A problem in a lesson file. `path` says where, in the file's own terms (`steps[2].expect`). */
export interface LessonDiagnostic {
  code: string;
  severity: 'error';
  message: string;
  path: string;
  /** 1-based line in the lesson file, when known. */
  line?: number;
}

/** One named probe whose outcome is not the step's. */
export interface StepDifference {
  probe: string;
  expected: string;
  /** The status the learner's workspace gives (`missing` when the probe is not in it). */
  actual: string;
  verdict: Verdict | 'missing';
  /** Why, in the evaluator's words: the first failing trace step, or the step that decided. */
  why: string;
  /** The trace stage `why` comes from, when there is one. */
  stage?: TraceStage;
}

export interface StepCheck {
  pass: boolean;
  differences: StepDifference[];
  /** Errors the evaluator found in the learner's workspace (a refused policy often explains a difference). */
  diagnostics: Diagnostic[];
}
