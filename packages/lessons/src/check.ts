/**
 * Checking a learner's own workspace against a step: evaluate it as it is (their policies, their
 * mesh), with the step's probe additions supplied if missing, and compare the outcome of every probe
 * the step names with the step's expectation.
 */
import {
  evaluateWorkspace,
  serializeWorkspace,
  splitWorkspace,
  type ProbeResult,
  type TraceStep,
} from '@playground/evaluator';
import type { Lesson, StepCheck, StepDifference } from './types';
import { stepAt, withStepProbes } from './workspace';

/** Same rule as a probe's own `expect`: a status or a verdict. */
const holds = (expected: string, result: ProbeResult): boolean =>
  expected === result.status || expected === result.verdict;

/**
 * The trace step that explains an outcome: the first one that failed, else the last one that decided
 * something (an allowed request fails nowhere, so its last passing check is the reason).
 */
function decidingStep(trace: TraceStep[]): TraceStep | undefined {
  const failed = trace.find((s) => s.outcome === 'fail');
  if (failed) return failed;
  const decided = trace.filter((s) => s.outcome === 'pass');
  return decided[decided.length - 1] ?? trace[trace.length - 1];
}

function difference(probe: string, expected: string, result: ProbeResult | undefined): StepDifference {
  if (!result) {
    return {
      probe,
      expected,
      actual: 'missing',
      verdict: 'missing',
      why: `the workspace has no probe named "${probe}"`,
    };
  }
  const step = decidingStep(result.trace);
  const out: StepDifference = {
    probe,
    expected,
    actual: result.status,
    verdict: result.verdict,
    why: step?.message ?? '',
  };
  if (step) out.stage = step.stage;
  return out;
}

/** Check the learner's workspace text against step `stepIndex` (0-based) of the lesson. */
export async function checkStep(
  lesson: Lesson,
  stepIndex: number,
  userWorkspaceText: string,
): Promise<StepCheck> {
  const step = stepAt(lesson, stepIndex);
  const parts = splitWorkspace(userWorkspaceText);
  const probes = withStepProbes(parts.probes, lesson, stepIndex);
  const { text } = serializeWorkspace({ ...parts, probes });
  const evaluation = await evaluateWorkspace(text);
  const byName = new Map<string, ProbeResult>();
  for (const r of evaluation.probes) if (!byName.has(r.name)) byName.set(r.name, r);
  const differences = Object.entries(step.expect).flatMap(([probe, expected]) => {
    const result = byName.get(probe);
    return result && holds(expected, result) ? [] : [difference(probe, expected, result)];
  });
  return {
    pass: differences.length === 0,
    differences,
    diagnostics: evaluation.diagnostics.filter((d) => d.severity === 'error'),
  };
}
