/**
 * Every shipped lesson, every step: the workspace Apply produces gives exactly the step's expected
 * outcome for each named probe, so a lesson can never teach something the engine contradicts. The
 * expectations themselves come from the seeds and docs/semantics.md (cited in the lesson files).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateWorkspace, splitWorkspace } from '@playground/evaluator';
import { LESSON_IDS, lessonWorkspace } from './index';
import { loadLesson } from './node-loader';

const LESSONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../lessons');

describe('shipped lessons', () => {
  it('LESSON_IDS lists exactly the lesson files', () => {
    const files = readdirSync(LESSONS_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length))
      .sort();
    expect(files).toEqual([...LESSON_IDS].sort());
  });

  for (const id of LESSON_IDS) {
    describe(id, () => {
      const { lesson, base } = loadLesson(id);

      it('has the id of its file', () => {
        expect(lesson.id).toBe(id);
      });

      lesson.steps.forEach((step, i) => {
        it(`step ${i + 1} (${step.title}): Apply gives the step's expected outcomes`, async () => {
          const text = lessonWorkspace(lesson, base, i);
          expect(splitWorkspace(text).policies.trim()).toBe(step.policies.trim());
          const evaluation = await evaluateWorkspace(text);
          const errors = evaluation.diagnostics.filter((d) => d.severity === 'error');
          expect(errors, 'the step workspace has no errors').toEqual([]);
          const outcomes = Object.fromEntries(
            Object.keys(step.expect).map((name) => {
              const r = evaluation.probes.find((p) => p.name === name);
              const wanted = step.expect[name];
              // Report the form the step used (status or verdict), so a mismatch reads clearly.
              const got = !r ? 'missing' : wanted === r.verdict ? r.verdict : r.status;
              return [name, got];
            }),
          );
          expect(outcomes).toEqual(step.expect);
          // The probes the step names carry its expectation, so the probe table agrees too.
          for (const name of Object.keys(step.expect)) {
            expect(evaluation.probes.find((p) => p.name === name)?.pass).toBe(true);
          }
        });
      });
    });
  }
});
