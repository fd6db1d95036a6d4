import { describe, expect, it } from 'vitest';
import { lineOf, oneWithCode, readYaml, yaml } from './testing';

describe('HTTPRoute', () => {
  it('reads parents, hostnames, matches and backends', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: http, namespace: foo}
      spec:
        parentRefs:
        - name: httpbin-gateway
          sectionName: http
        hostnames: ["httpbin.example.com"]
        rules:
        - matches:
          - path: {type: Exact, value: /headers}
            headers:
            - {name: x-user, value: admin}
            method: GET
          backendRefs:
          - {name: httpbin, port: 8000, weight: 1}
        - backendRefs:
          - {name: other, port: 80}
    `);
    expect(diagnostics).toEqual([]);
    const route = resources.httpRoutes[0];
    expect(route?.parentRefs).toEqual([{ name: 'httpbin-gateway', sectionName: 'http' }]);
    expect(route?.hostnames).toEqual(['httpbin.example.com']);
    expect(route?.rules).toEqual([
      {
        index: 0,
        matches: [
          {
            path: { type: 'Exact', value: '/headers' },
            headers: [{ type: 'Exact', name: 'x-user', value: 'admin' }],
            method: 'GET',
          },
        ],
        backendRefs: [{ name: 'httpbin', port: 8000, weight: 1 }],
      },
      {
        index: 1,
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [{ name: 'other', port: 80 }],
      },
    ]);
  });

  it('applies the CRD defaults for a match without path', () => {
    const { resources } = readYaml(yaml`
      apiVersion: gateway.networking.k8s.io/v1beta1
      kind: HTTPRoute
      metadata: {name: r}
      spec:
        rules:
        - matches:
          - method: POST
    `);
    expect(resources.httpRoutes[0]?.rules[0]?.matches).toEqual([
      { path: { type: 'PathPrefix', value: '/' }, method: 'POST' },
    ]);
  });

  it('refuses an unknown path type, a relative path and a backend without name', () => {
    const { diagnostics } = readYaml(yaml`
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: r}
      spec:
        rules:
        - matches:
          - path: {type: Prefix, value: /a}
          - path: {value: a}
          backendRefs:
          - port: 80
    `);
    expect(lineOf(oneWithCode(diagnostics, 'schema.enum'))).toBe(7);
    expect(lineOf(oneWithCode(diagnostics, 'http-route.path-value'))).toBe(8);
    expect(lineOf(oneWithCode(diagnostics, 'http-route.backend-name-required'))).toBe(10);
  });
});
