/** Quick fixes in the editor: a marker finds its diagnostic's fixes, and their edits remove the lint. */
import { describe, expect, it } from 'vitest';
import { evaluateParts, type Diagnostic, type MeshSpec } from '@playground/evaluator';
import { diagnosticsToMarkers } from './markers';
import { fixEdits, fixesForMarker } from './quickFixes';

const mesh: MeshSpec = {
  workloads: [
    { name: 'httpbin', namespace: 'foo', labels: { app: 'httpbin' }, ports: [{ name: 'http', port: 8000 }] },
  ],
};

const policies = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: read, namespace: foo}
spec:
  rules:
    - to:
        - operation:
            methods: ["get"]
`;

async function diagnosticsOf(text: string): Promise<Diagnostic[]> {
  return (await evaluateParts({ metadata: {}, mesh, policies: text, probes: {} })).diagnostics;
}

function apply(text: string, edits: ReturnType<typeof fixEdits>): string {
  return [...edits]
    .sort((a, b) => b.startOffset - a.startOffset)
    .reduce((t, e) => t.slice(0, e.startOffset) + e.text + t.slice(e.endOffset), text);
}

describe('quick fixes for markers', () => {
  it('finds the fix of the marked lint and its edits remove the lint', async () => {
    const diagnostics = await diagnosticsOf(policies);
    const lineCount = policies.split('\n').length;
    const marker = diagnosticsToMarkers(diagnostics, lineCount).find((m) => m.code === 'lint.method-case');
    expect(marker).toBeDefined();
    // Monaco hands the marker back with its code as a link when the lint has a page.
    const fixes = fixesForMarker(diagnostics, lineCount, {
      ...marker!,
      code: { value: 'lint.method-case' },
    });
    expect(fixes.map((f) => f.title)).toEqual(['Write GET']);
    const fixed = apply(policies, fixEdits(fixes[0]!));
    expect(fixed).toContain('methods: ["GET"]');
    expect((await diagnosticsOf(fixed)).map((d) => d.code)).not.toContain('lint.method-case');
  });

  it('offers nothing for a marker of another code or place', async () => {
    const diagnostics = await diagnosticsOf(policies);
    const lineCount = policies.split('\n').length;
    const marker = diagnosticsToMarkers(diagnostics, lineCount).find((m) => m.code === 'lint.method-case');
    expect(fixesForMarker(diagnostics, lineCount, { ...marker!, code: 'lint.other' })).toEqual([]);
    expect(fixesForMarker(diagnostics, lineCount, { ...marker!, startLine: marker!.startLine + 1 })).toEqual(
      [],
    );
  });
});
