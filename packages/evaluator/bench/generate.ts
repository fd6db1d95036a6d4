/**
 * Synthetic workspaces for benchmarks: a mesh of N workloads in M namespaces under P policies
 * that mix every AuthorizationPolicy field kind, plus peer/request authentication and DRs.
 * Deterministic (a seeded PRNG), so figures are comparable run to run.
 */
export interface GeneratedWorkspace {
  text: string;
  workloads: string[];
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;

export function generateWorkspace(options: {
  workloads: number;
  namespaces: number;
  policies: number;
  probes: number;
  seed?: number;
}): GeneratedWorkspace {
  const r = prng(options.seed ?? 42);
  const nsNames = Array.from({ length: options.namespaces }, (_, i) => `ns-${i}`);
  const lines: string[] = [];
  lines.push(
    'apiVersion: playground/v1',
    'kind: Mesh',
    'metadata: {name: generated, title: Generated benchmark mesh}',
    'spec:',
    '  namespaces:',
  );
  for (const ns of nsNames) lines.push(`    - {name: ${ns}}`);
  lines.push('  workloads:');
  const workloads: string[] = [];
  // Each workload's Service port, so probes name a port the destination has.
  const servicePort = new Map<string, number>();
  for (let i = 0; i < options.workloads; i++) {
    const ns = nsNames[i % nsNames.length] ?? 'ns-0';
    const app = `app-${Math.floor(i / nsNames.length)}`;
    const sidecar = r() > 0.1;
    const tcp = r() > 0.8;
    workloads.push(`${ns}/${app}`);
    servicePort.set(`${ns}/${app}`, tcp ? 9000 : 8000);
    lines.push(
      `    - {name: ${app}, namespace: ${ns}, labels: {app: ${app}, tier: t${i % 5}}, serviceAccount: sa-${i % 7}, sidecar: ${sidecar}, ports: [{name: ${tcp ? 'tcp' : 'http'}, port: ${tcp ? 9000 : 8000}, targetPort: ${tcp ? 9000 : 8080}}]}`,
    );
  }
  const doc = (body: string) => lines.push('---', body);
  for (let i = 0; i < options.policies; i++) {
    const ns = i % 50 === 0 ? 'istio-system' : pick(r, nsNames);
    const action = pick(r, ['ALLOW', 'ALLOW', 'DENY', 'AUDIT']);
    const selector = r() > 0.3 ? `\n  selector:\n    matchLabels: {tier: t${i % 5}}` : '';
    const rules: string[] = [];
    const kinds = [
      () =>
        `    - source: {principals: ["cluster.local/ns/${pick(r, nsNames)}/sa/sa-${i % 7}", "*/sa/sa-1"]}`,
      () =>
        `    - source: {namespaces: ["${pick(r, nsNames)}", "ns-1*"], notIpBlocks: ["10.${i % 250}.0.0/16"]}`,
      () => `    - source: {serviceAccounts: ["${pick(r, nsNames)}/sa-${i % 7}"]}`,
      () => `    - source: {requestPrincipals: ["issuer-${i % 3}/*"]}`,
      () => `    - source: {remoteIpBlocks: ["203.0.113.0/24"], notPrincipals: ["*"]}`,
    ];
    const ops = [
      // `{*}` must be a whole segment and `{**}` the last operator (match/template.ts), or the
      // policy is refused and the benchmark measures less than it claims.
      () => `    - operation: {methods: ["GET", "HEAD"], paths: ["/api/*", "*/info", "/api/{*}/items/{**}"]}`,
      () =>
        `    - operation: {hosts: ["*.example.com", "app-${i % 10}.${pick(r, nsNames)}:*"], notPaths: ["/healthz"]}`,
      () => `    - operation: {ports: ["8080", "9000"], notMethods: ["DELETE"]}`,
    ];
    const whens = [
      () => `    - key: request.headers[x-tenant]\n      values: ["tenant-${i % 4}"]`,
      () => `    - key: source.namespace\n      notValues: ["${pick(r, nsNames)}"]`,
      () => `    - key: destination.port\n      values: ["8080"]`,
      () => `    - key: request.auth.claims[groups]\n      values: ["admins"]`,
    ];
    const n = 1 + Math.floor(r() * 3);
    for (let k = 0; k < n; k++) {
      const parts = [`  - from:\n${pick(r, kinds)()}`];
      if (r() > 0.3) parts.push(`    to:\n${pick(r, ops)()}`);
      if (r() > 0.6) parts.push(`    when:\n${pick(r, whens)()}`);
      rules.push(parts.join('\n'));
    }
    doc(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: policy-${i}, namespace: ${ns}}
spec:${selector}
  action: ${action}
  rules:
${rules.join('\n')}`);
  }
  doc(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec:
  mtls: {mode: PERMISSIVE}`);
  for (let i = 0; i < Math.min(10, nsNames.length); i++) {
    doc(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: ${nsNames[(i * 3) % nsNames.length]}}
spec:
  mtls: {mode: ${pick(r, ['STRICT', 'PERMISSIVE', 'DISABLE'])}}`);
  }
  doc(`apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: istio-system}
spec:
  jwtRules:
  - issuer: issuer-0`);
  doc(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: legacy, namespace: ${nsNames[1 % nsNames.length]}}
spec:
  host: "*.${nsNames[2 % nsNames.length]}.svc.cluster.local"
  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}`);
  lines.push(
    '---',
    'apiVersion: playground/v1',
    'kind: Probes',
    'spec:',
    '  now: "2026-01-01T00:00:00Z"',
    '  probes:',
  );
  for (let i = 0; i < options.probes; i++) {
    const from = pick(r, workloads);
    const to = pick(r, workloads);
    lines.push(
      `    - {from: ${from}, to: ${to}, port: ${servicePort.get(to) ?? 8000}, request: {path: /api/v${i % 3}/items, headers: {x-tenant: tenant-${i % 4}}}}`,
    );
  }
  return { text: `${lines.join('\n')}\n`, workloads };
}
