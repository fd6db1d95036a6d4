/**
 * How a probe through an ingress gateway ends after the gateway's own hop allowed it
 * (docs/semantics.md P1; docs/workspace-format.md "Outcomes"): a route's directResponse, a route to a
 * port the backend's Service lacks, and a non-HTTP gateway port.
 */
import { describe, expect, it } from 'vitest';
import type { MeshSpec, ProbeSpec } from '../types';
import { httpbin, resource, runProbe, workspace, type Doc } from './testing';

const mesh: MeshSpec = {
  namespaces: [{ name: 'istio-system' }, { name: 'foo' }],
  workloads: [
    {
      name: 'istio-ingressgateway',
      namespace: 'istio-system',
      gateway: true,
      labels: { istio: 'ingressgateway' },
      ports: [
        { name: 'http2', port: 80, targetPort: 8080 },
        { name: 'tcp', port: 31400 },
      ],
    },
    httpbin('foo'),
  ],
};

const gateway = resource('Gateway', 'foo', 'gw', {
  selector: { istio: 'ingressgateway' },
  servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
});
const routes = (http: unknown[]): Doc =>
  resource('VirtualService', 'foo', 'httpbin', { hosts: ['*'], gateways: ['gw'], http });
const external = (port = 80): ProbeSpec => ({
  from: 'external',
  to: 'istio-system/istio-ingressgateway',
  port,
});
const probe = (docs: Doc[], spec: ProbeSpec = external()) => runProbe(workspace(mesh, docs), spec);

describe('the gateway leg of a probe', () => {
  it('a directResponse status is returned as is: allowed below 400, denied from 400, no backend hop', async () => {
    const teapot = await probe([gateway, routes([{ directResponse: { status: 418 } }])]);
    expect([teapot.status, teapot.verdict]).toEqual(['418', 'denied']);
    expect(teapot.trace.some((s) => s.hop === 1)).toBe(false);
    const ok = await probe([gateway, routes([{ directResponse: { status: 204 } }])]);
    expect([ok.status, ok.verdict]).toEqual(['204', 'allowed']);
    const answered = ok.trace.find((s) => s.stage === 'route');
    expect(answered).toMatchObject({
      outcome: 'info',
      resource: { kind: 'VirtualService', name: 'httpbin' },
    });
  });

  it('a route to a port the backend Service does not have: 503 no-route, after the route step', async () => {
    const r = await probe([
      gateway,
      routes([{ route: [{ destination: { host: 'httpbin', port: { number: 9999 } } }] }]),
    ]);
    expect([r.status, r.verdict]).toEqual(['503', 'no-route']);
    const route = r.trace.filter((s) => s.stage === 'route').map((s) => s.outcome);
    expect(route).toEqual(['pass', 'fail']);
    expect(r.trace.some((s) => s.hop === 1)).toBe(false);
  });

  it('a non-HTTP gateway port ends at the gateway: no routing, no backend hop', async () => {
    const r = await probe(
      [gateway, routes([{ route: [{ destination: { host: 'httpbin' } }] }])],
      external(31400),
    );
    expect(r.status).toBe('connected');
    expect(r.trace.filter((s) => s.stage === 'route').map((s) => s.outcome)).toEqual(['info']);
    expect(r.trace.some((s) => s.hop === 1)).toBe(false);
  });

  it('a route to the backend goes on to hop 1 with the gateway as the client', async () => {
    const r = await probe([
      gateway,
      routes([{ route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }] }]),
    ]);
    expect([r.status, r.verdict]).toEqual(['200', 'allowed']);
    expect(r.trace.find((s) => s.hop === 1 && s.stage === 'client-tls')?.message).toContain(
      'istio-system/istio-ingressgateway',
    );
  });
});
