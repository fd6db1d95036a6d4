/** Test helpers for lints and their quick fixes: evaluate a policies text as the app does, apply a fix. */
import { evaluateParts } from '../evaluate';
import type { Diagnostic, Fix, MeshSpec } from '../types';

export const MESH: MeshSpec = {
  workloads: [
    {
      name: 'httpbin',
      namespace: 'foo',
      labels: { app: 'httpbin' },
      ports: [{ name: 'http', port: 8000, targetPort: 8080 }],
    },
    { name: 'sleep', namespace: 'legacy', sidecar: false, ports: [{ name: 'http', port: 80 }] },
    {
      name: 'istio-ingressgateway',
      namespace: 'istio-system',
      gateway: true,
      labels: { istio: 'ingressgateway' },
      ports: [{ name: 'http2', port: 80, targetPort: 8080 }],
    },
  ],
};

/** The lints of a policies text, evaluated as the app's parts (ranges in the policies text). */
export async function lints(policies: string, mesh: MeshSpec = MESH): Promise<Diagnostic[]> {
  const { diagnostics } = await evaluateParts({ metadata: {}, mesh, policies, probes: {} });
  return diagnostics.filter((d) => d.code.startsWith('lint.'));
}

export async function codes(policies: string, mesh: MeshSpec = MESH): Promise<string[]> {
  return (await lints(policies, mesh)).map((d) => d.code);
}

/** The text with the fix's edits applied (last first, so the earlier offsets stay right). */
export function applyFix(text: string, fix: Fix): string {
  return [...fix.edits]
    .sort((a, b) => b.range.offset - a.range.offset)
    .reduce((t, e) => t.slice(0, e.range.offset) + e.text + t.slice(e.range.offset + e.range.length), text);
}

/** The one diagnostic of `code` in the policies, with its fixes. */
export async function lintOf(policies: string, code: string, mesh: MeshSpec = MESH): Promise<Diagnostic> {
  const found = (await lints(policies, mesh)).filter((d) => d.code === code);
  if (found.length !== 1) throw new Error(`expected one ${code}, got ${found.length}`);
  return found[0] as Diagnostic;
}
