/**
 * The one declaration of a lesson file (packages/lessons/README.md): `parse.ts` validates with it
 * and `types.ts` infers `Lesson` and `LessonStep` from it. A step's `probes` are additions to a
 * Probes document's `spec`, so they reuse the evaluator's declaration of that spec
 * (docs/workspace-format.md "Probes document"), with one more rule: every added probe has a name.
 */
import * as z from 'zod/mini';
import { workspaceSchemas } from '@playground/evaluator';
import { EXPECTED_STATUSES, EXPECTED_VERDICTS } from './outcomes';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A string with something in it besides white space. */
const nonEmpty = () => z.string().check(z.refine((s) => s.trim() !== ''));

/**
 * An expected outcome. A YAML `200` is a number: it is taken as the status it clearly means, but
 * not `000`, which YAML reads as 0.
 */
export const Outcome = z.pipe(
  z.union([
    z.string(),
    z.pipe(
      z.int().check(z.positive()),
      z.transform((n: number) => String(n)),
    ),
  ]),
  z.enum([...EXPECTED_STATUSES, ...EXPECTED_VERDICTS]),
);

/** An added probe: a probe of the Probes document that must have a name; a misspelt field is an error. */
export const AddedProbe = z.strictObject({ ...workspaceSchemas.ProbeSpec.shape, name: nonEmpty() });

/** A step's additions to the base's Probes document (same shape as its `spec`). */
export const ProbeAdditions = z.strictObject({
  ...workspaceSchemas.ProbesSpec.shape,
  probes: z.optional(z.array(AddedProbe)),
});

export const LessonStep = z.strictObject({
  title: nonEmpty(),
  /** Markdown, in plain words. */
  narration: nonEmpty(),
  /** The complete Istio resources YAML after this step. Apply sets exactly this; '' means no policies. */
  policies: z.string(),
  /**
   * Additions to the base's Probes document, same shape as its `spec`: `probes` are appended (their
   * names must be new), `tokens` and `jwks` are added, `now` replaces the clock. Additions of earlier
   * steps stay in force.
   */
  probes: z.optional(ProbeAdditions),
  /** Probe name to the expected status or verdict (docs/workspace-format.md "Outcomes"). */
  expect: z.record(z.string(), Outcome).check(z.refine((m) => Object.keys(m).length > 0)),
  /** Shown when a Check fails. */
  hint: z.optional(nonEmpty()),
});

export const Lesson = z.strictObject({
  /** Kebab-case, equal to the file name without `.yaml`. */
  id: nonEmpty().check(z.regex(KEBAB)),
  title: nonEmpty(),
  summary: nonEmpty(),
  /** The name of the workspace the lesson starts from (a golden workspace or one of packages/lessons/bases). */
  base: nonEmpty().check(z.regex(KEBAB)),
  steps: z.array(LessonStep).check(z.minLength(1)),
});
