/**
 * Rule compilation (docs/semantics.md §A2 rules handling, §A3 formal semantics, §A8 TCP treatment, §A9
 * unknown keys; vectors Z2–Z4, Z16, Z23, Z27, Z36, Z44, J23).
 */
import { describe, expect, it } from 'vitest';
import { authorizationPolicy, authzRequest as request, peerOf, type TestRule } from '../pipeline/testing';
import type { AuthorizationAction } from '../resources/types';
import type { AuthzRequest } from './context';
import { compilePolicy, explainMiss, ruleMatches } from './compile';

const TD = { local: 'cluster.local', aliases: [] };

/** Whether a single-rule policy of `action` matches `r` (or 'dropped' on TCP for ALLOW). */
function matches(
  rule: TestRule,
  r: AuthzRequest,
  action: AuthorizationAction = 'ALLOW',
): boolean | 'dropped' {
  const compiled = compilePolicy(authorizationPolicy({ action, rules: [rule] }), TD);
  const [only] = compiled.rules;
  if (!only) throw new Error('the rule was skipped');
  return ruleMatches(only, r, action);
}

const tcp = (port: number, over: Partial<AuthzRequest> = {}) =>
  request({ chain: 'tcp', http: null, destinationPort: port, ...over });

describe('rules handling (§A2)', () => {
  it('Z2: rules absent or empty compile to no rule (match-never)', () => {
    expect(compilePolicy(authorizationPolicy({ rules: null }), TD).rules).toEqual([]);
    expect(compilePolicy(authorizationPolicy({ rules: [] }), TD).rules).toEqual([]);
  });

  it('Z3/Z4: rules [{}] is one rule that matches everything, HTTP or TCP', () => {
    expect(matches({}, request())).toBe(true);
    expect(matches({}, tcp(9000), 'DENY')).toBe(true);
    expect(matches({}, tcp(9000), 'ALLOW')).toBe(true);
    expect(matches({}, request({ peer: null }))).toBe(true);
  });

  it('§A2: a null entry in rules is skipped, the others are kept with their index', () => {
    const compiled = compilePolicy(authorizationPolicy({ rules: [null, { to: [{ paths: ['/x'] }] }] }), TD);
    expect(compiled.rules.map((r) => r.index)).toEqual([1]);
  });
});

describe('formal semantics (§A3)', () => {
  it('§A3: a field and its not twin are AND-ed (principals * and notPrincipals bad)', () => {
    const rule: TestRule = { from: [{ principals: ['*'], notPrincipals: ['cluster.local/ns/x/sa/bad'] }] };
    expect(matches(rule, request({ peer: peerOf('x', 'bad') }))).toBe(false);
    expect(matches(rule, request({ peer: peerOf('x', 'good') }))).toBe(true);
  });

  it('Z16: paths /global-deny* with notPaths /global-deny/allow', () => {
    const rule: TestRule = { to: [{ paths: ['/global-deny*'], notPaths: ['/global-deny/allow'] }] };
    expect(matches(rule, request({}, { path: '/global-deny' }), 'DENY')).toBe(true);
    expect(matches(rule, request({}, { path: '/global-deny/allow' }), 'DENY')).toBe(false);
  });

  it('§A3: fields inside one source are AND-ed', () => {
    const rule: TestRule = { from: [{ namespaces: ['foo'], ipBlocks: ['10.9.0.0/16'] }] };
    expect(matches(rule, request({ sourceIp: '10.9.1.1' }))).toBe(true);
    expect(matches(rule, request({ sourceIp: '10.0.0.1' }))).toBe(false);
  });

  it('§A3: sources are OR-ed', () => {
    const rule: TestRule = {
      from: [{ namespaces: ['bar'] }, { principals: ['cluster.local/ns/foo/sa/sleep'] }],
    };
    expect(matches(rule, request())).toBe(true);
    expect(matches(rule, request({ peer: peerOf('bar', 'x') }))).toBe(true);
    expect(matches(rule, request({ peer: peerOf('baz', 'x') }))).toBe(false);
  });

  it('Z23: operations are OR-ed', () => {
    const rule: TestRule = { to: [{ hosts: ['internal.x.com'] }, { paths: ['/private'] }] };
    expect(matches(rule, request({}, { host: 'www.x.com', path: '/private' }), 'DENY')).toBe(true);
    expect(matches(rule, request({}, { host: 'www.x.com', path: '/public' }), 'DENY')).toBe(false);
    expect(matches(rule, request({}, { host: 'internal.x.com', path: '/' }), 'DENY')).toBe(true);
  });

  it('§A3: from AND to AND when', () => {
    const rule: TestRule = {
      from: [{ namespaces: ['foo'] }],
      to: [{ methods: ['GET'] }],
      when: [{ key: 'request.headers[x-a]', values: ['1'] }],
    };
    expect(matches(rule, request({}, { headers: { 'x-a': '1' } }))).toBe(true);
    expect(matches(rule, request({ peer: peerOf('bar', 's') }, { headers: { 'x-a': '1' } }))).toBe(false);
    expect(matches(rule, request({}, { method: 'POST', headers: { 'x-a': '1' } }))).toBe(false);
    expect(matches(rule, request())).toBe(false);
  });

  it('§A3: several conditions, even with the same key, are each AND-ed', () => {
    const rule: TestRule = {
      when: [
        { key: 'request.headers[x-a]', values: ['a*'] },
        { key: 'request.headers[x-a]', values: ['*z'] },
      ],
    };
    expect(matches(rule, request({}, { headers: { 'x-a': 'abcz' } }))).toBe(true);
    expect(matches(rule, request({}, { headers: { 'x-a': 'abc' } }))).toBe(false);
  });

  it('Z27: a condition with values and notValues needs both; notValues alone is satisfied by an absent header', () => {
    const both: TestRule = { when: [{ key: 'request.headers[x-foo]', values: ['f*'], notValues: ['foo'] }] };
    expect(matches(both, request({}, { headers: { 'x-foo': 'fab' } }))).toBe(true);
    expect(matches(both, request({}, { headers: { 'x-foo': 'foo' } }))).toBe(false);
    const not: TestRule = { when: [{ key: 'request.headers[x-foo]', notValues: ['bar'] }] };
    expect(matches(not, request({}, { headers: { 'x-foo': 'foo' } }))).toBe(true);
    expect(matches(not, request({}, { headers: { 'x-foo': 'bar' } }))).toBe(false);
    expect(matches(not, request())).toBe(true);
  });

  it('§A5 (Z44): not* identity fields always match on plaintext, even notPrincipals ["*"]', () => {
    const rule: TestRule = { from: [{ notPrincipals: ['*'] }] };
    expect(matches(rule, request({ peer: null, sni: '' }), 'DENY')).toBe(true);
    expect(matches(rule, request(), 'DENY')).toBe(false);
    expect(matches({ from: [{ notNamespaces: ['foo'] }] }, request({ peer: null }), 'DENY')).toBe(true);
  });

  it('J17 (derived): notRequestPrincipals matches when there is no JWT', () => {
    const rule: TestRule = { from: [{ notRequestPrincipals: ['test-issuer-1@istio.io/sub-1'] }] };
    expect(matches(rule, request())).toBe(true);
    expect(matches(rule, request({ jwtPayload: { iss: 'test-issuer-1@istio.io', sub: 'sub-1' } }))).toBe(
      false,
    );
    expect(matches(rule, request({ jwtPayload: { iss: 'test-issuer-2@istio.io', sub: 'sub-2' } }))).toBe(
      true,
    );
  });

  it('§A7: every supported when key compiles and is tested', () => {
    const r = request(
      { jwtPayload: { iss: 'i', sub: 's', aud: ['a1'], azp: 'p', groups: ['g'] } },
      { headers: { 'x-h': 'v' } },
    );
    const keys: [string, string, boolean][] = [
      ['request.headers[x-h]', 'v', true],
      ['source.ip', '10.0.0.1', true],
      ['remote.ip', '10.0.0.1', true],
      ['source.namespace', 'foo', true],
      ['source.serviceAccount', 'foo/sleep', true],
      ['source.trustDomain', 'cluster.local', true],
      ['source.principal', 'cluster.local/ns/foo/sa/sleep', true],
      ['request.auth.principal', 'i/s', true],
      ['request.auth.audiences', 'a1', true],
      ['request.auth.presenter', 'p', true],
      ['request.auth.claims[groups]', 'g', true],
      ['destination.ip', '10.0.1.5', true],
      ['destination.port', '80', true],
      ['connection.sni', '*.svc.cluster.local', true],
      // Envoy dynamic metadata is not simulated: absent, so a positive match fails.
      ['experimental.envoy.filters.network.mysql_proxy[db.table]', '[update]', false],
    ];
    for (const [key, value, expected] of keys) {
      expect(matches({ when: [{ key, values: [value] }] }, r), key).toBe(expected);
      expect(matches({ when: [{ key, values: ['no-such-value-9'] }] }, r), `${key} (other value)`).toBe(
        false,
      );
    }
  });
});

describe('unknown when keys (§A9)', () => {
  for (const action of ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'] as const) {
    it(`§A9: an unknown when key skips the whole rule for ${action}`, () => {
      const compiled = compilePolicy(
        authorizationPolicy({
          action,
          rules: [
            { when: [{ key: 'request.regex.headers[x]', values: ['a'] }] },
            { to: [{ paths: ['/ok'] }] },
          ],
        }),
        TD,
      );
      expect(compiled.rules.map((r) => r.index)).toEqual([1]);
    });
  }
});

describe('TCP chains (§A8)', () => {
  it('§A8: an ALLOW rule with any HTTP-only attribute is dropped on TCP', () => {
    expect(matches({ to: [{ methods: ['GET'] }] }, tcp(9000))).toBe('dropped');
    expect(matches({ to: [{ ports: ['9000'], notPaths: ['/x'] }] }, tcp(9000))).toBe('dropped');
    expect(matches({ when: [{ key: 'request.headers[x]', values: ['a'] }] }, tcp(9000))).toBe('dropped');
    expect(matches({ when: [{ key: 'request.auth.claims[iss]', values: ['a'] }] }, tcp(9000))).toBe(
      'dropped',
    );
    expect(matches({ to: [{ hosts: ['a'] }] }, tcp(9000))).toBe('dropped');
  });

  it('J23: ALLOW requestPrincipals ["*"] is dropped on TCP', () => {
    expect(matches({ from: [{ requestPrincipals: ['*'] }] }, tcp(9000))).toBe('dropped');
  });

  it('§A8: an ALLOW rule with TCP-capable attributes only still works on TCP', () => {
    const rule: TestRule = {
      from: [{ principals: ['cluster.local/ns/foo/sa/sleep'] }],
      to: [{ ports: ['9000'] }],
    };
    expect(matches(rule, tcp(9000))).toBe(true);
    expect(matches(rule, tcp(9001))).toBe(false);
  });

  it('§A8: the same HTTP-only ALLOW rule is kept on HTTP', () => {
    expect(matches({ to: [{ methods: ['GET'] }] }, request())).toBe(true);
  });

  for (const action of ['DENY', 'AUDIT', 'CUSTOM'] as const) {
    it(`§A8: ${action} with only to.methods matches every TCP connection`, () => {
      expect(matches({ to: [{ methods: ['GET'] }] }, tcp(9000), action)).toBe(true);
    });
  }

  it('§A8 (deny-both-http-tcp): DENY methods + ports 9000 matches all of port 9000 and nothing else', () => {
    const rule: TestRule = { to: [{ methods: ['GET'], ports: ['9000'] }] };
    expect(matches(rule, tcp(9000), 'DENY')).toBe(true);
    expect(matches(rule, tcp(9001), 'DENY')).toBe(false);
  });

  it('Z36: DENY from requestPrincipals ["*"] alone matches every TCP connection', () => {
    expect(matches({ from: [{ requestPrincipals: ['*'] }] }, tcp(9001), 'DENY')).toBe(true);
  });

  it('§A8: DENY keeps its TCP-capable attributes', () => {
    const rule: TestRule = { from: [{ namespaces: ['bar'], requestPrincipals: ['*'] }] };
    expect(matches(rule, tcp(9000), 'DENY')).toBe(false);
    expect(matches(rule, tcp(9000, { peer: peerOf('bar', 'x') }), 'DENY')).toBe(true);
  });

  it('§A8: DENY with a dropped HTTP-only when condition matches on TCP', () => {
    expect(matches({ when: [{ key: 'request.headers[x]', values: ['a'] }] }, tcp(9000), 'DENY')).toBe(true);
  });

  it('explainMiss names the failing clause', () => {
    const compiled = compilePolicy(authorizationPolicy({ rules: [{ to: [{ paths: ['/x'] }] }] }), TD);
    const [rule] = compiled.rules;
    if (!rule) throw new Error('no rule');
    expect(explainMiss(rule, request({}, { path: '/y' }))).toContain('paths');
  });
});
