/**
 * Golden workspaces (seeds/) and docs/semantics.md vectors: every probe's `expect` — taken from the Istio
 * documents and docs/semantics.md, never from this engine — must be what the engine computes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateWorkspace } from '../src';

const dirs = ['golden', 'vectors'].map((d) => join(import.meta.dirname, d));

for (const dir of dirs) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  describe(dir.split('/').pop() ?? dir, () => {
    it('has workspaces', () => expect(files.length).toBeGreaterThan(5));
    for (const file of files) {
      it(file, async () => {
        const text = readFileSync(join(dir, file), 'utf8');
        const evaluation = await evaluateWorkspace(text);
        const syntax = evaluation.diagnostics.filter(
          (d) =>
            d.code.startsWith('yaml.') || d.code.startsWith('workspace.') || d.code.startsWith('probes.'),
        );
        expect(syntax, 'the workspace parses and its probes name real endpoints').toEqual([]);
        expect(evaluation.metadata.name, 'metadata.name matches the file name').toBe(
          file.replace(/\.yaml$/, ''),
        );
        expect(evaluation.metadata.title, 'a title for the gallery').toBeTruthy();
        expect(evaluation.probes.length).toBeGreaterThan(0);
        const failures = evaluation.probes
          .filter((p) => p.pass !== true)
          .map(
            (p) =>
              `#${p.index} ${p.name}: got ${p.status} ${p.verdict} mtls=${String(p.mtls)}, expected ${p.expect ?? '(no expect)'}\n    ${p.trace.map((s) => `${s.stage} ${s.outcome}: ${s.message}`).join('\n    ')}`,
          );
        expect(failures, 'every probe has an expect and meets it').toEqual([]);
      });
    }
  });
}
