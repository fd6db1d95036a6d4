/**
 * HTTPRoute `URLRewrite` (gateway/rewrite.ts): the paths the backend receives in the golden
 * workspaces taken from the Gateway API conformance tests HTTPRouteRewritePath and
 * HTTPRouteRewriteHost (kubernetes-sigs/gateway-api conformance/tests/httproute-rewrite-*.go,
 * ExpectedRequest.Path), and the ReplacePrefixMatch table of the Gateway API's HTTPPathModifier
 * (apis/v1/httproute_types.go). Never this engine's output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateWorkspace } from '../src';

async function upstreamPaths(file: string): Promise<Map<string, string | undefined>> {
  const text = readFileSync(join(import.meta.dirname, 'golden', `${file}.yaml`), 'utf8');
  const evaluation = await evaluateWorkspace(text);
  expect(evaluation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Map(evaluation.probes.map((p) => [p.name, p.upstream?.path]));
}

describe('HTTPRoute URLRewrite: Gateway API conformance', () => {
  it('HTTPRouteRewritePath: the path each case reaches infra-backend-v1 with', async () => {
    const paths = await upstreamPaths('upstream-gateway-api-rewrite-path');
    expect(Object.fromEntries(paths)).toEqual({
      '/prefix/one/two': '/one/two',
      '/strip-prefix/three': '/three',
      '/strip-prefix': '/',
      '/full/one/two': '/one',
      '/full/rewrite-path-and-modify-headers/test': '/test',
      '/prefix/rewrite-path-and-modify-headers/one': '/prefix/one',
    });
  });

  it('HTTPRouteRewriteHost: the path is left as sent', async () => {
    const paths = await upstreamPaths('upstream-gateway-api-rewrite-host');
    expect(Object.fromEntries(paths)).toEqual({
      '/one': '/one',
      '/two': '/two',
      '/rewrite-host-and-modify-headers': '/rewrite-host-and-modify-headers',
    });
  });
});

/** One gateway, one HTTPRoute rule matching `match`, rewriting with `rewrite`; what /backend receives. */
async function rewrittenPath(
  match: string,
  rewrite: string,
  path: string,
): Promise<{ status: string; path: string | undefined }> {
  const text = `apiVersion: playground/v1
kind: Mesh
spec:
  workloads:
    - {name: gw, namespace: foo, gateway: true, labels: {gateway.networking.k8s.io/gateway-name: gw}, ports: [{name: http, port: 80}]}
    - {name: backend, namespace: foo, ports: [{name: http, port: 8080}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: foo}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: foo}
spec:
  parentRefs: [{name: gw}]
  rules:
    - matches: [{path: ${match}}]
      filters: [{type: URLRewrite, urlRewrite: {path: ${rewrite}}}]
      backendRefs: [{name: backend, port: 8080}]
---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
    - {from: external, to: foo/gw, port: 80, request: {path: "${path}"}}
`;
  const evaluation = await evaluateWorkspace(text);
  const probe = evaluation.probes[0];
  return { status: probe?.status ?? '', path: probe?.upstream?.path };
}

describe('ReplacePrefixMatch: the Gateway API HTTPPathModifier table', () => {
  // Request Path | Prefix Match | Replace Prefix | Modified Path
  const table: [string, string, string, string][] = [
    ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
    ['/foo', '/foo', '/xyz', '/xyz'],
    ['/foo/', '/foo', '/xyz', '/xyz/'],
    ['/foo/bar', '/foo', '', '/bar'],
    ['/foo/', '/foo', '', '/'],
    ['/foo', '/foo', '', '/'],
    ['/foo/', '/foo', '/', '/'],
    ['/foo', '/foo', '/', '/'],
  ];
  for (const [request, prefix, replace, modified] of table)
    it(`${request} under ${prefix} replaced by "${replace}" → ${modified}`, async () => {
      const result = await rewrittenPath(
        `{type: PathPrefix, value: "${prefix}"}`,
        `{type: ReplacePrefixMatch, replacePrefixMatch: "${replace}"}`,
        request,
      );
      expect(result).toEqual({ status: '200', path: modified });
    });

  it('keeps the query after the rewritten path', async () => {
    const result = await rewrittenPath(
      '{type: PathPrefix, value: /foo}',
      '{type: ReplacePrefixMatch, replacePrefixMatch: /xyz}',
      '/foo/bar?a=1',
    );
    expect(result.path).toBe('/xyz/bar?a=1');
  });

  it('with an Exact match the route is not accepted: nothing routes, the gateway answers 404', async () => {
    const result = await rewrittenPath(
      '{type: Exact, value: /foo}',
      '{type: ReplacePrefixMatch, replacePrefixMatch: /xyz}',
      '/foo',
    );
    expect(result.status).toBe('404');
  });
});

describe('VirtualService rewrite.authority', () => {
  // Istio's VirtualService reference, HTTPRewrite.authority: "rewrite the Authority/Host header with
  // this value"; the backend's AuthorizationPolicy `hosts` then match the rewritten Host.
  const workspace = (rewrite: string) => `apiVersion: playground/v1
kind: Mesh
spec:
  namespaces: [{name: istio-system}, {name: foo, labels: {istio-injection: enabled}}]
  workloads:
    - {name: istio-ingressgateway, namespace: istio-system, gateway: true, labels: {istio: ingressgateway}, ports: [{name: http2, port: 80, targetPort: 8080}]}
    - {name: httpbin, namespace: foo, labels: {app: httpbin}, ports: [{name: http, port: 8000, targetPort: 8080}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: foo}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: foo}
spec:
  hosts: ["*"]
  gateways: [gw]
  http:
    - ${rewrite}route: [{destination: {host: httpbin, port: {number: 8000}}}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: only-internal-host, namespace: foo}
spec:
  selector: {matchLabels: {app: httpbin}}
  action: ALLOW
  rules: [{to: [{operation: {hosts: ["httpbin.internal"]}}]}]
---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
    - {from: external, to: istio-system/istio-ingressgateway, port: 80, request: {path: /get, host: example.com}}
`;

  it('the backend sees the rewritten Host', async () => {
    const rewritten = await evaluateWorkspace(workspace('rewrite: {authority: httpbin.internal}\n      '));
    expect(rewritten.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(rewritten.probes[0]?.status).toBe('200');
    const asSent = await evaluateWorkspace(workspace(''));
    expect(asSent.probes[0]?.status).toBe('403');
  });
});
