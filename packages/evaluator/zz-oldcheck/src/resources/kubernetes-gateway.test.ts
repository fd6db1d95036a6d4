import { describe, expect, it } from 'vitest';
import { lineOf, oneWithCode, readYaml, yaml } from './testing';

describe('Gateway API Gateway', () => {
  it('is told apart from the Istio Gateway by its group, and reads listeners', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata: {name: httpbin-gateway, namespace: foo}
      spec:
        gatewayClassName: istio
        listeners:
        - name: http
          hostname: "*.example.com"
          port: 80
          protocol: HTTP
          allowedRoutes: {namespaces: {from: Same}}
    `);
    expect(diagnostics).toEqual([]);
    expect(resources.gateways).toEqual([]);
    expect(resources.kubernetesGateways[0]?.gatewayClassName).toBe('istio');
    expect(resources.kubernetesGateways[0]?.listeners).toEqual([
      { index: 0, name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com' },
    ]);
  });

  it('gatewayClassName and listener fields are required', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: gateway.networking.k8s.io/v1beta1
      kind: Gateway
      metadata: {name: g}
      spec:
        listeners:
        - name: http
          port: 0
        - name: http
          port: 80
          protocol: HTTP
    `);
    expect(lineOf(oneWithCode(diagnostics, 'k8s-gateway.class-required'))).toBe(4);
    expect(lineOf(oneWithCode(diagnostics, 'k8s-gateway.listener-port'))).toBe(7);
    expect(lineOf(oneWithCode(diagnostics, 'k8s-gateway.listener-protocol-required'))).toBe(6);
    expect(lineOf(oneWithCode(diagnostics, 'k8s-gateway.listener-duplicate'))).toBe(8);
    expect(resources.kubernetesGateways[0]?.meta.rejected).toBe(true);
  });
});
