/**
 * Whole probes through the pipeline (docs/semantics.md §1, §E; docs/workspace-format.md "Outcomes"): status and verdict for
 * every outcome, HTTP and TCP, one hop and two hops through an ingress gateway.
 */
import { describe, expect, it } from 'vitest';
import type { MeshSpec, ProbeResult, ProbeSpec, ProbesSpec } from '../types';
import { compiledOf, httpbin, resource, runProbes, sleep, workspace, type Doc } from './testing';

const ISS = 'testing@secure.istio.io';

const mesh: MeshSpec = {
  namespaces: [{ name: 'istio-system' }, { name: 'foo' }, { name: 'legacy' }],
  extensionProviders: [
    {
      name: 'authz-grpc',
      envoyExtAuthzGrpc: { service: 'ext-authz.foo.svc.cluster.local', port: 9000 },
      simulate: { allowWhen: [{ header: 'x-ext-authz', values: ['allow'] }] },
    },
    {
      name: 'authz-http',
      envoyExtAuthzHttp: { service: 'ext-authz.foo.svc.cluster.local', port: 8000 },
      simulate: { allowWhen: [{ header: 'x-ext-authz', values: ['allow'] }] },
    },
  ],
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
    {
      name: 'tcp-echo',
      namespace: 'foo',
      labels: { app: 'tcp-echo' },
      ports: [
        { name: 'tcp', port: 9000 },
        { name: 'tcp-other', port: 9001 },
      ],
      listens: [9002],
    },
    {
      name: 'ext-authz',
      namespace: 'foo',
      ports: [
        { name: 'grpc', port: 9000 },
        { name: 'http', port: 8000 },
      ],
    },
    sleep('legacy', { sidecar: false }),
    httpbin('legacy', { sidecar: false }),
  ],
};

const probes: ProbesSpec = {
  tokens: {
    valid: { claims: { iss: ISS, sub: ISS, exp: 4685989700 } },
    expired: { claims: { iss: ISS, sub: ISS, exp: 1000 } },
    aud: { claims: { iss: ISS, sub: ISS, exp: 4685989700, aud: 'other' } },
  },
};

const pa = (ns: string, name: string, spec: unknown): Doc => resource('PeerAuthentication', ns, name, spec);
const ap = (ns: string, name: string, spec: unknown): Doc => resource('AuthorizationPolicy', ns, name, spec);
const ra = (ns: string, name: string, spec: unknown): Doc =>
  resource('RequestAuthentication', ns, name, spec);
const dr = (ns: string, name: string, spec: unknown): Doc => resource('DestinationRule', ns, name, spec);
const STRICT_MESH = pa('istio-system', 'default', { mtls: { mode: 'STRICT' } });

async function run(docs: Doc[], specs: ProbeSpec[], meshSpec: MeshSpec = mesh): Promise<ProbeResult[]> {
  return runProbes(await compiledOf(workspace(meshSpec, docs, probes)), specs);
}

async function one(docs: Doc[], spec: ProbeSpec): Promise<ProbeResult> {
  const [r] = await run(docs, [spec]);
  if (!r) throw new Error('no result');
  return r;
}

const outcome = (r: ProbeResult) => ({ status: r.status, verdict: r.verdict, mtls: r.mtls });
const toHttpbin = (request: ProbeSpec['request'] = {}, from = 'foo/sleep'): ProbeSpec => ({
  from,
  to: 'foo/httpbin',
  port: 8000,
  request,
});
const toTcp = (port = 9000, from = 'foo/sleep'): ProbeSpec => ({ from, to: 'foo/tcp-echo', port });

describe('allowed (docs/workspace-format.md "Outcomes": 200 / connected)', () => {
  it('Z1 / M1: no policy, sidecar to sidecar → 200 over mTLS', async () => {
    expect(outcome(await one([], toHttpbin()))).toEqual({ status: '200', verdict: 'allowed', mtls: true });
  });

  it('M2: sidecar to a workload without sidecar → 200 plaintext', async () => {
    expect(
      outcome(await one([STRICT_MESH], { from: 'foo/sleep', to: 'legacy/httpbin', port: 8000 })),
    ).toEqual({ status: '200', verdict: 'allowed', mtls: false });
  });

  it('M4: no proxies at all → 200 plaintext', async () => {
    expect(
      outcome(await one([STRICT_MESH], { from: 'legacy/sleep', to: 'legacy/httpbin', port: 8000 })),
    ).toMatchObject({ status: '200', verdict: 'allowed' });
  });

  it('§A8: a TCP port that is allowed → connected', async () => {
    expect(outcome(await one([], toTcp()))).toEqual({ status: 'connected', verdict: 'allowed', mtls: true });
  });
});

describe('mTLS failures (§B2 matrix: 000 vs 503)', () => {
  it('M3: a client without sidecar to a STRICT server → 000', async () => {
    expect(outcome(await one([STRICT_MESH], toHttpbin({}, 'legacy/sleep')))).toMatchObject({
      status: '000',
      verdict: 'mtls-failure',
    });
  });

  it('M21: mesh DISABLE plus workload STRICT, sidecar client → 503 (auto-mTLS sends plaintext)', async () => {
    const docs = [
      pa('istio-system', 'default', { mtls: { mode: 'DISABLE' } }),
      pa('foo', 'httpbin', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' } }),
    ];
    expect(outcome(await one(docs, toHttpbin()))).toMatchObject({ status: '503', verdict: 'mtls-failure' });
  });

  it('M16: DR ISTIO_MUTUAL to a workload without sidecar → 503', async () => {
    const docs = [dr('istio-system', 'all', { host: '*', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } })];
    expect(outcome(await one(docs, { from: 'foo/sleep', to: 'legacy/httpbin', port: 8000 }))).toMatchObject({
      status: '503',
      verdict: 'mtls-failure',
    });
  });

  it('§B2 "On a TCP port every 503 becomes RESET": DR DISABLE to STRICT on TCP → 000', async () => {
    const docs = [
      STRICT_MESH,
      dr('foo', 'plain', { host: 'tcp-echo', trafficPolicy: { tls: { mode: 'DISABLE' } } }),
    ];
    expect(outcome(await one(docs, toTcp()))).toMatchObject({ status: '000', verdict: 'mtls-failure' });
  });

  it('M3 on TCP: plaintext client to a STRICT TCP port → 000', async () => {
    expect(outcome(await one([STRICT_MESH], toTcp(9000, 'legacy/sleep')))).toMatchObject({
      status: '000',
      verdict: 'mtls-failure',
    });
  });
});

describe('denied (403 / denied)', () => {
  it('Z2: ALLOW spec {} → 403 on HTTP, denied on TCP', async () => {
    const docs = [ap('foo', 'allow-nothing', {})];
    expect(outcome(await one(docs, toHttpbin()))).toMatchObject({ status: '403', verdict: 'denied' });
    expect(outcome(await one(docs, toTcp()))).toMatchObject({ status: 'denied', verdict: 'denied' });
  });

  it('Z42/Z43: ALLOW principals ["*"] denies the plaintext legacy client, allows the mTLS one', async () => {
    const docs = [ap('foo', 'authn', { rules: [{ from: [{ source: { principals: ['*'] } }] }] })];
    const [legacy, meshClient] = await run(docs, [toHttpbin({}, 'legacy/sleep'), toHttpbin()]);
    expect(legacy && outcome(legacy)).toEqual({ status: '403', verdict: 'denied', mtls: false });
    expect(meshClient && outcome(meshClient)).toEqual({ status: '200', verdict: 'allowed', mtls: true });
  });

  it('Z12: the normalized path is what the policy sees (/public/../private is denied by ALLOW /public*)', async () => {
    const docs = [
      ap('foo', 'p', { rules: [{ to: [{ operation: { paths: ['/public*'], methods: ['GET'] } }] }] }),
    ];
    const [a, b] = await run(docs, [
      toHttpbin({ path: '/public/../public' }),
      toHttpbin({ path: '/public/../private' }),
    ]);
    expect(a?.status).toBe('200');
    expect(b?.status).toBe('403');
  });

  it('§A8 / authz-tcp task: pod-IP port 9002 (passthrough) is denied by ALLOW ports [9000, 9001]', async () => {
    const docs = [
      ap('foo', 'tcp', {
        selector: { matchLabels: { app: 'tcp-echo' } },
        rules: [{ to: [{ operation: { ports: ['9000', '9001'] } }] }],
      }),
    ];
    const [svc, passthrough] = await run(docs, [
      toTcp(9000),
      { from: 'foo/sleep', to: 'foo/tcp-echo', port: 9002, address: 'podIP' },
    ]);
    expect(svc?.status).toBe('connected');
    expect(passthrough && outcome(passthrough)).toMatchObject({ status: 'denied', verdict: 'denied' });
  });

  it('Z44: DENY notPrincipals ["*"] stops the plaintext client (client-namespace DR DISABLE wins), not the mTLS one', async () => {
    const meshZ44: MeshSpec = {
      ...mesh,
      namespaces: [...(mesh.namespaces ?? []), { name: 'ns2' }],
      workloads: [...(mesh.workloads ?? []), sleep('ns2')],
    };
    const docs = [
      pa('foo', 'default', { mtls: { mode: 'PERMISSIVE' } }),
      dr('foo', 'mtls', {
        host: '*.foo.svc.cluster.local',
        trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
      }),
      dr('ns2', 'plain', { host: '*.foo.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } }),
      ap('foo', 'deny-plaintext', {
        action: 'DENY',
        rules: [{ from: [{ source: { notPrincipals: ['*'] } }] }],
      }),
    ];
    const [fromFoo, fromNs2, tcpFoo, tcpNs2] = await run(
      docs,
      [toHttpbin(), toHttpbin({}, 'ns2/sleep'), toTcp(), toTcp(9000, 'ns2/sleep')],
      meshZ44,
    );
    expect(fromFoo && outcome(fromFoo)).toEqual({ status: '200', verdict: 'allowed', mtls: true });
    expect(fromNs2 && outcome(fromNs2)).toEqual({ status: '403', verdict: 'denied', mtls: false });
    expect(tcpFoo?.status).toBe('connected');
    expect(tcpNs2?.status).toBe('denied');
  });

  it('§A8: DENY with only to.methods denies every TCP connection', async () => {
    const docs = [
      ap('foo', 'd', {
        action: 'DENY',
        selector: { matchLabels: { app: 'tcp-echo' } },
        rules: [{ to: [{ operation: { methods: ['GET'] } }] }],
      }),
    ];
    expect((await one(docs, toTcp(9001))).status).toBe('denied');
  });

  it('J23: RA plus ALLOW requestPrincipals ["*"] on a TCP port → denied (no JWT on TCP, rule dropped)', async () => {
    const docs = [
      ra('foo', 'jwt', { selector: { matchLabels: { app: 'tcp-echo' } }, jwtRules: [{ issuer: ISS }] }),
      ap('foo', 'p', {
        selector: { matchLabels: { app: 'tcp-echo' } },
        rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }],
      }),
    ];
    expect(outcome(await one(docs, toTcp()))).toMatchObject({ status: 'denied', verdict: 'denied' });
  });

  it('Z48: a CUSTOM policy with an unknown provider denies its matches (403 denied)', async () => {
    const docs = [
      ap('foo', 'ext', {
        action: 'CUSTOM',
        provider: { name: 'nope' },
        rules: [{ to: [{ operation: { paths: ['/admin*'] } }] }],
      }),
    ];
    const [admin, ip] = await run(docs, [toHttpbin({ path: '/admin' }), toHttpbin({ path: '/ip' })]);
    expect(admin && outcome(admin)).toMatchObject({ status: '403', verdict: 'denied' });
    expect(ip?.status).toBe('200');
  });
});

describe('remote.ip at a sidecar (§A5, G6)', () => {
  it('G6: a sidecar honours a client-supplied XFF (last entry); without XFF remote.ip is the peer', async () => {
    const deny = ap('foo', 'd', {
      action: 'DENY',
      rules: [{ from: [{ source: { remoteIpBlocks: ['198.51.100.9'] } }] }],
    });
    const [withXff, first, without] = await run(
      [deny],
      [
        toHttpbin({ headers: { 'x-forwarded-for': '1.1.1.1, 198.51.100.9' } }),
        toHttpbin({ headers: { 'x-forwarded-for': '198.51.100.9, 1.1.1.1' } }),
        toHttpbin(),
      ],
    );
    expect(withXff?.status).toBe('403');
    expect(first?.status).toBe('200');
    expect(without?.status).toBe('200');
  });
});

describe('CUSTOM (403 / custom-denied)', () => {
  const custom = (provider: string, rule: unknown = {}) =>
    ap('foo', 'ext', { action: 'CUSTOM', provider: { name: provider }, rules: [rule] });

  it('Z50: ext_authz decides matched requests only', async () => {
    const docs = [custom('authz-grpc', { to: [{ operation: { paths: ['/custom'] } }] })];
    const [allow, deny, health] = await run(docs, [
      toHttpbin({ path: '/custom', headers: { 'x-ext-authz': 'allow' } }),
      toHttpbin({ path: '/custom', headers: { 'x-ext-authz': 'deny' } }),
      toHttpbin({ path: '/health', headers: { 'x-ext-authz': 'deny' } }),
    ]);
    expect(allow?.status).toBe('200');
    expect(deny && outcome(deny)).toMatchObject({ status: '403', verdict: 'custom-denied' });
    expect(health?.status).toBe('200');
  });

  it('Z49: an HTTP ext-authz provider is not applied on TCP ports', async () => {
    const docs = [custom('authz-http')];
    expect((await one(docs, toTcp())).status).toBe('connected');
    expect((await one(docs, toHttpbin({ headers: { 'x-ext-authz': 'deny' } }))).verdict).toBe(
      'custom-denied',
    );
  });

  it('§A10 / G7: a gRPC ext-authz denial on TCP closes the connection → denied', async () => {
    expect(outcome(await one([custom('authz-grpc')], toTcp()))).toMatchObject({
      status: 'denied',
      verdict: 'custom-denied',
    });
  });
});

describe('JWT (401 / 403 audience)', () => {
  const rule = { issuer: ISS };

  it('J22: an expired token gives 401 even with ALLOW rules [{}]', async () => {
    const docs = [ra('foo', 'jwt', { jwtRules: [rule] }), ap('foo', 'all', { rules: [{}] })];
    expect(outcome(await one(docs, toHttpbin({ token: 'expired' })))).toMatchObject({
      status: '401',
      verdict: 'unauthenticated',
    });
  });

  it('§1 precedence (J22): JWT 401 comes before a DENY that would match', async () => {
    const docs = [ra('foo', 'jwt', { jwtRules: [rule] }), ap('foo', 'deny', { action: 'DENY', rules: [{}] })];
    expect((await one(docs, toHttpbin({ token: 'expired' }))).status).toBe('401');
    expect((await one(docs, toHttpbin({ token: 'valid' }))).status).toBe('403');
  });

  it('§1 + Z48: a bad CUSTOM policy denies in the CUSTOM slot, before JWT rejects an expired token', async () => {
    const docs = [
      ra('foo', 'jwt', { jwtRules: [rule] }),
      ap('foo', 'bad-custom', { action: 'CUSTOM', provider: { name: 'nope' }, rules: [{}] }),
    ];
    expect(outcome(await one(docs, toHttpbin({ token: 'expired' })))).toMatchObject({
      status: '403',
      verdict: 'denied',
    });
  });

  it('J6: an audience mismatch gives 403 audience-rejected', async () => {
    const docs = [ra('foo', 'jwt', { jwtRules: [{ issuer: ISS, audiences: ['foo'] }] })];
    expect(outcome(await one(docs, toHttpbin({ token: 'aud' })))).toMatchObject({
      status: '403',
      verdict: 'audience-rejected',
    });
  });

  it('J4: valid token → 200; no token → 403 from ALLOW requestPrincipals', async () => {
    const docs = [
      ra('foo', 'jwt', { jwtRules: [rule] }),
      ap('foo', 'p', { rules: [{ from: [{ source: { requestPrincipals: [`${ISS}/${ISS}`] } }] }] }),
    ];
    const [valid, none] = await run(docs, [toHttpbin({ token: 'valid' }), toHttpbin()]);
    expect(valid?.status).toBe('200');
    expect(none && outcome(none)).toMatchObject({ status: '403', verdict: 'denied' });
  });
});

describe('through an ingress gateway (two hops)', () => {
  const gateway = resource('Gateway', 'foo', 'gw', {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
  });
  const vs = resource('VirtualService', 'foo', 'httpbin', {
    hosts: ['*'],
    gateways: ['gw'],
    http: [
      {
        match: [{ uri: { prefix: '/' } }],
        route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }],
      },
    ],
  });
  const external = (request: ProbeSpec['request'] = {}): ProbeSpec => ({
    from: 'external',
    to: 'istio-system/istio-ingressgateway',
    port: 80,
    request,
  });

  it('§B3: the backend sees the gateway identity on hop 2', async () => {
    const gwIdentity = ap('foo', 'p', {
      rules: [
        {
          from: [
            {
              source: {
                principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'],
              },
            },
          ],
        },
      ],
    });
    const r = await one([gateway, vs, STRICT_MESH, gwIdentity], external({ path: '/ip' }));
    expect(outcome(r)).toEqual({ status: '200', verdict: 'allowed', mtls: true });
    expect(r.trace.some((s) => s.hop === 1)).toBe(true);
    const sleepOnly = ap('foo', 'p', {
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/foo/sa/sleep'] } }] }],
    });
    expect(outcome(await one([gateway, vs, STRICT_MESH, sleepOnly], external()))).toMatchObject({
      status: '403',
      verdict: 'denied',
    });
  });

  it('§A5: behind a gateway, ipBlocks on the backend see the gateway pod IP, not the client', async () => {
    const deny = ap('foo', 'd', {
      action: 'DENY',
      rules: [{ from: [{ source: { ipBlocks: ['203.0.113.7'] } }] }],
    });
    expect((await one([gateway, vs, deny], external({ sourceIp: '203.0.113.7' }))).status).toBe('200');
  });

  it('Z24: with numTrustedProxies 1 the gateway takes remote.ip from XFF', async () => {
    const deny = ap('istio-system', 'd', {
      selector: { matchLabels: { istio: 'ingressgateway' } },
      action: 'DENY',
      rules: [{ from: [{ source: { remoteIpBlocks: ['172.17.72.46', '192.168.4.0/23'] } }] }],
    });
    const text = workspace({ ...mesh, numTrustedProxies: 1 }, [gateway, vs, deny], probes);
    const xff = (ip: string) => external({ headers: { 'x-forwarded-for': ip } });
    const results = runProbes(await compiledOf(text), [
      xff('172.17.72.46'),
      xff('192.168.5.233'),
      xff('10.4.5.6'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['403', '403', '200']);
  });

  it('§A5: with numTrustedProxies 0 the gateway ignores a client-supplied XFF (remote.ip is the peer)', async () => {
    const deny = ap('istio-system', 'd', {
      selector: { matchLabels: { istio: 'ingressgateway' } },
      action: 'DENY',
      rules: [{ from: [{ source: { remoteIpBlocks: ['172.17.72.46'] } }] }],
    });
    const [spoofed, real] = await run(
      [gateway, vs, deny],
      [external({ headers: { 'x-forwarded-for': '172.17.72.46' } }), external({ sourceIp: '172.17.72.46' })],
    );
    expect(spoofed?.status).toBe('200');
    expect(real?.status).toBe('403');
  });

  it('§A5 / G6: behind the gateway, the backend sidecar takes remote.ip from the last XFF entry (the client the gateway saw)', async () => {
    const deny = ap('foo', 'd', {
      action: 'DENY',
      rules: [{ from: [{ source: { remoteIpBlocks: ['203.0.113.7'] } }] }],
    });
    const [blocked, other] = await run(
      [gateway, vs, deny],
      [external({ sourceIp: '203.0.113.7' }), external({ sourceIp: '203.0.113.8' })],
    );
    expect(blocked?.status).toBe('403');
    expect(other?.status).toBe('200');
  });

  it('no route for the path → 404 no-route', async () => {
    const narrow = resource('VirtualService', 'foo', 'httpbin', {
      hosts: ['*'],
      gateways: ['gw'],
      http: [
        {
          match: [{ uri: { prefix: '/status' } }],
          route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }],
        },
      ],
    });
    expect(outcome(await one([gateway, narrow], external({ path: '/ip' })))).toMatchObject({
      status: '404',
      verdict: 'no-route',
    });
  });

  it('J13: a DENY at the gateway stops the request on hop 1 (403)', async () => {
    const docs = [
      gateway,
      vs,
      ra('istio-system', 'jwt', {
        selector: { matchLabels: { istio: 'ingressgateway' } },
        jwtRules: [{ issuer: ISS }],
      }),
      ap('istio-system', 'require', {
        selector: { matchLabels: { istio: 'ingressgateway' } },
        action: 'DENY',
        rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }],
      }),
    ];
    const [none, valid] = await run(docs, [external(), external({ token: 'valid' })]);
    expect(none && outcome(none)).toMatchObject({ status: '403', verdict: 'denied' });
    expect(none?.trace.some((s) => s.hop === 1)).toBe(false);
    expect(valid?.status).toBe('200');
  });

  it('§C1 forwardOriginalToken false: the gateway strips the token, so the backend sees none', async () => {
    const backendNeedsToken = ap('foo', 'p', {
      selector: { matchLabels: { app: 'httpbin' } },
      rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }],
    });
    const stripped = [
      gateway,
      vs,
      ra('istio-system', 'jwt', { jwtRules: [{ issuer: ISS }] }),
      backendNeedsToken,
    ];
    expect((await one(stripped, external({ token: 'valid' }))).status).toBe('403');
    const forwarded = [
      gateway,
      vs,
      ra('istio-system', 'jwt', { jwtRules: [{ issuer: ISS, forwardOriginalToken: true }] }),
      backendNeedsToken,
    ];
    expect((await one(forwarded, external({ token: 'valid' }))).status).toBe('200');
  });
});

describe('invalid probes and requests', () => {
  it('an unknown source or destination → invalid', async () => {
    const [a, b] = await run(
      [],
      [
        { from: 'foo/nobody', to: 'foo/httpbin', port: 8000 },
        { from: 'foo/sleep', to: 'foo/nobody', port: 8000 },
      ],
    );
    expect(a && outcome(a)).toMatchObject({ status: 'invalid', verdict: 'invalid' });
    expect(b && outcome(b)).toMatchObject({ status: 'invalid', verdict: 'invalid' });
  });

  it('a port the Service does not have → invalid', async () => {
    expect((await one([], { from: 'foo/sleep', to: 'foo/httpbin', port: 1234 })).verdict).toBe('invalid');
  });

  it('a pod port the workload does not listen on → invalid', async () => {
    expect(
      (await one([], { from: 'foo/sleep', to: 'foo/httpbin', port: 1234, address: 'podIP' })).verdict,
    ).toBe('invalid');
  });

  it('an undefined token → invalid', async () => {
    expect((await one([], toHttpbin({ token: 'nope' }))).verdict).toBe('invalid');
  });

  it('§A4 normalization: a path with %00 gets 400', async () => {
    expect((await one([], toHttpbin({ path: '/a%00b' }))).status).toBe('400');
  });
});

describe('refused resources (engine)', () => {
  it('Z5: a DENY without rules is refused by validation, reported, and not enforced', async () => {
    const engine = await compiledOf(workspace(mesh, [ap('foo', 'deny-nothing', { action: 'DENY' })], probes));
    expect(engine.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const [r] = runProbes(engine, [toHttpbin()]);
    expect(r?.status).toBe('200');
  });
});

describe('expect', () => {
  it('docs/workspace-format.md: expect may name a status or a verdict; pass says whether it holds', async () => {
    const [status, verdict, wrong, none] = await run(
      [],
      [
        { ...toHttpbin(), expect: '200' },
        { ...toHttpbin(), expect: 'allowed' },
        { ...toHttpbin(), expect: '403' },
        toHttpbin(),
      ],
    );
    expect([status?.pass, verdict?.pass, wrong?.pass, none?.pass]).toEqual([true, true, false, null]);
  });
});

/**
 * istio.io task "JWT claim based routing": the claims come from the gateway's jwt_authn, so the
 * route needs a RequestAuthentication on the gateway (istioctl analyze warns IST0149 without one);
 * a presented token nobody validates routes nowhere.
 */
describe('routing on JWT claims (two hops)', () => {
  const gateway = resource('Gateway', 'foo', 'gw', {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
  });
  const vs = resource('VirtualService', 'foo', 'httpbin', {
    hosts: ['*'],
    gateways: ['gw'],
    http: [
      {
        match: [{ headers: { '@request.auth.claims.sub': { exact: ISS } } }],
        route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }],
      },
    ],
  });
  const atGateway = ra('istio-system', 'ingress-jwt', {
    selector: { matchLabels: { istio: 'ingressgateway' } },
    jwtRules: [{ issuer: ISS }],
  });
  const atBackend = ra('foo', 'httpbin-jwt', {
    selector: { matchLabels: { app: 'httpbin' } },
    jwtRules: [{ issuer: ISS, forwardOriginalToken: true }],
  });
  const external = (token?: string): ProbeSpec => ({
    from: 'external',
    to: 'istio-system/istio-ingressgateway',
    port: 80,
    request: token === undefined ? {} : { token },
  });

  it('routes on the claims the gateway validated', async () => {
    expect((await one([gateway, vs, atGateway], external('valid'))).status).toBe('200');
    expect((await one([gateway, vs, atGateway], external())).status).toBe('404');
  });

  it('without a RequestAuthentication at the gateway there are no claims: 404, even with a token', async () => {
    expect((await one([gateway, vs], external('valid'))).status).toBe('404');
    // A RequestAuthentication on the backend only does not help: routing happens at the gateway.
    expect((await one([gateway, vs, atBackend], external('valid'))).status).toBe('404');
  });
});

/**
 * Values Istio accepts and Envoy refuses, or rewrites: a path template with `=` in a literal
 * (Envoy uri_template kLiteral has no `=`) never matches, and the trace says so; an IPv6 zone is
 * dropped by Istio (netip.PrefixFrom), so the address matches.
 */
describe('values Istio accepts and Envoy refuses', () => {
  it('a DENY on an unsupported path template never matches; the trace names the value', async () => {
    const deny = ap('foo', 'deny-template', {
      action: 'DENY',
      rules: [{ to: [{ operation: { paths: ['/a=b/{*}'] } }] }],
    });
    const r = await one([deny], toHttpbin({ path: '/a=b/x' }));
    expect(r.status).toBe('200');
    expect(r.trace.some((s) => s.stage === 'deny' && s.message.includes('the rule can never match'))).toBe(
      true,
    );
  });

  it('a DENY on an IPv6 address with a zone matches the address', async () => {
    const deny = ap('foo', 'deny-zone', {
      action: 'DENY',
      rules: [{ from: [{ source: { remoteIpBlocks: ['fe80::1%eth0'] } }] }],
    });
    const spec = (sourceIp: string): ProbeSpec => ({
      from: 'external',
      to: 'foo/httpbin',
      port: 8000,
      request: { sourceIp },
    });
    expect((await one([deny], spec('fe80::1'))).status).toBe('403');
    expect((await one([deny], spec('fe80::2'))).status).toBe('200');
  });
});

describe('gateway routing sees the query string of the probe path', () => {
  it('a VirtualService queryParams match routes /get?version=v2 and not /get', async () => {
    const gateway = resource('Gateway', 'foo', 'gw', {
      selector: { istio: 'ingressgateway' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
    });
    const vs = resource('VirtualService', 'foo', 'httpbin', {
      hosts: ['*'],
      gateways: ['gw'],
      http: [
        {
          match: [{ queryParams: { version: { exact: 'v2' } } }],
          route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }],
        },
      ],
    });
    const external = (path: string): ProbeSpec => ({
      from: 'external',
      to: 'istio-system/istio-ingressgateway',
      port: 80,
      request: { path },
    });
    expect((await one([gateway, vs], external('/get?version=v2'))).status).toBe('200');
    expect((await one([gateway, vs], external('/get'))).status).toBe('404');
    expect((await one([gateway, vs], external('/get?version=v1'))).status).toBe('404');
  });
});
