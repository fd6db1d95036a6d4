/**
 * Building a step's workspace: the base's mesh and probes, the probe additions of every step so far,
 * and the step's own policies. The probes the step names carry its expectations, so the app's probe
 * table shows the step's pass/fail; the base's other expectations belong to the base's policies and
 * are dropped.
 */
import { serializeWorkspace, splitWorkspace, type ProbeSpec, type ProbesSpec } from '@playground/evaluator';
import type { Lesson, LessonStep } from './types';

function stepAt(lesson: Lesson, stepIndex: number): LessonStep {
  const step = lesson.steps[stepIndex];
  if (!step) throw new RangeError(`lesson ${lesson.id} has no step ${stepIndex + 1}`);
  return step;
}

/**
 * Adds the probe additions of steps 0..stepIndex to `probes`. Probes, tokens and JWKS the workspace
 * already has (by name) are kept as they are, so a learner's own edits survive a Check.
 */
export function withStepProbes(probes: ProbesSpec, lesson: Lesson, stepIndex: number): ProbesSpec {
  const out: ProbesSpec = {
    ...probes,
    probes: [...(probes.probes ?? [])],
  };
  if (probes.tokens) out.tokens = { ...probes.tokens };
  if (probes.jwks) out.jwks = { ...probes.jwks };
  const names = new Set(out.probes?.map((p) => p.name));
  for (const step of lesson.steps.slice(0, stepIndex + 1)) {
    const add = step.probes;
    if (!add) continue;
    if (add.now !== undefined) out.now = add.now;
    if (add.tokens) out.tokens = { ...add.tokens, ...out.tokens };
    if (add.jwks) out.jwks = { ...add.jwks, ...out.jwks };
    for (const p of add.probes ?? []) {
      if (names.has(p.name)) continue;
      names.add(p.name);
      out.probes?.push({ ...p });
    }
  }
  return out;
}

/** The probe with the step's expectation (or none) in place of whatever it had. */
function withExpectation(probe: ProbeSpec, expect: Record<string, string>): ProbeSpec {
  const { expect: _expect, expectMtls: _expectMtls, ...rest } = probe;
  const wanted = probe.name === undefined ? undefined : expect[probe.name];
  return wanted === undefined ? rest : { ...rest, expect: wanted };
}

/** The workspace text after Apply of step `stepIndex` (0-based). Throws RangeError for a step that does not exist. */
export function lessonWorkspace(lesson: Lesson, baseText: string, stepIndex: number): string {
  const step = stepAt(lesson, stepIndex);
  const base = splitWorkspace(baseText);
  const probes = withStepProbes(base.probes, lesson, stepIndex);
  probes.probes = probes.probes?.map((p) => withExpectation(p, step.expect));
  const metadata = {
    name: `${lesson.id}-step-${stepIndex + 1}`,
    title: `${lesson.title}, step ${stepIndex + 1}: ${step.title}`,
    description: lesson.summary,
    ...(base.metadata.tags ? { tags: base.metadata.tags } : {}),
  };
  return serializeWorkspace({ metadata, mesh: base.mesh, policies: step.policies, probes }).text;
}

export { stepAt };
