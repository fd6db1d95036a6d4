/**
 * A stateful evaluator reuses what unchanged documents gave before (parse, resources, compiled
 * rules); after any edit its answer must equal a fresh evaluation of the same text.
 */
import { describe, expect, it } from 'vitest';
import { workspaceFiles } from '../test/workspaces';
import { createEvaluator, evaluateWorkspace } from './evaluate';
import type { ProbeResult } from './types';

const mesh = `apiVersion: playground/v1
kind: Mesh
spec:
  workloads:
    - {name: httpbin, namespace: foo, ports: [{name: http, port: 8000, targetPort: 8080}]}
    - {name: sleep, namespace: foo, ports: [{name: http, port: 80}]}
`;
const refused = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: refused, namespace: foo}
spec:
  action: DENY
`;
const allowNothing = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow-nothing, namespace: foo}
spec: {}
`;
const probes = `apiVersion: playground/v1
kind: Probes
spec:
  probes:
    - {from: foo/sleep, to: foo/httpbin, port: 8000}
`;

describe('createEvaluator', () => {
  it('moves cached diagnostics with their document and keeps decisions after edits elsewhere', async () => {
    const evaluator = createEvaluator();
    const texts = [
      [mesh, refused, allowNothing, probes].join('---\n'),
      // Lines added above: the refused policy's document moves down four lines.
      [`${mesh}# one\n# two\n# three\n# four\n`, refused, allowNothing, probes].join('---\n'),
      // A document removed above the cached ones changes their index: read again.
      [mesh, allowNothing, probes].join('---\n'),
      [mesh, refused, allowNothing, probes].join('---\n'),
    ];
    for (const text of texts) {
      const cached = await evaluator.evaluate(text, { now: new Date(0) });
      const fresh = await evaluateWorkspace(text, { now: new Date(0) });
      expect(cached.diagnostics).toEqual(fresh.diagnostics);
      expect(cached.probes).toEqual(fresh.probes);
    }
    const last = await evaluator.evaluate(texts[1] ?? '', { now: new Date(0) });
    const error = last.diagnostics.find((d) => d.code === 'authz.deny-without-rules');
    expect(error?.range?.start.line, 'the DENY without rules is reported where it now is').toBe(16);
    expect(last.probes[0]?.status, 'allow-nothing (docs/semantics.md Z2) still denies').toBe('403');
  });
});

describe('Evaluator.open', () => {
  it('gives, probe by probe, what evaluate gives at once, on every golden and vector workspace', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    for (const file of workspaceFiles()) {
      const whole = await evaluateWorkspace(file.text, { now });
      const open = await createEvaluator().open(file.text, { now });
      const probes: ProbeResult[] = [];
      open.visit((r) => probes.push(r));
      expect(
        { diagnostics: open.diagnostics, documents: open.documents, dropped: open.droppedProbes, probes },
        file.name,
      ).toEqual({
        diagnostics: whole.diagnostics,
        documents: whole.documents,
        dropped: whole.droppedProbes,
        probes: whole.probes,
      });
    }
  });

  it('leaves the lints out when asked, and nothing else', async () => {
    const text = (await import('node:fs')).readFileSync(
      new URL('../test/golden/concepts-authz-httpbin.yaml', import.meta.url),
      'utf8',
    );
    const all = await createEvaluator().open(text);
    const errorsOnly = await createEvaluator().open(text, { lints: false });
    expect(all.diagnostics.some((d) => d.code.startsWith('lint.'))).toBe(true);
    expect(errorsOnly.diagnostics).toEqual(all.diagnostics.filter((d) => !d.code.startsWith('lint.')));
  });
});
