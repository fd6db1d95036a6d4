/**
 * The matrix's fast path (no traces, per-server preparation, policies specialised per request)
 * must decide exactly what the traced probe path decides, cell for cell.
 */
import { describe, expect, it } from 'vitest';
import { generateWorkspace } from '../bench/generate';
import { workspaceFiles } from '../test/workspaces';
import type { Engine } from './pipeline/engine';
import { createEvaluator } from './evaluate';
import { evaluateMatrix } from './matrix';
import { evaluateProbe } from './pipeline/probe';

/** Every cell of `--all` against the traced probe path: the cells that differ (none, when right). */
function cellsDifferingFromProbes(engine: Engine, path: string): string[] {
  const now = new Date('2026-01-01T00:00:00Z');
  const differ: string[] = [];
  for (const e of evaluateMatrix(engine, { all: true, now, path })) {
    const r = evaluateProbe(engine, { from: e.from, to: e.to, port: e.port, request: { path } }, 0, now);
    if (r.status !== e.status || r.verdict !== e.verdict || r.mtls !== e.mtls)
      differ.push(`${e.from} → ${e.to}:${e.port}: matrix ${e.status}, probe ${r.status}`);
  }
  return differ;
}

/**
 * Clients that share a namespace, a service account, a principal or nothing, behind policies
 * that read each of those, addresses (direct and remote), the SNI, a CUSTOM provider, and a
 * DestinationRule that picks clients by label: where the matrix shares decisions among clients
 * (matrix.ts `clientKeys`), a wrong class shows up as a cell that differs from the probe path.
 */
const CLIENT_CLASSES = `apiVersion: playground/v1
kind: Mesh
spec:
  extensionProviders:
    - name: ext
      envoyExtAuthzHttp: {service: ext.a.svc.cluster.local, port: 8000}
      simulate: {allowWhen: [{header: x-ok, values: ["yes"]}], deniedStatus: 403}
  namespaces:
    - {name: istio-system}
    - {name: a, labels: {istio-injection: enabled}}
    - {name: b, labels: {istio-injection: enabled}}
    - {name: c}
  workloads:
    - {name: a1, namespace: a, labels: {app: a1, tier: x}, serviceAccount: shared, ip: 10.0.0.1, ports: [{name: http, port: 8000}]}
    - {name: a2, namespace: a, labels: {app: a2, tier: y}, serviceAccount: shared, ip: 10.0.1.1, ports: [{name: http, port: 8000}]}
    - {name: a3, namespace: a, labels: {app: a3, tier: x}, serviceAccount: own, ip: 10.0.0.2, ports: [{name: http, port: 8000}]}
    - {name: b1, namespace: b, labels: {app: b1}, serviceAccount: shared, ip: 10.0.0.3, ports: [{name: http, port: 8000}]}
    - {name: b2, namespace: b, labels: {app: b2}, serviceAccount: other, ip: 10.0.1.2, ports: [{name: http, port: 8000}, {name: tcp, port: 9000}]}
    - {name: c1, namespace: c, sidecar: false, labels: {app: c1}, serviceAccount: shared, ip: 10.0.0.4, ports: [{name: http, port: 8000}]}
    - {name: c2, namespace: c, sidecar: false, labels: {app: c2}, serviceAccount: own, ip: 10.0.1.3, ports: [{name: http, port: 8000}]}
    - {name: ext, namespace: a, labels: {app: ext}, ports: [{name: http, port: 8000}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: by-principal, namespace: a}
spec:
  selector: {matchLabels: {app: a1}}
  rules: [{from: [{source: {principals: ["cluster.local/ns/a/sa/shared", "*/sa/other"]}}]}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: by-address, namespace: a}
spec:
  selector: {matchLabels: {app: a2}}
  action: DENY
  rules: [{from: [{source: {ipBlocks: ["10.0.1.0/24"]}}]}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: by-remote-address, namespace: a}
spec:
  selector: {matchLabels: {app: a3}}
  rules: [{from: [{source: {remoteIpBlocks: ["10.0.0.0/24"]}}]}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: by-service-account, namespace: b}
spec:
  selector: {matchLabels: {app: b1}}
  rules: [{from: [{source: {serviceAccounts: ["a/shared", "c/own"]}}]}, {when: [{key: source.namespace, values: [b]}]}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: by-sni-and-ip, namespace: b}
spec:
  selector: {matchLabels: {app: b2}}
  action: DENY
  rules: [{when: [{key: connection.sni, values: ["*"]}, {key: source.ip, notValues: ["10.0.0.0/24"]}]}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: custom, namespace: c}
spec:
  selector: {matchLabels: {app: c1}}
  action: CUSTOM
  provider: {name: ext}
  rules: [{from: [{source: {ipBlocks: ["10.0.1.0/24"]}}]}]
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: strict-b, namespace: b}
spec: {mtls: {mode: STRICT}}
`;

/** With it, the client's TLS depends on its labels: no two clients of a namespace share a class. */
const BY_CLIENT_LABELS = `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: plain-from-x, namespace: a}
spec:
  host: "*.b.svc.cluster.local"
  workloadSelector: {matchLabels: {tier: x}}
  trafficPolicy: {tls: {mode: DISABLE}}
`;

/**
 * With it, clients in b send plaintext to ext (a Service no policy guards) and the others mTLS:
 * there the client's namespace matters for the transport alone.
 */
const BY_CLIENT_NAMESPACE = `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: plain-to-ext-from-b, namespace: b}
spec:
  host: ext.a.svc.cluster.local
  trafficPolicy: {tls: {mode: DISABLE}}
`;

describe('evaluateMatrix', () => {
  it('shares decisions only among clients the policies and DestinationRules cannot tell apart', async () => {
    for (const text of [
      CLIENT_CLASSES,
      CLIENT_CLASSES + BY_CLIENT_LABELS,
      CLIENT_CLASSES + BY_CLIENT_NAMESPACE,
    ]) {
      const engine = await createEvaluator().compile(text);
      expect(engine.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const verdicts = new Set(evaluateMatrix(engine, { all: true }).map((e) => e.verdict));
      expect(verdicts, 'the mesh exercises allowed, denied and mTLS failures').toEqual(
        new Set(['allowed', 'denied', 'mtls-failure']),
      );
      expect(cellsDifferingFromProbes(engine, '/ip')).toEqual([]);
    }
  });

  it('agrees with evaluateProbe on every cell of every golden and vector workspace', async () => {
    for (const file of workspaceFiles()) {
      const engine = await createEvaluator().compile(file.text);
      expect(cellsDifferingFromProbes(engine, '/ip'), file.name).toEqual([]);
    }
  });

  it('agrees with evaluateProbe on every cell of a generated mesh', async () => {
    const ws = generateWorkspace({ workloads: 80, namespaces: 8, policies: 120, probes: 0, seed: 7 });
    const engine = await createEvaluator().compile(ws.text);
    const now = new Date('2026-01-01T00:00:00Z');
    const entries = evaluateMatrix(engine, { all: true, now, path: '/api/v1/items' });
    expect(entries.length).toBe(80 * 80);
    const verdicts = new Set(entries.map((e) => e.verdict));
    expect(verdicts.size, 'the generated mesh exercises several verdicts').toBeGreaterThan(2);
    for (const e of entries) {
      const r = evaluateProbe(
        engine,
        { from: e.from, to: e.to, port: e.port, request: { path: '/api/v1/items' } },
        0,
        now,
      );
      expect({ cell: `${e.from} → ${e.to}`, status: e.status, verdict: e.verdict, mtls: e.mtls }).toEqual({
        cell: `${e.from} → ${e.to}`,
        status: r.status,
        verdict: r.verdict,
        mtls: r.mtls,
      });
    }
  });
});
