import { describe, expect, it } from 'vitest';
import { lineOf, oneWithCode, readYaml, withCode, yaml } from './testing';

describe('Istio Gateway', () => {
  it('reads selector and servers', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: httpbin-gateway, namespace: foo}
      spec:
        selector:
          istio: ingressgateway
        servers:
        - port: {number: 80, name: http, protocol: HTTP}
          hosts: ["*"]
        - port: {number: 443, protocol: HTTPS}
          hosts: ["httpbin.example.com"]
          tls: {mode: SIMPLE, credentialName: httpbin-cert}
    `);
    expect(diagnostics).toEqual([]);
    expect(resources.gateways[0]?.selector).toEqual({ istio: 'ingressgateway' });
    expect(resources.gateways[0]?.servers).toEqual([
      { index: 0, port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'], tlsMode: null },
      {
        index: 1,
        port: { number: 443, protocol: 'HTTPS' },
        hosts: ['httpbin.example.com'],
        tlsMode: 'SIMPLE',
      },
    ]);
    expect(resources.kubernetesGateways).toEqual([]);
  });

  it('servers, hosts, port number and protocol are required; tls mode is an enum', () => {
    const none = readYaml(
      'apiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata: {name: g}\nspec: {selector: {a: b}}\n',
    );
    expect(lineOf(oneWithCode(none.diagnostics, 'gateway.servers-required'))).toBe(4);
    const { diagnostics } = readYaml(yaml`
      apiVersion: networking.istio.io/v1alpha3
      kind: Gateway
      metadata: {name: g}
      spec:
        servers:
        - port: {number: 70000, protocol: HTTQ}
        - hosts: ["*"]
        - port: {number: 80, protocol: HTTP}
          hosts: ["*"]
          tls: {mode: STRICT}
    `);
    expect(lineOf(oneWithCode(diagnostics, 'gateway.port-number'))).toBe(6);
    expect(lineOf(oneWithCode(diagnostics, 'gateway.protocol'))).toBe(6);
    expect(withCode(diagnostics, 'gateway.hosts-required').map(lineOf)).toEqual([6]);
    expect(lineOf(oneWithCode(diagnostics, 'gateway.port-required'))).toBe(7);
    expect(lineOf(oneWithCode(diagnostics, 'schema.enum'))).toBe(10);
  });
});
