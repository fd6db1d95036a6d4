/**
 * The decision of one proxy (docs/semantics.md §A2, §A9, §A10; vectors Z1–Z4, Z10, Z45–Z50).
 */
import { describe, expect, it } from 'vitest';
import {
  authorizationPolicy,
  authzRequest as request,
  engineOf,
  httpbin,
  workspace,
} from '../pipeline/testing';
import type { AuthorizationPolicy } from '../resources/types';
import type { ExtensionProviderSpec } from '../types';
import type { AuthzRequest } from './context';
import { PolicyCompiler, buildPolicySet, decideCustom, decideRbac } from './decide';

const providers: ExtensionProviderSpec[] = [
  {
    name: 'grpc-authz',
    envoyExtAuthzGrpc: { service: 'ext-authz.foo.svc.cluster.local', port: 9000 },
    simulate: { allowWhen: [{ header: 'x-ext-authz', values: ['allow'] }] },
  },
  {
    name: 'http-authz',
    envoyExtAuthzHttp: { service: 'ext-authz.foo.svc.cluster.local', port: 8000 },
    simulate: { allowWhen: [{ header: 'x-ext-authz', values: ['allow'] }], deniedStatus: 401 },
  },
  {
    name: 'upper-case-header',
    envoyExtAuthzGrpc: { service: 'ext-authz.foo.svc.cluster.local', port: 9000 },
    simulate: { allowWhen: [{ header: 'X-Ext-Authz', values: ['allow'] }] },
  },
  { name: 'missing-service', envoyExtAuthzGrpc: { service: 'nowhere.foo.svc.cluster.local', port: 9000 } },
];

const engine = engineOf(
  workspace({
    namespaces: [{ name: 'istio-system' }, { name: 'foo' }],
    extensionProviders: providers,
    workloads: [
      httpbin('foo'),
      {
        name: 'ext-authz',
        namespace: 'foo',
        ports: [
          { name: 'grpc', port: 9000 },
          { name: 'http', port: 8000 },
        ],
      },
    ],
  }),
);

function decide(policies: AuthorizationPolicy[], r: AuthzRequest) {
  const set = buildPolicySet(
    policies,
    engine.mesh,
    new PolicyCompiler({ local: 'cluster.local', aliases: [] }),
  );
  const custom = decideCustom(set, r);
  const rbac = decideRbac(set, r);
  // The matrix's untraced fast path must decide the same.
  expect(decideRbac(set, r, false).denied).toBe(rbac.denied);
  expect(decideCustom(set, r, false).denied).toBe(custom.denied);
  return { set, custom, rbac };
}

const tcp = request({ chain: 'tcp', http: null, destinationPort: 9000 });

describe('actions and combination (§A2)', () => {
  it('Z1: no policy → allowed', () => {
    expect(decide([], request()).rbac.denied).toBe(false);
  });

  it('Z2: ALLOW with no rules → allow-nothing, HTTP and TCP', () => {
    const p = authorizationPolicy({ rules: null });
    expect(decide([p], request()).rbac.denied).toBe(true);
    expect(decide([p], tcp).rbac.denied).toBe(true);
    expect(decide([authorizationPolicy({ rules: [] })], request()).rbac.denied).toBe(true);
  });

  it('Z3: ALLOW rules [{}] → allowed', () => {
    expect(decide([authorizationPolicy({ rules: [{}] })], request()).rbac.denied).toBe(false);
  });

  it('Z4: DENY rules [{}] → denied', () => {
    expect(decide([authorizationPolicy({ action: 'DENY', rules: [{}] })], request()).rbac.denied).toBe(true);
  });

  it('Z10: DENY wins over a matching ALLOW', () => {
    const policies = [
      authorizationPolicy({ name: 'deny', action: 'DENY', rules: [{ to: [{ paths: ['/allow/admin'] }] }] }),
      authorizationPolicy({ name: 'allow', rules: [{ to: [{ paths: ['/allow*'] }] }] }),
    ];
    expect(decide(policies, request({}, { path: '/allow/admin' })).rbac.denied).toBe(true);
    expect(decide(policies, request({}, { path: '/allow' })).rbac.denied).toBe(false);
    expect(decide(policies, request({}, { path: '/other' })).rbac.denied).toBe(true);
  });

  it('§A2: any one matching ALLOW policy allows', () => {
    const policies = [
      authorizationPolicy({ name: 'a', rules: [{ to: [{ paths: ['/a'] }] }] }),
      authorizationPolicy({ name: 'b', rules: [{ to: [{ paths: ['/b'] }] }] }),
    ];
    expect(decide(policies, request({}, { path: '/b' })).rbac.denied).toBe(false);
  });

  it('§A2: a DENY that does not match leaves the request allowed when no ALLOW exists', () => {
    expect(
      decide(
        [authorizationPolicy({ action: 'DENY', rules: [{ to: [{ paths: ['/x'] }] }] })],
        request({}, { path: '/y' }),
      ).rbac.denied,
    ).toBe(false);
  });
});

describe('dry-run and AUDIT never enforce (§A2)', () => {
  it('Z45: dry-run DENY rules [{}] → allowed, reported as "would match"', () => {
    const { rbac } = decide([authorizationPolicy({ action: 'DENY', rules: [{}], dryRun: true })], request());
    expect(rbac.denied).toBe(false);
    expect(rbac.steps.some((s) => s.message.includes('would match'))).toBe(true);
  });

  it('Z46: only a dry-run ALLOW (paths /x) → GET /y allowed (no enforced ALLOW)', () => {
    expect(
      decide(
        [authorizationPolicy({ rules: [{ to: [{ paths: ['/x'] }] }], dryRun: true })],
        request({}, { path: '/y' }),
      ).rbac.denied,
    ).toBe(false);
  });

  it('§A2: a dry-run ALLOW next to an enforced ALLOW does not widen it', () => {
    const policies = [
      authorizationPolicy({ name: 'dry', rules: [{}], dryRun: true }),
      authorizationPolicy({ name: 'real', rules: [{ to: [{ paths: ['/x'] }] }] }),
    ];
    expect(decide(policies, request({}, { path: '/y' })).rbac.denied).toBe(true);
  });

  it('Z47: AUDIT rules [{}] → allowed, with an audit step', () => {
    const { rbac } = decide([authorizationPolicy({ action: 'AUDIT', rules: [{}] })], request());
    expect(rbac.denied).toBe(false);
    expect(rbac.steps.some((s) => s.stage === 'audit')).toBe(true);
  });

  it('Z47: AUDIT next to an ALLOW that does not match does not allow', () => {
    const policies = [
      authorizationPolicy({ action: 'AUDIT', rules: [{}] }),
      authorizationPolicy({ rules: [{ to: [{ paths: ['/x'] }] }] }),
    ];
    expect(decide(policies, request({}, { path: '/y' })).rbac.denied).toBe(true);
  });
});

describe('CUSTOM (§A2, §A9, §A10)', () => {
  const custom = (provider: string, paths: string[], name = 'ext') =>
    authorizationPolicy({ name, action: 'CUSTOM', provider, rules: [{ to: [{ paths }] }] });

  // The bad CUSTOM's DENY sits where the CUSTOM filter would, ahead of JWT (docs/semantics.md §1, §A9).
  it('Z48: a provider missing from meshConfig makes the CUSTOM policy a DENY on its rules, in the CUSTOM slot', () => {
    const p = custom('nope', ['/admin*']);
    const admin = decide([p], request({}, { path: '/admin' }));
    expect(admin.custom.denied).toBe(true);
    expect(admin.custom.verdict).toBe('denied');
    expect(admin.custom.status).toBe(403);
    expect(admin.set.notes.length).toBeGreaterThan(0);
    expect(decide([p], request({}, { path: '/ip' })).custom.denied).toBe(false);
  });

  it('§A9: a provider whose Service is not in the registry is bad too → DENY on its rules', () => {
    expect(
      decide([custom('missing-service', ['/admin'])], request({}, { path: '/admin' })).custom.denied,
    ).toBe(true);
  });

  it('§A9: several CUSTOM providers on one workload → each CUSTOM policy becomes a DENY', () => {
    const policies = [custom('grpc-authz', ['/a'], 'one'), custom('http-authz', ['/b'], 'two')];
    const a = decide(policies, request({}, { path: '/a', headers: { 'x-ext-authz': 'allow' } }));
    expect(a.custom.denied).toBe(true);
    expect(a.custom.verdict).toBe('denied');
    expect(
      decide(policies, request({}, { path: '/b', headers: { 'x-ext-authz': 'allow' } })).custom.denied,
    ).toBe(true);
    const c = decide(policies, request({}, { path: '/c' }));
    expect(c.custom.denied || c.rbac.denied).toBe(false);
  });

  it('Z50: ext_authz runs only for matched rules; the simulated server decides', () => {
    const p = custom('grpc-authz', ['/custom']);
    const allowed = decide([p], request({}, { path: '/custom', headers: { 'x-ext-authz': 'allow' } }));
    expect(allowed.custom.denied).toBe(false);
    const denied = decide([p], request({}, { path: '/custom', headers: { 'x-ext-authz': 'deny' } }));
    expect(denied.custom).toMatchObject({ denied: true, status: 403 });
    const health = decide([p], request({}, { path: '/health', headers: { 'x-ext-authz': 'deny' } }));
    expect(health.custom.denied).toBe(false);
    expect(health.rbac.denied).toBe(false);
  });

  it('docs/workspace-format.md extensionProviders simulate.allowWhen: header names are case-insensitive, as HTTP header names are', () => {
    const p = custom('upper-case-header', ['/x']);
    expect(decide([p], request({}, { path: '/x', headers: { 'x-ext-authz': 'allow' } })).custom.denied).toBe(
      false,
    );
    expect(decide([p], request({}, { path: '/x', headers: { 'x-ext-authz': 'deny' } })).custom.denied).toBe(
      true,
    );
  });

  it('§A10 / docs/workspace-format.md extensionProviders simulate.deniedStatus: the ext-authz status is what the client sees', () => {
    expect(decide([custom('http-authz', ['/x'])], request({}, { path: '/x' })).custom).toMatchObject({
      denied: true,
      status: 401,
    });
  });

  it('Z49: an HTTP ext-authz provider is skipped on TCP', () => {
    const p = authorizationPolicy({ action: 'CUSTOM', provider: 'http-authz', rules: [{}] });
    expect(decide([p], tcp).custom.denied).toBe(false);
    expect(decide([p], request()).custom.denied).toBe(true);
  });

  it('§A8: a gRPC ext-authz provider still runs on TCP (its HTTP-only attributes dropped)', () => {
    const p = authorizationPolicy({
      action: 'CUSTOM',
      provider: 'grpc-authz',
      rules: [{ to: [{ paths: ['/custom'] }] }],
    });
    expect(decide([p], tcp).custom.denied).toBe(true);
  });

  it('§A2: a valid CUSTOM allow does not bypass DENY/ALLOW', () => {
    const policies = [custom('grpc-authz', ['*']), authorizationPolicy({ action: 'DENY', rules: [{}] })];
    const r = decide(policies, request({}, { headers: { 'x-ext-authz': 'allow' } }));
    expect(r.custom.denied).toBe(false);
    expect(r.rbac.denied).toBe(true);
  });
});
