/**
 * checkStep: a learner's workspace passes with the step's own policies, fails with the previous step's
 * (naming exactly the probes whose expected outcome changed), and explains a typo with the trace.
 */
import { describe, expect, it } from 'vitest';
import { evaluateWorkspace, serializeWorkspace, splitWorkspace } from '@playground/evaluator';
import { LESSON_IDS, checkStep, lessonWorkspace, type Lesson } from './index';
import { loadLesson } from './node-loader';

/** The step's workspace as a learner would have it, but with their own policies. */
function withPolicies(lesson: Lesson, base: string, stepIndex: number, policies: string): string {
  const parts = splitWorkspace(lessonWorkspace(lesson, base, stepIndex));
  return serializeWorkspace({ ...parts, policies }).text;
}

describe('checkStep on every shipped step', () => {
  for (const id of LESSON_IDS) {
    const { lesson, base } = loadLesson(id);
    lesson.steps.forEach((step, i) => {
      it(`${id} step ${i + 1}: passes with the step's own policies`, async () => {
        const result = await checkStep(lesson, i, lessonWorkspace(lesson, base, i));
        expect(result.differences).toEqual([]);
        expect(result.pass).toBe(true);
      });

      it(`${id} step ${i + 1}: fails with the previous step's policies, naming what changed`, async () => {
        const previous = i > 0 ? lesson.steps[i - 1] : undefined;
        const result = await checkStep(lesson, i, withPolicies(lesson, base, i, previous?.policies ?? ''));
        // What the lesson says about the previous policies, for the probes both steps name.
        const before = previous?.expect ?? {};
        const changed = Object.keys(step.expect).filter((n) => n in before && before[n] !== step.expect[n]);
        const unchanged = Object.keys(step.expect).filter((n) => n in before && before[n] === step.expect[n]);
        if (i > 0) expect(changed.length, 'every step changes at least one outcome').toBeGreaterThan(0);
        const differing = new Map(result.differences.map((d) => [d.probe, d]));
        for (const name of changed) {
          const d = differing.get(name);
          expect(d, name).toBeDefined();
          expect(d?.expected).toBe(step.expect[name]);
          expect([d?.actual, d?.verdict]).toContain(before[name]);
          expect(d?.why.length, `${name}: why`).toBeGreaterThan(0);
          expect(d?.stage).toBeDefined();
        }
        for (const name of unchanged) expect(differing.has(name), name).toBe(false);
        if (changed.length) expect(result.pass).toBe(false);
      });
    });
  }
});

describe('checkStep explanations', () => {
  it('a typo in a namespace fails the check, and why is the ALLOW step that decided', async () => {
    const { lesson, base } = loadLesson('namespace-isolation');
    const stepIndex = lesson.steps.findIndex((s) => s.title === 'Isolate foo with an ALLOW policy');
    const step = lesson.steps[stepIndex];
    expect(step).toBeDefined();
    const typo = (step?.policies ?? '').replace('namespaces: ["foo"]', 'namespaces: ["fooo"]');
    expect(typo).not.toBe(step?.policies);
    const text = withPolicies(lesson, base, stepIndex, typo);
    const result = await checkStep(lesson, stepIndex, text);
    expect(result.pass).toBe(false);
    // Only sleep.foo changes: its identity is not in "fooo", and no other ALLOW matches (docs/semantics.md A2 step 5).
    expect(result.differences.map((d) => [d.probe, d.expected, d.actual])).toEqual([
      ['sleep.foo to httpbin.foo', '200', '403'],
    ]);
    const [difference] = result.differences;
    expect(difference?.stage).toBe('allow');
    // `why` is the trace's first failing step, in the evaluator's words.
    const evaluation = await evaluateWorkspace(text);
    const trace = evaluation.probes.find((p) => p.name === 'sleep.foo to httpbin.foo')?.trace ?? [];
    const failing = trace.find((s) => s.outcome === 'fail');
    expect(failing?.stage).toBe('allow');
    expect(difference?.why).toBe(failing?.message);
    expect(difference?.why).toMatch(/\S/);
  });

  it('a mistyped mode is reported: the check fails and the refusal is in diagnostics', async () => {
    const { lesson, base } = loadLesson('mtls-strict');
    const typo = (lesson.steps[1]?.policies ?? '').replace('mode: STRICT', 'mode: STICT');
    const result = await checkStep(lesson, 1, withPolicies(lesson, base, 1, typo));
    expect(result.pass).toBe(false);
    // A refused PeerAuthentication leaves the mesh PERMISSIVE: both legacy calls to sidecars succeed.
    expect(result.differences.map((d) => d.probe).sort()).toEqual([
      'sleep.legacy to httpbin.bar',
      'sleep.legacy to httpbin.foo',
    ]);
    for (const d of result.differences) {
      expect(d.actual).toBe('200');
      expect(d.why).toMatch(/\S/);
    }
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it("supplies the step's added probes when the learner's workspace lacks them", async () => {
    const { lesson, base } = loadLesson('jwt-ingress');
    // The learner's workspace is step 1's (no /ip probe yet), with step 4's policies typed in.
    const step4 = lesson.steps[3];
    const parts = splitWorkspace(lessonWorkspace(lesson, base, 0));
    expect(parts.probes.probes?.some((p) => p.name === '/ip without a token')).toBe(false);
    const text = serializeWorkspace({ ...parts, policies: step4?.policies ?? '' }).text;
    const result = await checkStep(lesson, 3, text);
    expect(result.differences).toEqual([]);
    expect(result.pass).toBe(true);
  });

  it('reports a probe the learner removed as missing', async () => {
    const { lesson, base } = loadLesson('mtls-strict');
    const parts = splitWorkspace(lessonWorkspace(lesson, base, 1));
    const probes = {
      ...parts.probes,
      probes: parts.probes.probes?.filter((p) => p.name !== 'sleep.foo to httpbin.foo'),
    };
    const result = await checkStep(lesson, 1, serializeWorkspace({ ...parts, probes }).text);
    expect(result.pass).toBe(false);
    expect(result.differences).toEqual([
      {
        probe: 'sleep.foo to httpbin.foo',
        expected: '200',
        actual: 'missing',
        verdict: 'missing',
        why: 'the workspace has no probe named "sleep.foo to httpbin.foo"',
      },
    ]);
  });

  it('rejects a step that does not exist', () => {
    const { lesson, base } = loadLesson('mtls-strict');
    expect(() => lessonWorkspace(lesson, base, lesson.steps.length)).toThrow(RangeError);
    expect(() => lessonWorkspace(lesson, base, -1)).toThrow(RangeError);
  });
});
