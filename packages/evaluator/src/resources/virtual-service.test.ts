import { describe, expect, it } from 'vitest';
import { lineOf, oneWithCode, readYaml, yaml } from './testing';

describe('VirtualService', () => {
  it('reads hosts, gateways, matches, destinations and direct responses; ignores retries and timeouts', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: httpbin, namespace: foo}
      spec:
        hosts: ["httpbin.example.com"]
        gateways: ["httpbin-gateway"]
        http:
        - match:
          - uri: {prefix: /status}
            method: {exact: GET}
            headers:
              x-user: {exact: admin}
            port: 80
          route:
          - destination:
              host: httpbin
              subset: v1
              port: {number: 8000}
            weight: 100
          timeout: 5s
          retries: {attempts: 3}
        - directResponse: {status: 404, body: {string: nope}}
    `);
    expect(diagnostics).toEqual([]);
    const vs = resources.virtualServices[0];
    expect(vs?.hosts).toEqual(['httpbin.example.com']);
    expect(vs?.gateways).toEqual(['httpbin-gateway']);
    expect(vs?.http).toEqual([
      {
        index: 0,
        match: [
          {
            uri: { prefix: '/status' },
            method: { exact: 'GET' },
            headers: { 'x-user': { exact: 'admin' } },
            port: 80,
          },
        ],
        route: [{ host: 'httpbin', subset: 'v1', port: 8000, weight: 100 }],
      },
      { index: 1, match: [], route: [], directResponse: { status: 404 } },
    ]);
  });

  it('a route needs a destination host; a string match sets exactly one of exact/prefix/regex', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: networking.istio.io/v1beta1
      kind: VirtualService
      metadata: {name: v}
      spec:
        hosts: [a]
        http:
        - match:
          - uri: {exact: /a, prefix: /b}
          route:
          - destination: {subset: v1}
        - name: nothing
    `);
    expect(lineOf(oneWithCode(diagnostics, 'vs.string-match'))).toBe(8);
    expect(lineOf(oneWithCode(diagnostics, 'vs.destination-host-required'))).toBe(10);
    expect(lineOf(oneWithCode(diagnostics, 'vs.route-required'))).toBe(11);
    expect(resources.virtualServices[0]?.meta.rejected).toBe(true);
  });

  it('a virtual service without hosts only warns (it may be a delegate)', () => {
    const { resources, diagnostics } = readYaml(
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v}\nspec:\n  http:\n  - route: [{destination: {host: a}}]\n',
    );
    expect(oneWithCode(diagnostics, 'vs.no-hosts').severity).toBe('warning');
    expect(resources.virtualServices[0]?.meta.rejected).toBe(false);
  });
});

describe('VirtualService regex validation (RE2 syntax, as Envoy compiles it)', () => {
  it.each([
    ['a backreference', '/(a)\\\\1'],
    ['a lookahead', '/a(?=b)'],
    ['a lookbehind', '(?<=a)b'],
    ['an unclosed class', '/[a'],
  ])('refuses %s with regex.unsupported at the regex field', (_, regex) => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: v, namespace: foo}
      spec:
        hosts: [a]
        http:
        - match:
          - uri: {exact: /ok}
          - uri: {regex: "${regex}"}
          route:
          - destination: {host: httpbin}
    `);
    const d = oneWithCode(diagnostics, 'regex.unsupported');
    expect(d.severity).toBe('error');
    expect(d.document).toBe(0);
    expect(lineOf(d)).toBe(9);
    expect(d.message).toMatch(/RE2/);
    expect(resources.virtualServices[0]?.meta.rejected).toBe(true);
  });

  it('accepts RE2-only syntax: (?i), [[:digit:]], named groups', () => {
    const { diagnostics } = readYaml(yaml`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: v, namespace: foo}
      spec:
        hosts: [a]
        http:
        - match:
          - uri: {regex: "(?i)/v[[:digit:]]+/(?P<rest>.*)"}
          - headers: {x-a: {regex: "(?i)ab"}}
          route:
          - destination: {host: httpbin}
    `);
    expect(diagnostics).toEqual([]);
  });

  it('checks header regexes too', () => {
    const { diagnostics } = readYaml(yaml`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: v, namespace: foo}
      spec:
        hosts: [a]
        http:
        - match:
          - headers: {x-a: {regex: "(a)\\\\1"}}
          route:
          - destination: {host: httpbin}
    `);
    expect(lineOf(oneWithCode(diagnostics, 'regex.unsupported'))).toBe(8);
  });
});
