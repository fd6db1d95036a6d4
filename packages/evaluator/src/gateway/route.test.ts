/**
 * Routing at ingress gateways: Istio Gateway + VirtualService, and Gateway API Gateway + HTTPRoute.
 * Expected routes follow the Istio networking API (Gateway.servers, VirtualService http match
 * semantics) and the Gateway API HTTPRoute spec (PathPrefix is element-wise), as the golden
 * gateway workspaces of seeds/ use them.
 */
import { describe, expect, it } from 'vitest';
import {
  engineOf,
  gatewayApi,
  httpbin,
  resource,
  workloadOf,
  workspace,
  type Doc,
} from '../pipeline/testing';
import type { MeshSpec } from '../types';
import { queryParam, routeAtGateway, type GatewayRequest, type RouteResult } from './route';

const mesh: MeshSpec = {
  namespaces: [{ name: 'istio-system' }, { name: 'foo' }, { name: 'bar' }],
  workloads: [
    {
      name: 'istio-ingressgateway',
      namespace: 'istio-system',
      gateway: true,
      labels: { istio: 'ingressgateway' },
      ports: [
        { name: 'http2', port: 80, targetPort: 8080 },
        { name: 'https', port: 443, targetPort: 8443 },
      ],
    },
    {
      name: 'web-istio',
      namespace: 'foo',
      gateway: true,
      labels: { 'gateway.networking.k8s.io/gateway-name': 'web' },
      ports: [
        { name: 'http', port: 80 },
        { name: 'http-alt', port: 8080 },
      ],
    },
    httpbin('foo'),
    { name: 'reviews', namespace: 'foo', labels: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] },
    {
      name: 'multi',
      namespace: 'bar',
      ports: [
        { name: 'http', port: 80 },
        { name: 'http-admin', port: 81 },
      ],
    },
  ],
};

const gw = (
  namespace: string,
  name: string,
  servers: unknown[],
  selector: Record<string, string> = { istio: 'ingressgateway' },
): Doc => resource('Gateway', namespace, name, { selector, servers });
const vs = (namespace: string, name: string, spec: Record<string, unknown>): Doc =>
  resource('VirtualService', namespace, name, spec);
const httpServer = (hosts: string[], port = 80) => ({
  port: { number: port, name: 'http', protocol: 'HTTP' },
  hosts,
});

function route(
  docs: Doc[],
  over: Partial<GatewayRequest> = {},
  gatewayKey = 'istio-system/istio-ingressgateway',
): RouteResult {
  const engine = engineOf(workspace(mesh, docs));
  const req: GatewayRequest = {
    method: 'GET',
    path: '/',
    host: 'httpbin.example.com',
    headers: {},
    port: 80,
    targetPort: 8080,
    ...over,
  };
  return routeAtGateway(engine.resources, engine.mesh, workloadOf(engine, gatewayKey), req);
}

/** `<backend key>:<port>`, or the kind when nothing is routed. */
function target(r: RouteResult): string {
  return r.kind === 'route'
    ? `${r.target.backend.key}:${r.target.port}`
    : r.kind === 'direct'
      ? `direct ${r.status}`
      : 'none';
}

describe('Istio Gateway + VirtualService', () => {
  const gateway = gw('foo', 'httpbin-gateway', [httpServer(['*'])]);
  const toHttpbin = { route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }] };

  it('a VirtualService bound by the short gateway name in its namespace routes', () => {
    expect(
      target(
        route([
          gateway,
          vs('foo', 'httpbin', { hosts: ['*'], gateways: ['httpbin-gateway'], http: [toHttpbin] }),
        ]),
      ),
    ).toBe('foo/httpbin:8000');
  });

  it('a VirtualService in another namespace binds with ns/name; its short name means its own namespace', () => {
    const full = {
      route: [{ destination: { host: 'httpbin.foo.svc.cluster.local', port: { number: 8000 } } }],
    };
    expect(
      target(
        route([gateway, vs('bar', 'r', { hosts: ['*'], gateways: ['foo/httpbin-gateway'], http: [full] })]),
      ),
    ).toBe('foo/httpbin:8000');
    expect(
      target(route([gateway, vs('bar', 'r', { hosts: ['*'], gateways: ['httpbin-gateway'], http: [full] })])),
    ).toBe('none');
  });

  it('no Gateway selecting the gateway workload, or none for the port → none', () => {
    const other = gw('foo', 'httpbin-gateway', [httpServer(['*'])], { istio: 'egressgateway' });
    expect(
      target(
        route([
          other,
          vs('foo', 'httpbin', { hosts: ['*'], gateways: ['httpbin-gateway'], http: [toHttpbin] }),
        ]),
      ),
    ).toBe('none');
    const port443 = gw('foo', 'httpbin-gateway', [httpServer(['*'], 443)]);
    expect(
      target(
        route([
          port443,
          vs('foo', 'httpbin', { hosts: ['*'], gateways: ['httpbin-gateway'], http: [toHttpbin] }),
        ]),
      ),
    ).toBe('none');
  });

  it('Gateway server and VirtualService hosts must cover the request host (port ignored, case-insensitive)', () => {
    const docs = [
      gw('foo', 'g', [httpServer(['*.example.com'])]),
      vs('foo', 'v', { hosts: ['httpbin.example.com'], gateways: ['g'], http: [toHttpbin] }),
    ];
    expect(target(route(docs, { host: 'HTTPBIN.example.com:80' }))).toBe('foo/httpbin:8000');
    expect(target(route(docs, { host: 'other.example.com' }))).toBe('none');
    expect(target(route(docs, { host: 'httpbin.example.org' }))).toBe('none');
  });

  it('uri exact / prefix / regex, in route order', () => {
    const docs = [
      gateway,
      vs('foo', 'v', {
        hosts: ['*'],
        gateways: ['httpbin-gateway'],
        http: [
          {
            match: [{ uri: { exact: '/reviews' } }],
            route: [{ destination: { host: 'reviews', port: { number: 9080 } } }],
          },
          {
            match: [{ uri: { regex: '/api/v[0-9]+/.*' } }],
            route: [{ destination: { host: 'reviews', port: { number: 9080 } } }],
          },
          { match: [{ uri: { prefix: '/status' } }], ...toHttpbin },
        ],
      }),
    ];
    expect(target(route(docs, { path: '/reviews' }))).toBe('foo/reviews:9080');
    expect(target(route(docs, { path: '/reviews/1' }))).toBe('none');
    expect(target(route(docs, { path: '/api/v2/x' }))).toBe('foo/reviews:9080');
    expect(target(route(docs, { path: '/api/vx/x' }))).toBe('none');
    expect(target(route(docs, { path: '/status/200' }))).toBe('foo/httpbin:8000');
    expect(target(route(docs, { path: '/statusx' }))).toBe('foo/httpbin:8000');
  });

  it('headers (name case-insensitive), method and port matches; matches within a route are OR-ed', () => {
    const docs = [
      gateway,
      vs('foo', 'v', {
        hosts: ['*'],
        gateways: ['httpbin-gateway'],
        http: [
          {
            match: [{ headers: { 'End-User': { exact: 'jason' } } }, { method: { exact: 'POST' } }],
            route: [{ destination: { host: 'reviews', port: { number: 9080 } } }],
          },
          { match: [{ port: 80 }], ...toHttpbin },
        ],
      }),
    ];
    expect(target(route(docs, { headers: { 'end-user': 'jason' } }))).toBe('foo/reviews:9080');
    expect(target(route(docs, { method: 'POST' }))).toBe('foo/reviews:9080');
    expect(target(route(docs, { headers: { 'end-user': 'other' } }))).toBe('foo/httpbin:8000');
  });

  it('weighted destinations (playground decision, one probe = one request): attributed to the heaviest one', () => {
    const docs = [
      gateway,
      vs('foo', 'v', {
        hosts: ['*'],
        gateways: ['httpbin-gateway'],
        http: [
          {
            route: [
              { destination: { host: 'httpbin', port: { number: 8000 } }, weight: 10 },
              { destination: { host: 'reviews', port: { number: 9080 } }, weight: 90 },
            ],
          },
        ],
      }),
    ];
    expect(target(route(docs))).toBe('foo/reviews:9080');
  });

  it('a destination without port uses the only Service port; with several ports it needs one', () => {
    const one = [
      gateway,
      vs('foo', 'v', {
        hosts: ['*'],
        gateways: ['httpbin-gateway'],
        http: [{ route: [{ destination: { host: 'httpbin' } }] }],
      }),
    ];
    expect(target(route(one))).toBe('foo/httpbin:8000');
    const many = [
      gateway,
      vs('foo', 'v', {
        hosts: ['*'],
        gateways: ['httpbin-gateway'],
        http: [{ route: [{ destination: { host: 'multi.bar.svc.cluster.local' } }] }],
      }),
    ];
    expect(target(route(many))).toBe('none');
  });

  it('a destination that is not a Service of the mesh → none', () => {
    const docs = [
      gateway,
      vs('foo', 'v', {
        hosts: ['*'],
        gateways: ['httpbin-gateway'],
        http: [{ route: [{ destination: { host: 'nothere', port: { number: 80 } } }] }],
      }),
    ];
    expect(target(route(docs))).toBe('none');
  });

  it('directResponse answers at the gateway', () => {
    const docs = [
      gateway,
      vs('foo', 'v', {
        hosts: ['*'],
        gateways: ['httpbin-gateway'],
        http: [{ directResponse: { status: 418 } }],
      }),
    ];
    expect(target(route(docs))).toBe('direct 418');
  });

  it('a VirtualService not bound to the gateway (mesh only) does not route', () => {
    expect(target(route([gateway, vs('foo', 'v', { hosts: ['*'], http: [toHttpbin] })]))).toBe('none');
  });
});

describe('Gateway API Gateway + HTTPRoute', () => {
  const listeners = [
    { name: 'http', port: 80, protocol: 'HTTP' },
    { name: 'alt', port: 8080, protocol: 'HTTP', hostname: '*.example.com' },
  ];
  const gateway = gatewayApi('Gateway', 'foo', 'web', { gatewayClassName: 'istio', listeners });
  const httpRoute = (spec: Record<string, unknown>, ns = 'foo', name = 'r') =>
    gatewayApi('HTTPRoute', ns, name, { parentRefs: [{ name: 'web' }], ...spec });
  const toHttpbin = { backendRefs: [{ name: 'httpbin', port: 8000 }] };
  const at = (docs: Doc[], over: Partial<GatewayRequest> = {}) =>
    target(route(docs, { targetPort: over.port ?? 80, ...over }, 'foo/web-istio'));

  it('an attached HTTPRoute without matches routes everything on the listener', () => {
    expect(at([gateway, httpRoute({ rules: [toHttpbin] })])).toBe('foo/httpbin:8000');
  });

  it('no listener on the port, or a listener hostname that does not cover the host → none', () => {
    const docs = [gateway, httpRoute({ rules: [toHttpbin] })];
    expect(at(docs, { port: 9999 })).toBe('none');
    expect(at(docs, { port: 8080, host: 'a.example.com' })).toBe('foo/httpbin:8000');
    expect(at(docs, { port: 8080, host: 'a.example.org' })).toBe('none');
  });

  it('sectionName attaches to that listener only', () => {
    const docs = [
      gateway,
      gatewayApi('HTTPRoute', 'foo', 'r', {
        parentRefs: [{ name: 'web', sectionName: 'alt' }],
        rules: [toHttpbin],
      }),
    ];
    expect(at(docs, { port: 8080, host: 'a.example.com' })).toBe('foo/httpbin:8000');
    expect(at(docs, { port: 80 })).toBe('none');
  });

  it('parentRefs.port attaches to the listeners on that port only', () => {
    const docs = [
      gateway,
      gatewayApi('HTTPRoute', 'foo', 'r', { parentRefs: [{ name: 'web', port: 8080 }], rules: [toHttpbin] }),
    ];
    expect(at(docs, { port: 8080, host: 'a.example.com' })).toBe('foo/httpbin:8000');
    expect(at(docs, { port: 80 })).toBe('none');
  });

  it('an HTTPRoute with parentRefs to another Gateway does not attach', () => {
    expect(
      at([
        gateway,
        gatewayApi('HTTPRoute', 'foo', 'r', { parentRefs: [{ name: 'other' }], rules: [toHttpbin] }),
      ]),
    ).toBe('none');
  });

  it('hostnames filter the request host', () => {
    const docs = [gateway, httpRoute({ hostnames: ['httpbin.example.com'], rules: [toHttpbin] })];
    expect(at(docs, { host: 'httpbin.example.com' })).toBe('foo/httpbin:8000');
    expect(at(docs, { host: 'other.example.com' })).toBe('none');
  });

  it('PathPrefix is element-wise: /foo matches /foo and /foo/bar, not /foobar', () => {
    const docs = [
      gateway,
      httpRoute({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/foo' } }], ...toHttpbin }] }),
    ];
    expect(at(docs, { path: '/foo' })).toBe('foo/httpbin:8000');
    expect(at(docs, { path: '/foo/bar' })).toBe('foo/httpbin:8000');
    expect(at(docs, { path: '/foobar' })).toBe('none');
  });

  it('PathPrefix with a trailing slash behaves the same; / matches everything', () => {
    const trailing = [
      gateway,
      httpRoute({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/foo/' } }], ...toHttpbin }] }),
    ];
    expect(at(trailing, { path: '/foo' })).toBe('foo/httpbin:8000');
    expect(at(trailing, { path: '/foobar' })).toBe('none');
    const root = [
      gateway,
      httpRoute({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], ...toHttpbin }] }),
    ];
    expect(at(root, { path: '/anything/else' })).toBe('foo/httpbin:8000');
  });

  it('Exact path', () => {
    const docs = [
      gateway,
      httpRoute({ rules: [{ matches: [{ path: { type: 'Exact', value: '/headers' } }], ...toHttpbin }] }),
    ];
    expect(at(docs, { path: '/headers' })).toBe('foo/httpbin:8000');
    expect(at(docs, { path: '/headers/x' })).toBe('none');
  });

  it('header matches (exact and RegularExpression) and method', () => {
    const docs = [
      gateway,
      httpRoute({
        rules: [
          {
            matches: [{ headers: [{ name: 'X-Env', value: 'canary' }] }],
            backendRefs: [{ name: 'reviews', port: 9080 }],
          },
          {
            matches: [{ headers: [{ type: 'RegularExpression', name: 'x-user', value: 'ja.*' }] }],
            backendRefs: [{ name: 'reviews', port: 9080 }],
          },
          { matches: [{ method: 'POST' }], ...toHttpbin },
        ],
      }),
    ];
    expect(at(docs, { headers: { 'x-env': 'canary' } })).toBe('foo/reviews:9080');
    expect(at(docs, { headers: { 'x-user': 'jason' } })).toBe('foo/reviews:9080');
    expect(at(docs, { method: 'POST' })).toBe('foo/httpbin:8000');
    expect(at(docs, { headers: { 'x-env': 'prod' } })).toBe('none');
  });

  it('a RegularExpression header match needs the header to be present (.* does not match an absent header)', () => {
    const docs = [
      gateway,
      httpRoute({
        rules: [
          {
            matches: [{ headers: [{ type: 'RegularExpression', name: 'x-user', value: '.*' }] }],
            ...toHttpbin,
          },
        ],
      }),
    ];
    expect(at(docs, { headers: { 'x-user': '' } })).toBe('foo/httpbin:8000');
    expect(at(docs)).toBe('none');
  });

  it('Gateway API HTTPRouteRule.backendRefs: no backendRefs, or a backend that is not a Service → 500', () => {
    expect(
      at([gateway, httpRoute({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }] })]),
    ).toBe('direct 500');
    expect(at([gateway, httpRoute({ rules: [{ backendRefs: [{ name: 'nothere', port: 80 }] }] })])).toBe(
      'direct 500',
    );
  });

  it('no HTTPRoute at all → none', () => {
    expect(at([gateway])).toBe('none');
  });
});

/**
 * Regex matches run on RE2 as Envoy's `safe_regex` does (Envoy `common/regex.cc`, Google RE2):
 * linear time, RE2 syntax (`(?i)`, POSIX classes), and a full match of the whole value.
 */
describe('regex matches use RE2 semantics', () => {
  const gateway = gw('foo', 'httpbin-gateway', [httpServer(['*'])]);
  const toHttpbin = { route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }] };
  const viaVs = (match: Record<string, unknown>, over: Partial<GatewayRequest>) =>
    target(
      route(
        [
          gateway,
          vs('foo', 'v', {
            hosts: ['*'],
            gateways: ['httpbin-gateway'],
            http: [{ match: [match], ...toHttpbin }],
          }),
        ],
        over,
      ),
    );
  const evil = `/${'a'.repeat(48)}!`;

  it('(a+)+$ against a long run of a followed by ! returns at once, unmatched (no backtracking)', () => {
    expect(viaVs({ uri: { regex: '/(a+)+$' } }, { path: evil })).toBe('none');
    expect(viaVs({ uri: { regex: '/(a+)+$' } }, { path: `/${'a'.repeat(48)}` })).toBe('foo/httpbin:8000');
    expect(
      viaVs(
        { headers: { 'x-evil': { regex: '(a|aa)+$' } } },
        { headers: { 'x-evil': `${'a'.repeat(60)}!` } },
      ),
    ).toBe('none');
  });

  it('understands (?i) and POSIX classes such as [[:digit:]]', () => {
    expect(viaVs({ uri: { regex: '(?i)/API/.*' } }, { path: '/api/x' })).toBe('foo/httpbin:8000');
    expect(viaVs({ uri: { regex: '/v[[:digit:]]+' } }, { path: '/v12' })).toBe('foo/httpbin:8000');
    expect(viaVs({ uri: { regex: '/v[[:digit:]]+' } }, { path: '/vx' })).toBe('none');
  });

  it('is a full match: a regex matching only part of the value does not match', () => {
    expect(viaVs({ uri: { regex: '/api' } }, { path: '/api/x' })).toBe('none');
    expect(viaVs({ uri: { regex: 'a|/api/x' } }, { path: '/api/x' })).toBe('foo/httpbin:8000');
  });

  it('a backreference or lookaround never matches', () => {
    expect(viaVs({ uri: { regex: '/(a)\\1' } }, { path: '/aa' })).toBe('none');
    expect(viaVs({ uri: { regex: '/a(?=b).*' } }, { path: '/ab' })).toBe('none');
  });

  it('HTTPRoute RegularExpression path and header matches run on RE2 too', () => {
    const web = gatewayApi('Gateway', 'foo', 'web', {
      gatewayClassName: 'istio',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
    });
    const viaRoute = (match: Record<string, unknown>, over: Partial<GatewayRequest>) =>
      target(
        route(
          [
            web,
            gatewayApi('HTTPRoute', 'foo', 'r', {
              parentRefs: [{ name: 'web' }],
              rules: [{ matches: [match], backendRefs: [{ name: 'httpbin', port: 8000 }] }],
            }),
          ],
          { targetPort: 80, ...over },
          'foo/web-istio',
        ),
      );
    expect(viaRoute({ path: { type: 'RegularExpression', value: '/(a+)+$' } }, { path: evil })).toBe('none');
    expect(viaRoute({ path: { type: 'RegularExpression', value: '(?i)/API' } }, { path: '/api' })).toBe(
      'foo/httpbin:8000',
    );
    expect(
      viaRoute(
        { headers: [{ type: 'RegularExpression', name: 'x-n', value: '[[:digit:]]+' }] },
        { headers: { 'x-n': '42' } },
      ),
    ).toBe('foo/httpbin:8000');
    expect(viaRoute({ path: { type: 'PathPrefix', value: `/${'/'.repeat(100000)}x` } }, { path: '/' })).toBe(
      'none',
    );
  });
});

/**
 * JWT claim routing (istio.io task "JWT claim based routing"; istio/istio route.go
 * `TranslateRouteMatch`: `@request.auth.claims…` names under `headers` become metadata matchers,
 * under `withoutHeaders` inverted ones). The claims are those the gateway's jwt_authn validated.
 */
describe('routing on JWT claims', () => {
  const gateway = gw('foo', 'httpbin-gateway', [httpServer(['*'])]);
  const byClaims = (headers: Record<string, unknown>, field: 'headers' | 'withoutHeaders' = 'headers') =>
    vs('foo', 'httpbin', {
      hosts: ['*'],
      gateways: ['httpbin-gateway'],
      http: [
        {
          match: [{ uri: { prefix: '/headers' }, [field]: headers }],
          route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }],
        },
      ],
    });
  const groups = { iss: 'testing@secure.istio.io', groups: ['group1', 'group2'] };
  const at = (doc: Doc, claims: Record<string, unknown> | null, over: Partial<GatewayRequest> = {}) =>
    target(route([gateway, doc], { path: '/headers', claims, ...over }));

  it('the task: groups exact group1 routes a token with groups [group1, group2]; no token, no route', () => {
    const doc = byClaims({ '@request.auth.claims.groups': { exact: 'group1' } });
    expect(at(doc, groups)).toBe('foo/httpbin:8000');
    expect(at(doc, null)).toBe('none');
    expect(at(doc, { iss: 'testing@secure.istio.io', foo: 'bar' })).toBe('none');
  });

  it('a request header with the reserved name does not stand in for the claim', () => {
    const doc = byClaims({ '@request.auth.claims.groups': { exact: 'group1' } });
    expect(at(doc, null, { headers: { '@request.auth.claims.groups': 'group1' } })).toBe('none');
  });

  it('nested claims with `.` and bracketed names', () => {
    const claims = { name: { givenName: 'Ada' }, 'team.id': 'core' };
    expect(at(byClaims({ '@request.auth.claims.name.givenName': { exact: 'Ada' } }), claims)).toBe(
      'foo/httpbin:8000',
    );
    expect(at(byClaims({ '@request.auth.claims[name][givenName]': { prefix: 'A' } }), claims)).toBe(
      'foo/httpbin:8000',
    );
    expect(at(byClaims({ '@request.auth.claims[team.id]': { regex: 'c.*' } }), claims)).toBe(
      'foo/httpbin:8000',
    );
    expect(at(byClaims({ '@request.auth.claims.team.id': { exact: 'core' } }), claims)).toBe('none');
  });

  it('withoutHeaders inverts the claim matcher: a missing claim or no token matches', () => {
    const doc = byClaims({ '@request.auth.claims.groups': { exact: 'group1' } }, 'withoutHeaders');
    expect(at(doc, groups)).toBe('none');
    expect(at(doc, { groups: ['group3'] })).toBe('foo/httpbin:8000');
    expect(at(doc, null)).toBe('foo/httpbin:8000');
  });

  it('Istio refuses claim routes on a VirtualService that applies to no gateway', () => {
    const meshOnly = (gateways: string[]) => {
      const engine = engineOf(
        workspace(mesh, [
          vs('foo', 'httpbin', {
            hosts: ['httpbin'],
            gateways,
            http: [
              {
                match: [{ headers: { '@request.auth.claims.groups': { exact: 'group1' } } }],
                route: [{ destination: { host: 'httpbin' } }],
              },
            ],
          }),
        ]),
      );
      return engine.diagnostics.filter((d) => d.code === 'vs.jwt-claim-route-mesh').length;
    };
    expect(meshOnly([])).toBe(1);
    expect(meshOnly(['mesh'])).toBe(1);
    expect(meshOnly(['mesh', 'foo/httpbin-gateway'])).toBe(0);
  });
});

/**
 * Every HTTPMatchRequest field the gateway hop evaluates, as Istio's API reference
 * (networking/v1 VirtualService HTTPMatchRequest) describes it and istio/istio
 * pilot/pkg/networking/core/route/route.go translates it: `uri` (exact/prefix/regex;
 * `ignoreUriCase` folds exact and prefix only), `method`, `authority`, `scheme`, `headers` and
 * `queryParams` (`{}` or regex `*` = presence), `withoutHeaders` (inverted, missing header treated
 * as empty), `port` (the gateway server port), `gateways`, `sourceLabels`, `sourceNamespace`.
 */
describe('VirtualService match fields at a gateway', () => {
  const gateway = gw('foo', 'httpbin-gateway', [httpServer(['*'])]);
  const viaMatch = (match: Record<string, unknown>, over: Partial<GatewayRequest> = {}) =>
    target(
      route(
        [
          gateway,
          vs('foo', 'v', {
            hosts: ['*'],
            gateways: ['httpbin-gateway'],
            http: [{ match: [match], route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }] }],
          }),
        ],
        over,
      ),
    );
  const HIT = 'foo/httpbin:8000';

  it('uri exact / prefix / regex; a prefix is a plain string prefix on a VirtualService', () => {
    expect(viaMatch({ uri: { exact: '/status' } }, { path: '/status' })).toBe(HIT);
    expect(viaMatch({ uri: { exact: '/status' } }, { path: '/status/200' })).toBe('none');
    expect(viaMatch({ uri: { prefix: '/sta' } }, { path: '/status' })).toBe(HIT);
    expect(viaMatch({ uri: { prefix: '/status' } }, { path: '/Status' })).toBe('none');
    expect(viaMatch({ uri: { regex: '/status/[0-9]+' } }, { path: '/status/418' })).toBe(HIT);
  });

  it('ignoreUriCase folds exact and prefix, not regex (Envoy case_sensitive)', () => {
    expect(viaMatch({ uri: { exact: '/Status' }, ignoreUriCase: true }, { path: '/sTATUS' })).toBe(HIT);
    expect(viaMatch({ uri: { prefix: '/API' }, ignoreUriCase: true }, { path: '/api/x' })).toBe(HIT);
    expect(viaMatch({ uri: { regex: '/API' }, ignoreUriCase: true }, { path: '/api' })).toBe('none');
  });

  it('method, authority and scheme are matched as pseudo-headers', () => {
    expect(viaMatch({ method: { exact: 'POST' } }, { method: 'POST' })).toBe(HIT);
    expect(viaMatch({ method: { exact: 'POST' } }, { method: 'GET' })).toBe('none');
    expect(viaMatch({ authority: { prefix: 'httpbin.' } }, { host: 'httpbin.example.com' })).toBe(HIT);
    expect(viaMatch({ authority: { exact: 'other.example.com' } })).toBe('none');
    expect(viaMatch({ scheme: { exact: 'http' } })).toBe(HIT);
    expect(viaMatch({ scheme: { exact: 'https' } })).toBe('none');
  });

  it('headers: exact, prefix, regex; {} and regex * test presence; absent never matches', () => {
    const h = { headers: { 'x-version': 'v2-beta' } };
    expect(viaMatch({ headers: { 'X-Version': { exact: 'v2-beta' } } }, h)).toBe(HIT);
    expect(viaMatch({ headers: { 'x-version': { prefix: 'v2' } } }, h)).toBe(HIT);
    expect(viaMatch({ headers: { 'x-version': { regex: 'v[0-9]-.*' } } }, h)).toBe(HIT);
    expect(viaMatch({ headers: { 'x-version': {} } }, h)).toBe(HIT);
    expect(viaMatch({ headers: { 'x-version': {} } })).toBe('none');
    // Istio's validation compiles a header regex with Go regexp: `*` is refused, and so is the VirtualService.
    expect(viaMatch({ headers: { 'x-version': { regex: '*' } } }, h)).toBe('none');
  });

  it('withoutHeaders: inverted; a missing header is compared as empty, a presence match inverted', () => {
    expect(viaMatch({ withoutHeaders: { 'x-debug': { exact: '1' } } })).toBe(HIT);
    expect(viaMatch({ withoutHeaders: { 'x-debug': { exact: '1' } } }, { headers: { 'x-debug': '1' } })).toBe(
      'none',
    );
    expect(viaMatch({ withoutHeaders: { 'x-debug': {} } })).toBe(HIT);
    expect(viaMatch({ withoutHeaders: { 'x-debug': {} } }, { headers: { 'x-debug': '' } })).toBe('none');
    expect(viaMatch({ withoutHeaders: { 'x-debug': { regex: '.*' } } })).toBe('none');
    // Under withoutHeaders the regex `*` is a presence match (route.go canBeConvertedToPresentMatch).
    expect(viaMatch({ withoutHeaders: { 'x-debug': { regex: '*' } } })).toBe(HIT);
    expect(viaMatch({ withoutHeaders: { 'x-debug': { regex: '*' } } }, { headers: { 'x-debug': 'x' } })).toBe(
      'none',
    );
  });

  it('queryParams: the first value, decoded; `?key` has the empty value; {} tests presence', () => {
    expect(viaMatch({ queryParams: { key: { exact: 'true' } } }, { query: 'a=1&key=true' })).toBe(HIT);
    expect(viaMatch({ queryParams: { key: { exact: 'true' } } }, { query: 'key=false&key=true' })).toBe(
      'none',
    );
    expect(viaMatch({ queryParams: { key: { exact: '' } } }, { query: 'key' })).toBe(HIT);
    expect(viaMatch({ queryParams: { key: { exact: 'a b' } } }, { query: 'key=a%20b' })).toBe(HIT);
    expect(viaMatch({ queryParams: { key: { regex: 'v[0-9]' } } }, { query: 'key=v1' })).toBe(HIT);
    expect(viaMatch({ queryParams: { key: {} } }, { query: 'other=1' })).toBe('none');
    expect(viaMatch({ queryParams: { key: {} } })).toBe('none');
  });

  it('port is the gateway server port the request arrived on', () => {
    expect(viaMatch({ port: 80 })).toBe(HIT);
    expect(viaMatch({ port: 443 })).toBe('none');
  });

  it('gateways limit the match to those gateways; sourceLabels/sourceNamespace test the gateway workload', () => {
    expect(viaMatch({ gateways: ['httpbin-gateway'] })).toBe(HIT);
    expect(viaMatch({ gateways: ['foo/httpbin-gateway'] })).toBe(HIT);
    expect(viaMatch({ gateways: ['mesh'] })).toBe('none');
    expect(viaMatch({ sourceLabels: { istio: 'ingressgateway' } })).toBe(HIT);
    expect(viaMatch({ sourceLabels: { app: 'sleep' } })).toBe('none');
    expect(viaMatch({ sourceNamespace: 'istio-system' })).toBe(HIT);
    expect(viaMatch({ sourceNamespace: 'foo' })).toBe('none');
    // A match's gateways override its sourceLabels (route.go sourceMatchHTTP).
    expect(viaMatch({ gateways: ['httpbin-gateway'], sourceLabels: { app: 'sleep' } })).toBe(HIT);
  });

  it('Istio validation: {} is valid; an empty prefix is refused except under uri; regex * only under withoutHeaders', () => {
    const diagnostics = (match: Record<string, unknown>) =>
      engineOf(
        workspace(mesh, [
          vs('foo', 'v', {
            hosts: ['*'],
            gateways: ['foo/httpbin-gateway'],
            http: [{ match: [match], route: [{ destination: { host: 'httpbin' } }] }],
          }),
        ]),
      )
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => d.code);
    expect(diagnostics({ headers: { 'x-a': {} } })).toEqual([]);
    expect(diagnostics({ uri: { prefix: '' } })).toEqual([]);
    expect(diagnostics({ headers: { 'x-a': { prefix: '' } } })).toEqual(['vs.string-match']);
    expect(diagnostics({ queryParams: { a: { regex: '' } } })).toEqual(['vs.string-match']);
    expect(diagnostics({ withoutHeaders: { 'x-a': { regex: '*' } } })).toEqual([]);
    expect(diagnostics({ headers: { 'x-a': { regex: '*' } } })).toEqual(['regex.unsupported']);
  });
});

/** Gateway API HTTPQueryParamMatch: Exact (default) or RegularExpression on the first value. */
describe('HTTPRoute queryParams', () => {
  const web = gatewayApi('Gateway', 'foo', 'web', {
    gatewayClassName: 'istio',
    listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
  });
  const viaRoute = (match: Record<string, unknown>, over: Partial<GatewayRequest>) =>
    target(
      route(
        [
          web,
          gatewayApi('HTTPRoute', 'foo', 'r', {
            parentRefs: [{ name: 'web' }],
            rules: [{ matches: [match], backendRefs: [{ name: 'httpbin', port: 8000 }] }],
          }),
        ],
        { targetPort: 80, ...over },
        'foo/web-istio',
      ),
    );

  it('matches the first value exactly or by RE2 regex; absent never matches', () => {
    expect(viaRoute({ queryParams: [{ name: 'v', value: '2' }] }, { query: 'v=2' })).toBe('foo/httpbin:8000');
    expect(viaRoute({ queryParams: [{ name: 'v', value: '2' }] }, { query: 'V=2' })).toBe('none');
    expect(
      viaRoute(
        { queryParams: [{ type: 'RegularExpression', name: 'v', value: '[0-9]+' }] },
        { query: 'v=10' },
      ),
    ).toBe('foo/httpbin:8000');
    expect(viaRoute({ queryParams: [{ name: 'v', value: '2' }] }, {})).toBe('none');
  });
});

/** Vectors of Envoy's test/common/http/utility_test.cc `parseQueryString` (decoded form). */
describe('queryParam decodes as Envoy parseAndDecodeQueryString', () => {
  it.each([
    ['hello', 'hello', ''],
    ['hello%26', 'hello&', ''],
    ['hello=world', 'hello', 'world'],
    ['hello=&', 'hello', ''],
    ['hello=&hello2=world2', 'hello2', 'world2'],
    ['param_value_has_encoded_ampersand=a%26b', 'param_value_has_encoded_ampersand', 'a&b'],
    ['params_%xy_%%yz=%xy%%yz', 'params_%xy_%%yz', '%xy%%yz'],
    ['a=1&b=2&a=3%264&a=5', 'a', '1'],
  ])('?%s: %s is %j', (query, name, value) => {
    expect(queryParam(query, name)).toBe(value);
  });

  it('absent parameters and empty queries have no value', () => {
    expect(queryParam('', 'hello')).toBeUndefined();
    expect(queryParam(undefined, 'hello')).toBeUndefined();
    expect(queryParam('hello%26', 'hello')).toBeUndefined();
  });
});

/** istioctl analyze IST0149 (jwtclaimroute.go): claim routes at a gateway without RequestAuthentication. */
describe('lint: JWT claim routes need a RequestAuthentication on the gateway', () => {
  const gateway = gw('foo', 'httpbin-gateway', [httpServer(['*'])]);
  const claimVs = vs('foo', 'httpbin', {
    hosts: ['*'],
    gateways: ['httpbin-gateway'],
    http: [
      {
        match: [{ headers: { '@request.auth.claims.groups': { exact: 'group1' } } }],
        route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }],
      },
    ],
  });
  const ra = resource('RequestAuthentication', 'istio-system', 'ingress-jwt', {
    selector: { matchLabels: { istio: 'ingressgateway' } },
    jwtRules: [{ issuer: 'testing@secure.istio.io' }],
  });
  const lints = (docs: Doc[]) =>
    engineOf(workspace(mesh, docs)).diagnostics.filter(
      (d) => d.code === 'lint.jwt-claim-route-without-request-authentication',
    );

  it('warns at the claim key for each gateway workload no RequestAuthentication applies to', () => {
    const found = lints([gateway, claimVs]);
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.message).toContain('istio-system/istio-ingressgateway');
    expect(found[0]?.range).not.toBeNull();
  });

  it('is quiet once a RequestAuthentication applies to the gateway', () => {
    expect(lints([gateway, claimVs, ra])).toEqual([]);
  });
});

/**
 * Which route wins. Gateway API HTTPRouteRule precedence as Istio implements it
 * (pilot/pkg/config/kube/gateway/conversion.go `sortHTTPRoutes`: Exact > PathPrefix > regex, longer
 * path first, then a method, more headers, more query params; a rule without matches last), and
 * Envoy's virtual host choice (the most specific domain: exact, then `*.suffix`, then `*`).
 */
describe('route precedence', () => {
  const web = gatewayApi('Gateway', 'foo', 'web', {
    gatewayClassName: 'istio',
    listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
  });
  const httpRoute = (name: string, spec: Record<string, unknown>) =>
    gatewayApi('HTTPRoute', 'foo', name, { parentRefs: [{ name: 'web' }], ...spec });
  const viaRoutes = (docs: Doc[], over: Partial<GatewayRequest>) =>
    target(route([web, ...docs], { targetPort: 80, ...over }, 'foo/web-istio'));
  const to = (name: string, port: number, matches?: unknown[]) => ({
    ...(matches ? { matches } : {}),
    backendRefs: [{ name, port }],
  });

  it('an Exact path beats a PathPrefix written first; a longer prefix beats a shorter one', () => {
    const r = httpRoute('r', {
      rules: [
        to('reviews', 9080, [{ path: { type: 'PathPrefix', value: '/' } }]),
        to('httpbin', 8000, [{ path: { type: 'Exact', value: '/status' } }]),
      ],
    });
    expect(viaRoutes([r], { path: '/status' })).toBe('foo/httpbin:8000');
    expect(viaRoutes([r], { path: '/other' })).toBe('foo/reviews:9080');
    const prefixes = httpRoute('p', {
      rules: [
        to('reviews', 9080, [{ path: { type: 'PathPrefix', value: '/api' } }]),
        to('httpbin', 8000, [{ path: { type: 'PathPrefix', value: '/api/v2' } }]),
      ],
    });
    expect(viaRoutes([prefixes], { path: '/api/v2/x' })).toBe('foo/httpbin:8000');
    expect(viaRoutes([prefixes], { path: '/api/v1' })).toBe('foo/reviews:9080');
  });

  it('with equal paths, a method, then more headers, then more query params go first', () => {
    const r = httpRoute('r', {
      rules: [
        to('reviews', 9080, [{ path: { type: 'PathPrefix', value: '/' } }]),
        to('httpbin', 8000, [{ path: { type: 'PathPrefix', value: '/' }, method: 'GET' }]),
      ],
    });
    expect(viaRoutes([r], { method: 'GET' })).toBe('foo/httpbin:8000');
    const h = httpRoute('h', {
      rules: [
        to('reviews', 9080, [{ headers: [{ name: 'x-a', value: '1' }] }]),
        to('httpbin', 8000, [
          {
            headers: [
              { name: 'x-a', value: '1' },
              { name: 'x-b', value: '2' },
            ],
          },
        ]),
      ],
    });
    expect(viaRoutes([h], { headers: { 'x-a': '1', 'x-b': '2' } })).toBe('foo/httpbin:8000');
    expect(viaRoutes([h], { headers: { 'x-a': '1' } })).toBe('foo/reviews:9080');
    const q = httpRoute('q', {
      rules: [to('reviews', 9080, [{}]), to('httpbin', 8000, [{ queryParams: [{ name: 'v', value: '2' }] }])],
    });
    expect(viaRoutes([q], { query: 'v=2' })).toBe('foo/httpbin:8000');
  });

  it('a rule without matches comes after every rule with matches, across HTTPRoutes', () => {
    const catchAll = httpRoute('a', { rules: [to('reviews', 9080)] });
    const specific = httpRoute('b', {
      rules: [to('httpbin', 8000, [{ path: { type: 'Exact', value: '/ip' } }])],
    });
    expect(viaRoutes([catchAll, specific], { path: '/ip' })).toBe('foo/httpbin:8000');
    expect(viaRoutes([catchAll, specific], { path: '/headers' })).toBe('foo/reviews:9080');
  });

  it('the most specific hostname wins, with no fallback to a wildcard route', () => {
    const any = httpRoute('any', { rules: [to('reviews', 9080)] });
    const exact = httpRoute('exact', {
      hostnames: ['httpbin.example.com'],
      rules: [to('httpbin', 8000, [{ path: { type: 'Exact', value: '/ip' } }])],
    });
    expect(viaRoutes([any, exact], { path: '/ip' })).toBe('foo/httpbin:8000');
    expect(viaRoutes([any, exact], { path: '/headers' })).toBe('none');
    expect(viaRoutes([any, exact], { path: '/headers', host: 'other.example.com' })).toBe('foo/reviews:9080');
  });

  it('VirtualServices: the exact host beats `*` whatever the document order', () => {
    const gateway = gw('foo', 'httpbin-gateway', [httpServer(['*'])]);
    const wildcard = vs('foo', 'a', {
      hosts: ['*'],
      gateways: ['httpbin-gateway'],
      http: [{ route: [{ destination: { host: 'reviews', port: { number: 9080 } } }] }],
    });
    const exact = vs('foo', 'b', {
      hosts: ['httpbin.example.com'],
      gateways: ['httpbin-gateway'],
      http: [
        {
          match: [{ uri: { prefix: '/ip' } }],
          route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }],
        },
      ],
    });
    expect(target(route([gateway, wildcard, exact], { path: '/ip' }))).toBe('foo/httpbin:8000');
    expect(target(route([gateway, wildcard, exact], { path: '/headers' }))).toBe('none');
    expect(target(route([gateway, wildcard, exact], { path: '/headers', host: 'x.example.com' }))).toBe(
      'foo/reviews:9080',
    );
  });
});
