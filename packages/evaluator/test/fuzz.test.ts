/**
 * Fuzzing the whole evaluator with mutated workspaces: every golden workspace and docs/semantics.md vector,
 * broken in thousands of seeded random ways, must evaluate without throwing, rejecting or hanging,
 * to an Evaluation whose diagnostics and ranges are well formed. A failure names the file, the case
 * and the mutations, and the seed makes it reproduce.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvaluator, evaluateWorkspace } from '../src';
import { evaluationProblems, hash, KEYS, LINES, MUTATIONS, rng, SCALARS } from './fuzz-kit';

/** Mutated workspaces per source file: 114 files → 4,560 cases of 1–3 mutations (~12 s on 2 idle cores). */
const CASES_PER_FILE = 40;
const NOW = new Date('2026-01-01T00:00:00Z');
const sources = ['golden', 'vectors'].flatMap((dir) =>
  readdirSync(join(import.meta.dirname, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(import.meta.dirname, dir, f), 'utf8') })),
);

/** What the mutated cases exercised, so a fuzz run that tests nothing cannot pass. */
const coverage = { cases: 0, withErrors: 0, withProbes: 0 };

async function check(text: string): Promise<string[]> {
  try {
    const evaluation = await evaluateWorkspace(text, { now: NOW });
    coverage.cases += 1;
    if (evaluation.diagnostics.some((d) => d.severity === 'error')) coverage.withErrors += 1;
    if (evaluation.probes.length > 0) coverage.withProbes += 1;
    return evaluationProblems(text, evaluation);
  } catch (error) {
    return [`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
  }
}

describe('fuzz: mutated golden workspaces and vectors', () => {
  it('has sources to mutate', () => {
    expect(sources.length).toBeGreaterThan(50);
  });

  for (const source of sources) {
    it(source.name, async () => {
      const seed = hash(source.name);
      const r = rng(seed);
      const failures: string[] = [];
      // One stateful evaluator per file: its ParseCache sees every edit in turn, as the app's does.
      const evaluator = createEvaluator();
      let previous = source.text;
      for (let c = 0; c < CASES_PER_FILE; c++) {
        // Half the cases start again from the original, half keep breaking the last one.
        let text = r.next() < 0.5 ? source.text : previous;
        const applied: string[] = [];
        for (let m = 1 + r.int(3); m > 0; m--) {
          const mutation = r.pick(MUTATIONS);
          text = mutation.apply(text, r);
          applied.push(mutation.name);
        }
        previous = text;
        const label = `${source.name} seed ${seed} case ${c} [${applied.join(', ')}]`;
        const problems = await check(text);
        if (problems.length) failures.push(`${label}: ${problems.slice(0, 3).join('; ')}`);
        // The cached, incremental path must agree with a fresh evaluation of the same text.
        if (c % 3 === 0 && !problems.some((p) => p.startsWith('threw'))) {
          try {
            const [cached, fresh] = [
              await evaluator.evaluate(text, { now: NOW }),
              await evaluateWorkspace(text, { now: NOW }),
            ];
            if (JSON.stringify(cached) !== JSON.stringify(fresh))
              failures.push(`${label}: the cached evaluator disagrees with a fresh one`);
          } catch (error) {
            failures.push(`${label}: cached evaluator threw ${String(error)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('exercised both broken and still-evaluable workspaces', () => {
    expect(coverage.cases).toBe(sources.length * CASES_PER_FILE);
    expect(coverage.withErrors).toBeGreaterThan(coverage.cases * 0.2);
    expect(coverage.withProbes).toBeGreaterThan(coverage.cases * 0.2);
  });
});

describe('fuzz: arbitrary strings (fast-check)', () => {
  const yamlish = fc
    .array(
      fc.constantFrom(
        ...LINES,
        ...KEYS.map((k) => `${k}: `),
        ...SCALARS.filter((s) => s.length < 100),
        '\n',
        '  ',
        '- ',
        'apiVersion: playground/v1\n',
        'kind: Mesh\n',
        'kind: Probes\n',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));

  it.each([
    ['fc.string', fc.string({ maxLength: 200 })],
    ['full unicode (binary units)', fc.string({ unit: 'binary', maxLength: 200 })],
    ['YAML-ish tokens', yamlish],
  ])('evaluateWorkspace never throws on %s', async (_, arbitrary) => {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (text) => {
        expect(await check(text)).toEqual([]);
      }),
      { numRuns: 300, seed: 20260101 },
    );
  });

  it('leaves Object.prototype alone after all of it', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
