/**
 * What the app receives (`ProbeResult.upstream`, pipeline/upstream.ts), for the cases the golden
 * workspaces do not cover: gateways (XFF, XFCC sanitized, the gateway identity in URI=), forged
 * headers, paths with queries, TCP, and the Mesh document's pathNormalization validation.
 */
import { describe, expect, it } from 'vitest';
import { evaluateWorkspace } from '../evaluate';
import type { MeshSpec, ProbeResult, ProbeSpec } from '../types';
import { engineOf, httpbin, resource, runProbes, sleep, workspace, type Doc } from './testing';

const ISS = 'testing@secure.istio.io';

const mesh: MeshSpec = {
  workloads: [
    {
      name: 'istio-ingressgateway',
      namespace: 'istio-system',
      gateway: true,
      labels: { istio: 'ingressgateway' },
      serviceAccount: 'istio-ingressgateway-service-account',
      ports: [{ name: 'http2', port: 80, targetPort: 8080 }],
    },
    sleep('foo'),
    httpbin('foo'),
    { name: 'tcp-echo', namespace: 'foo', labels: { app: 'tcp-echo' }, ports: [{ name: 'tcp', port: 9000 }] },
    sleep('legacy', { sidecar: false }),
    httpbin('legacy', { sidecar: false }),
  ],
};

const gateway = resource('Gateway', 'foo', 'gw', {
  selector: { istio: 'ingressgateway' },
  servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
});
const vs = resource('VirtualService', 'foo', 'httpbin', {
  hosts: ['*'],
  gateways: ['gw'],
  http: [{ route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }] }],
});

async function one(docs: Doc[], spec: ProbeSpec, meshSpec: MeshSpec = mesh): Promise<ProbeResult> {
  const tokens = { valid: { claims: { iss: ISS, sub: 'alice', exp: 4685989700, group: 'admins' } } };
  const [r] = await runProbes(engineOf(workspace(meshSpec, docs, { tokens })), [spec]);
  if (!r) throw new Error('no result');
  return r;
}

const XFCC = 'x-forwarded-client-cert';

describe('upstream at sidecars', () => {
  it('a forged XFCC from a sidecar client never arrives: its own sidecar sanitizes it', async () => {
    const r = await one([], {
      from: 'foo/sleep',
      to: 'foo/httpbin',
      port: 8000,
      request: { path: '/headers', headers: { 'X-Forwarded-Client-Cert': 'By=forged' } },
    });
    expect(r.upstream?.headers[XFCC]).toBe(
      'By=spiffe://cluster.local/ns/foo/sa/httpbin;Subject="";URI=spiffe://cluster.local/ns/foo/sa/sleep',
    );
  });

  it('a plain-text client gets its XFCC removed by the server sidecar (not mTLS)', async () => {
    const r = await one([], {
      from: 'legacy/sleep',
      to: 'foo/httpbin',
      port: 8000,
      request: { path: '/headers', headers: { 'x-forwarded-client-cert': 'By=forged' } },
    });
    expect(r.status).toBe('200');
    expect(r.upstream?.headers[XFCC]).toBeUndefined();
  });

  it('the query reaches the app as sent, after the normalized path', async () => {
    const r = await one([], {
      from: 'foo/sleep',
      to: 'foo/httpbin',
      port: 8000,
      request: { path: '/a/../get?x=/../y' },
    });
    expect(r.upstream?.path).toBe('/get?x=/../y');
  });

  it('an app without a proxy receives the request from a plain client as written', async () => {
    const r = await one([], {
      from: 'legacy/sleep',
      to: 'legacy/httpbin',
      port: 8000,
      request: { path: '/a/../get', headers: { 'x-forwarded-client-cert': 'x' } },
    });
    expect(r.upstream).toEqual({ path: '/a/../get', headers: { [XFCC]: 'x' } });
  });

  it('outputClaimToHeaders: a forged header is removed even without a token', async () => {
    const ra = resource('RequestAuthentication', 'foo', 'jwt', {
      selector: { matchLabels: { app: 'httpbin' } },
      jwtRules: [{ issuer: ISS, outputClaimToHeaders: [{ header: 'x-group', claim: 'group' }] }],
    });
    const forged = await one([ra], {
      from: 'foo/sleep',
      to: 'foo/httpbin',
      port: 8000,
      request: { headers: { 'x-group': 'admins' } },
    });
    expect(forged.upstream?.headers['x-group']).toBeUndefined();
    const real = await one([ra], {
      from: 'foo/sleep',
      to: 'foo/httpbin',
      port: 8000,
      request: { token: 'valid' },
    });
    expect(real.upstream?.headers['x-group']).toBe('admins');
    expect(real.upstream?.headers.authorization).toBeUndefined();
  });

  it('RBAC sees the headers as jwt_authn leaves them: a forged claim header cannot pass', async () => {
    const ra = resource('RequestAuthentication', 'foo', 'jwt', {
      selector: { matchLabels: { app: 'httpbin' } },
      jwtRules: [{ issuer: ISS, outputClaimToHeaders: [{ header: 'x-group', claim: 'group' }] }],
    });
    const admins = resource('AuthorizationPolicy', 'foo', 'admins', {
      selector: { matchLabels: { app: 'httpbin' } },
      rules: [{ when: [{ key: 'request.headers[x-group]', values: ['admins'] }] }],
    });
    const to = { from: 'foo/sleep', to: 'foo/httpbin', port: 8000 };
    const forged = await one([ra, admins], { ...to, request: { headers: { 'x-group': 'admins' } } });
    expect(forged.status).toBe('403');
    expect((await one([ra, admins], { ...to, request: { token: 'valid' } })).status).toBe('200');
  });

  it('no upstream on TCP, on a denial, or when the connection fails', async () => {
    expect((await one([], { from: 'foo/sleep', to: 'foo/tcp-echo', port: 9000 })).upstream).toBeUndefined();
    const deny = resource('AuthorizationPolicy', 'foo', 'deny', { action: 'DENY', rules: [{}] });
    expect(
      (await one([deny], { from: 'foo/sleep', to: 'foo/httpbin', port: 8000 })).upstream,
    ).toBeUndefined();
  });
});

describe('upstream through an ingress gateway', () => {
  const external = (request: ProbeSpec['request'] = {}): ProbeSpec => ({
    from: 'external',
    to: 'istio-system/istio-ingressgateway',
    port: 80,
    request: { sourceIp: '198.51.100.7', ...request },
  });

  it('XFF gets the client address; XFCC names the gateway as the client', async () => {
    const r = await one(
      [gateway, vs],
      external({ path: '/headers', headers: { 'x-forwarded-client-cert': 'x' } }),
    );
    expect(r.status).toBe('200');
    expect(r.upstream?.headers['x-forwarded-for']).toBe('198.51.100.7');
    expect(r.upstream?.headers[XFCC]).toBe(
      'By=spiffe://cluster.local/ns/foo/sa/httpbin;Subject="";URI=spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account',
    );
  });

  it('an incoming XFF keeps its entries and gets the peer appended', async () => {
    const r = await one([gateway, vs], external({ headers: { 'X-Forwarded-For': '203.0.113.1' } }));
    expect(r.upstream?.headers['x-forwarded-for']).toBe('203.0.113.1, 198.51.100.7');
  });

  it('the gateway normalizes with the mesh setting before routing and forwarding', async () => {
    const merge: MeshSpec = {
      ...mesh,
      meshConfig: { pathNormalization: { normalization: 'MERGE_SLASHES' } },
    };
    expect((await one([gateway, vs], external({ path: '//a//b' }), merge)).upstream?.path).toBe('/a/b');
    expect((await one([gateway, vs], external({ path: '//a//b' }))).upstream?.path).toBe('//a//b');
  });
});

describe('upstream after a VirtualService rewrite at the gateway', () => {
  const routeWith = (match: unknown[], rewrite: unknown): Doc =>
    resource('VirtualService', 'foo', 'httpbin', {
      hosts: ['*'],
      gateways: ['gw'],
      http: [{ match, rewrite, route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }] }],
    });
  const external = (path: string): ProbeSpec => ({
    from: 'external',
    to: 'istio-system/istio-ingressgateway',
    port: 80,
    request: { path },
  });

  it('rewrite.uri swaps the matched prefix (VirtualService reference: /ratings → /v1/bookRatings)', async () => {
    const vsr = routeWith([{ uri: { prefix: '/ratings' } }], { uri: '/v1/bookRatings' });
    const r = await one([gateway, vsr], external('/ratings/2?x=1'));
    expect(r.upstream?.path).toBe('/v1/bookRatings/2?x=1');
    expect(r.trace.some((s) => s.message.includes('rewrites the path to /v1/bookRatings/2'))).toBe(true);
  });

  it('rewrite.uri replaces the whole path after an exact match, and "/" without a uri match', async () => {
    const exact = routeWith([{ uri: { exact: '/old' } }], { uri: '/new' });
    expect((await one([gateway, exact], external('/old'))).upstream?.path).toBe('/new');
    const none = routeWith([], { uri: '/v1' });
    expect((await one([gateway, none], external('/foo'))).upstream?.path).toBe('/v1foo');
  });

  it('uriRegexRewrite substitutes capture groups (Envoy regex_rewrite example)', async () => {
    const rx = routeWith([{ uri: { prefix: '/service' } }], {
      uriRegexRewrite: { match: '^/service/([^/]+)(/.*)$', rewrite: '\\2/instance/\\1' },
    });
    expect((await one([gateway, rx], external('/service/foo/v1/api'))).upstream?.path).toBe(
      '/v1/api/instance/foo',
    );
  });

  it('the policies of the backend match the rewritten path', async () => {
    const vsr = routeWith([{ uri: { prefix: '/ratings' } }], { uri: '/v1/bookRatings' });
    const deny = resource('AuthorizationPolicy', 'foo', 'deny', {
      selector: { matchLabels: { app: 'httpbin' } },
      action: 'DENY',
      rules: [{ to: [{ operation: { paths: ['/v1/*'] } }] }],
    });
    expect((await one([gateway, vsr, deny], external('/ratings/2'))).status).toBe('403');
  });
});

describe('Mesh meshConfig.pathNormalization', () => {
  const text = (normalization: unknown): string =>
    workspace({ ...mesh, meshConfig: { pathNormalization: { normalization } } } as unknown as MeshSpec);

  it('accepts the four settings and DEFAULT', async () => {
    for (const n of ['NONE', 'BASE', 'MERGE_SLASHES', 'DECODE_AND_MERGE_SLASHES', 'DEFAULT']) {
      const e = await evaluateWorkspace(text(n));
      expect(
        e.diagnostics.filter((d) => d.severity === 'error'),
        n,
      ).toEqual([]);
    }
  });

  it('refuses another value with a clear error at its position', async () => {
    const e = await evaluateWorkspace(text('MERGE'));
    const bad = e.diagnostics.find((d) => d.severity === 'error');
    expect(bad?.code).toBe('schema.enum');
    expect(bad?.message).toMatch(/MERGE.*NONE.*BASE.*MERGE_SLASHES.*DECODE_AND_MERGE_SLASHES/);
    expect(bad?.range).toBeDefined();
  });

  it('refuses an unknown meshConfig field', async () => {
    const e = await evaluateWorkspace(
      workspace({ ...mesh, meshConfig: { pathNormalisation: {} } } as unknown as MeshSpec),
    );
    expect(e.diagnostics.some((d) => d.code === 'schema.unknown-field')).toBe(true);
  });
});
