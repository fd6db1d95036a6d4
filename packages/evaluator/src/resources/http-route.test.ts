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

describe('HTTPRoute regex validation (RE2 syntax)', () => {
  it('refuses a backreference in a RegularExpression path or header with regex.unsupported', () => {
    const { diagnostics } = readYaml(yaml`
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: r, namespace: foo}
      spec:
        parentRefs: [{name: web}]
        rules:
        - matches:
          - path: {type: RegularExpression, value: "/(a)\\\\1"}
          - headers:
            - {type: RegularExpression, name: x-a, value: "a(?=b)"}
          backendRefs:
          - {name: httpbin, port: 8000}
    `);
    const found = diagnostics.filter((d) => d.code === 'regex.unsupported');
    expect(found.map((d) => [lineOf(d), d.document])).toEqual([
      [8, 0],
      [10, 0],
    ]);
  });

  it('accepts (?i) and [[:digit:]]', () => {
    const { diagnostics } = readYaml(yaml`
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: r, namespace: foo}
      spec:
        parentRefs: [{name: web}]
        rules:
        - matches:
          - path: {type: RegularExpression, value: "(?i)/v[[:digit:]]+"}
          backendRefs:
          - {name: httpbin, port: 8000}
    `);
    expect(diagnostics).toEqual([]);
  });
});
