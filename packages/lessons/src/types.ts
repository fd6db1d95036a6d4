/**
 * The lesson data model: what a lesson file (lessons/<id>.yaml) holds once parsed, and what the
 * model returns. Plain data, so the app can keep it in state and hand it to a Web Worker.
 */
import type { Diagnostic, ProbesSpec, TraceStage, Verdict } from '@playground/evaluator';

/** One step: narration for the learner, the policies the step applies, and what the probes must show. */
export interface LessonStep {
  title: string;
  /** Markdown, in plain words. */
  narration: string;
  /** The complete Istio resources YAML after this step. Apply sets exactly this; '' means no policies. */
  policies: string;
  /**
   * Additions to the base's Probes document, same shape as its `spec`: `probes` are appended (their
   * names must be new), `tokens` and `jwks` are added, `now` replaces the clock. Additions of earlier
   * steps stay in force.
   */
  probes?: ProbesSpec;
  /** Probe name to the expected status or verdict (docs/workspace-format.md "Outcomes"). */
  expect: Record<string, string>;
  /** Shown when a Check fails. */
  hint?: string;
}

export interface Lesson {
  /** Kebab-case, equal to the file name without `.yaml`. */
  id: string;
  title: string;
  summary: string;
  /** The name of the workspace the lesson starts from (a golden workspace or one of packages/lessons/bases). */
  base: string;
  steps: LessonStep[];
}

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

/** Statuses a probe may expect (docs/workspace-format.md "Outcomes"). */
export const EXPECTED_STATUSES = ['200', '401', '403', '404', '503', '000', 'connected', 'denied'] as const;

/** Verdicts a probe may expect (docs/workspace-format.md "Outcomes"; `invalid` is not an outcome a lesson teaches). */
export const EXPECTED_VERDICTS = [
  'allowed',
  'denied',
  'custom-denied',
  'unauthenticated',
  'audience-rejected',
  'mtls-failure',
  'no-route',
] as const;
