/**
 * Valid Kubernetes label keys such as `constructor`, `prototype` and `__proto__` are ordinary keys:
 * they must select like any other label, and never reach or pollute `Object.prototype`.
 */
import { describe, expect, it } from 'vitest';
import { evaluateWorkspace } from '../src';

const NOW = new Date('2026-01-01T00:00:00Z');

function workspace(labels: string, selector: string, extra = ''): string {
  return `apiVersion: playground/v1
kind: Mesh
metadata: {name: hostile-keys}
spec:
  namespaces:
    - {name: foo, labels: {istio-injection: enabled, constructor: x, __proto__: y}}
  workloads:
    - {name: httpbin, namespace: foo, labels: {${labels}}, serviceAccount: httpbin, ports: [{name: http, port: 8000, targetPort: 80}]}
    - {name: sleep, namespace: foo, labels: {app: sleep}, serviceAccount: sleep, ports: [{name: http, port: 80, targetPort: 80}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-admin, namespace: foo}
spec:
  selector:
    matchLabels: {${selector}}
  action: DENY
  rules:
  - to:
    - operation:
        paths: ["/admin*"]
${extra}---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
    - {name: admin, from: foo/sleep, to: foo/httpbin, port: 8000, request: {path: /admin, headers: {constructor: a, __proto__: b}}, expect: "403"}
    - {name: get, from: foo/sleep, to: foo/httpbin, port: 8000, request: {path: /get}, expect: "200"}
`;
}

async function verdicts(text: string) {
  const evaluation = await evaluateWorkspace(text, { now: NOW });
  return {
    verdicts: evaluation.probes.map((p) => p.verdict),
    errors: evaluation.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
  };
}

describe('prototype-named keys', () => {
  it('labels constructor and prototype do not break a selector on app', async () => {
    expect(await verdicts(workspace('constructor: a, prototype: b, app: httpbin', 'app: httpbin'))).toEqual({
      verdicts: ['denied', 'allowed'],
      errors: [],
    });
  });

  it('a selector on constructor: a selects the workload', async () => {
    expect(await verdicts(workspace('constructor: a, prototype: b, app: httpbin', 'constructor: a'))).toEqual(
      {
        verdicts: ['denied', 'allowed'],
        errors: [],
      },
    );
  });

  it('a selector on constructor: z selects nothing', async () => {
    expect(await verdicts(workspace('constructor: a, app: httpbin', 'constructor: z'))).toEqual({
      verdicts: ['allowed', 'allowed'],
      errors: [],
    });
  });

  it('a selector on a label the workload lacks, named after a prototype member, selects nothing', async () => {
    expect(await verdicts(workspace('app: httpbin', 'toString: a'))).toEqual({
      verdicts: ['allowed', 'allowed'],
      errors: [],
    });
  });

  it('__proto__ as a label and selector key neither pollutes nor crashes', async () => {
    expect(await verdicts(workspace('__proto__: a, app: httpbin', '__proto__: a'))).toEqual({
      verdicts: ['denied', 'allowed'],
      errors: [],
    });
    expect(await verdicts(workspace('app: httpbin', '__proto__: a'))).toEqual({
      verdicts: ['allowed', 'allowed'],
      errors: [],
    });
    expect(({} as Record<string, unknown>).a).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('a header condition on constructor reads the request header, not the prototype', async () => {
    const extra = `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-header, namespace: foo}
spec:
  selector:
    matchLabels: {app: httpbin}
  action: DENY
  rules:
  - when:
    - key: request.headers[constructor]
      values: ["*"]
`;
    expect(await verdicts(workspace('app: httpbin', 'app: none', extra))).toEqual({
      verdicts: ['denied', 'allowed'],
      errors: [],
    });
  });
});
