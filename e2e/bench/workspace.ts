/**
 * The app benchmark's workspace: 100 workloads, 50 valid policies, 300 probes, checked before use.
 * `bigWorkspace(30, 1000)` is the 300-workload case (30 namespaces, 1,000 probes).
 */
import { evaluateWorkspace } from '@playground/evaluator';

const POLICIES = 50;

/**
 * 10 namespaces × 10 workloads (ns9 without sidecars), a STRICT PeerAuthentication for ns0 plus 49
 * AuthorizationPolicies, 300 probes. The PeerAuthentication is written in short block lines (the
 * keystrokes find STRICT by line, and a wrapped line would move it). The first probe (ns9/w0 → ns0/w0, plaintext into STRICT) is
 * the one a keystroke flips: "STRIC" is not a mode, the PeerAuthentication is refused, 000 → 200.
 */
export function bigWorkspace(namespaces = 10, probeCount = 300): string {
  const N = namespaces;
  const workloads: string[] = [];
  for (let n = 0; n < N; n++) {
    for (let w = 0; w < 10; w++) {
      const sidecar = n === 9 ? ', sidecar: false' : '';
      workloads.push(
        `    - {name: w${w}, namespace: ns${n}${sidecar}, labels: {app: w${w}}, serviceAccount: sa${w}, ports: [{name: http, port: 8000, targetPort: 8080}]}`,
      );
    }
  }
  const policies = [
    'apiVersion: security.istio.io/v1',
    'kind: PeerAuthentication',
    'metadata:',
    '  name: default',
    '  namespace: ns0',
    'spec:',
    '  mtls:',
    '    mode: STRICT',
  ];
  for (let i = 0; i < POLICIES - 1; i++) {
    const ns = 1 + (i % 8);
    policies.push(
      '---',
      'apiVersion: security.istio.io/v1',
      'kind: AuthorizationPolicy',
      `metadata: {name: allow-${i}, namespace: ns${ns}}`,
    );
    policies.push(
      `spec: {selector: {matchLabels: {app: w${i % 10}}}, action: ALLOW, rules: [{from: [{source: {namespaces: [ns${(ns + 1) % 10}, ns0]}}], to: [{operation: {methods: [GET], paths: ["/ip", "/headers"]}}]}]}`,
    );
  }
  const probes: string[] = ['    - {from: ns9/w0, to: ns0/w0, port: 8000, request: {path: /ip}}'];
  for (let i = 1; i < probeCount; i++)
    probes.push(
      `    - {from: ns${i % N}/w${(i * 7) % 10}, to: ns${(i * 3) % N}/w${i % 10}, port: 8000, request: {path: /ip}}`,
    );
  return `apiVersion: playground/v1\nkind: Mesh\nmetadata: {name: bench}\nspec:\n  namespaces: [${Array.from({ length: N }, (_, n) => `{name: ns${n}}`).join(', ')}]\n  workloads:\n${workloads.join('\n')}\n---\n${policies.join('\n')}\n---\napiVersion: playground/v1\nkind: Probes\nspec:\n  probes:\n${probes.join('\n')}\n`;
}

/** A workspace the engine refuses parts of would measure less work than it claims: check it first. */
export async function checkWorkspace(text: string, probeCount = 300): Promise<void> {
  const result = await evaluateWorkspace(text, { traces: 'none' });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const policies = (text.match(/^kind: (?:AuthorizationPolicy|PeerAuthentication)$/gm) ?? []).length;
  if (errors.length || result.probes.length !== probeCount || policies !== POLICIES)
    throw new Error(
      `bench workspace: ${errors.length} errors (${errors[0]?.message ?? ''}), ${result.probes.length} probes, ${policies} policies`,
    );
  const first = result.probes[0];
  if (first?.status !== '000') throw new Error(`bench workspace: first probe ${first?.status ?? 'missing'}`);
}
