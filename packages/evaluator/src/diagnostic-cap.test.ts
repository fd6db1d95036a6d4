import { describe, expect, it } from 'vitest';
import { evaluateWorkspace } from './evaluate';
import { MAX_DIAGNOSTICS_PER_CODE } from './diagnostic-cap';

const MESH = 'apiVersion: playground/v1\nkind: Mesh\nspec: {namespaces: [{name: foo}]}\n';

describe('a document repeating one mistake', () => {
  it('lists the first diagnostics of a code and counts the rest in one more, where the rest start', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => String(i)).join(', ');
    const text = `${MESH}---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: foo}\nspec:\n  rules:\n  - from:\n    - source:\n        namespaces: [${items}]\n`;
    const evaluation = await evaluateWorkspace(text);
    const typeErrors = evaluation.diagnostics.filter((d) => d.code === 'schema.type');
    expect(typeErrors).toHaveLength(MAX_DIAGNOSTICS_PER_CODE + 1);
    expect(typeErrors[0]?.message).toContain('namespaces[0] must be a string');
    const summary = typeErrors[MAX_DIAGNOSTICS_PER_CODE];
    expect(summary?.message).toBe('2900 more schema.type problems in this document, not listed one by one');
    expect(summary?.severity).toBe('error');
    // It points at the first unlisted item: `100` on the namespaces line (12).
    expect(summary?.range?.start.line).toBe(12);
    expect(
      text.slice(summary?.range?.offset, (summary?.range?.offset ?? 0) + (summary?.range?.length ?? 0)),
    ).toBe('100');
  });

  it('caps YAML syntax errors the same way, and each document keeps its own count', async () => {
    const broken = Array.from({ length: 500 }, () => 'a: b: c').join('\n');
    const text = `${MESH}---\n${broken}\n---\n${broken}\n`;
    const evaluation = await evaluateWorkspace(text);
    for (const document of [1, 2]) {
      const syntax = evaluation.diagnostics.filter(
        (d) => d.code === 'yaml.syntax' && d.document === document,
      );
      expect(syntax).toHaveLength(MAX_DIAGNOSTICS_PER_CODE + 1);
      expect(syntax.at(-1)?.message).toMatch(/^\d+ more yaml\.syntax problems in this document/);
    }
  });

  it('keeps stack capture on for everything else', async () => {
    const before = Error.stackTraceLimit;
    await evaluateWorkspace(`${MESH}---\n: : :\n`);
    expect(Error.stackTraceLimit).toBe(before);
  });
});
