/**
 * Field and `when` compilation on hand-built requests (docs/semantics.md §A4, §A5, §A7, §B3, §C3;
 * vectors Z11, Z15, Z22, Z26, Z29, Z38–Z43, J16–J20, J24).
 */
import { describe, expect, it } from 'vitest';
import { authzRequest as request, peerOf } from '../pipeline/testing';
import type { AuthzRequest } from './context';
import { bracketPath, fieldCompiler, type TrustDomains } from './fields';

const LOCAL: TrustDomains = { local: 'cluster.local', aliases: [] };

const plaintext = (over: Partial<AuthzRequest> = {}) => request({ peer: null, sni: '', ...over });

function test(
  field: string,
  values: string[],
  r: AuthzRequest,
  policyNamespace = 'foo',
  td: TrustDomains = LOCAL,
): boolean {
  const compiled = fieldCompiler(policyNamespace, td).compile(field, values);
  if (!compiled) throw new Error(`${field} did not compile`);
  return compiled.test(r);
}

describe('principals / source.principal (§A4, §A5)', () => {
  it('§A4: exact, prefix, suffix and * over <td>/ns/<ns>/sa/<sa>', () => {
    const r = request();
    expect(test('principals', ['cluster.local/ns/foo/sa/sleep'], r)).toBe(true);
    expect(test('principals', ['cluster.local/ns/foo/sa/other'], r)).toBe(false);
    expect(test('principals', ['cluster.local/ns/foo/*'], r)).toBe(true);
    expect(test('principals', ['*/sa/sleep'], r)).toBe(true);
    expect(test('principals', ['*'], r)).toBe(true);
    expect(test('source.principal', ['cluster.local/ns/foo/sa/sleep'], r)).toBe(true);
  });

  it('§A4: principals are case-sensitive', () => {
    expect(test('principals', ['cluster.local/ns/foo/sa/Sleep'], request())).toBe(false);
  });

  it('Z38: a value written with spiffe:// never matches', () => {
    expect(test('principals', ['spiffe://cluster.local/ns/foo/sa/sleep'], request())).toBe(false);
  });

  it('Z42/Z43: without mTLS no principal matches, not even *', () => {
    expect(test('principals', ['cluster.local/ns/foo/sa/sleep'], plaintext())).toBe(false);
    expect(test('principals', ['*'], plaintext())).toBe(false);
  });

  it('§A5 aliasing: a value in an alias trust domain matches a peer of the local one, and vice versa', () => {
    const td: TrustDomains = { local: 'td-new', aliases: ['td-old'] };
    expect(
      test(
        'principals',
        ['td-old/ns/foo/sa/sleep'],
        request({ peer: peerOf('foo', 'sleep', 'td-new') }),
        'foo',
        td,
      ),
    ).toBe(true);
    expect(
      test(
        'principals',
        ['td-new/ns/foo/sa/sleep'],
        request({ peer: peerOf('foo', 'sleep', 'td-old') }),
        'foo',
        td,
      ),
    ).toBe(true);
  });

  it('§A5 aliasing: the literal cluster.local stands for the local trust domain', () => {
    const td: TrustDomains = { local: 'td-new', aliases: [] };
    expect(
      test(
        'principals',
        ['cluster.local/ns/foo/sa/sleep'],
        request({ peer: peerOf('foo', 'sleep', 'td-new') }),
        'foo',
        td,
      ),
    ).toBe(true);
  });

  it('§A5 aliasing: a foreign trust domain is kept as is', () => {
    const td: TrustDomains = { local: 'td-new', aliases: ['td-old'] };
    expect(
      test(
        'principals',
        ['other/ns/foo/sa/sleep'],
        request({ peer: peerOf('foo', 'sleep', 'td-new') }),
        'foo',
        td,
      ),
    ).toBe(false);
  });

  it('§A5: a value that is not 5 /-separated parts is kept as is (`*` trust domain works as a suffix match)', () => {
    const td: TrustDomains = { local: 'td-new', aliases: [] };
    expect(
      test(
        'principals',
        ['*/ns/foo/sa/sleep'],
        request({ peer: peerOf('foo', 'sleep', 'td-new') }),
        'foo',
        td,
      ),
    ).toBe(true);
  });
});

describe('namespaces / source.namespace (§A4)', () => {
  it('§A4: exact, and * in the value as .* in the regex', () => {
    const r = request({ peer: peerOf('foo', 'sleep') });
    expect(test('namespaces', ['foo'], r)).toBe(true);
    expect(test('namespaces', ['bar'], r)).toBe(false);
    expect(test('namespaces', ['fo*'], r)).toBe(true);
    expect(test('namespaces', ['*oo'], r)).toBe(true);
    expect(test('namespaces', ['f*o'], r)).toBe(true);
    expect(test('namespaces', ['*'], r)).toBe(true);
    expect(test('source.namespace', ['foo'], r)).toBe(true);
  });

  it('a value with many * against a 63-character namespace returns at once (no backtracking regex)', () => {
    const ns = 'a'.repeat(63);
    const r = request({ peer: peerOf(ns, 'sleep') });
    const many = `${'*a'.repeat(30)}*b`;
    expect(test('namespaces', [many], r)).toBe(false);
    expect(test('namespaces', [`${'*a'.repeat(30)}*`], r)).toBe(true);
    expect(test('source.namespace', [many], r)).toBe(false);
  });

  it('* spans any characters of the URI, / included, as the regex .*/ns/<value>/.* does', () => {
    const r = request({ peer: peerOf('foo', 'sleep') });
    // The value is matched inside the whole SPIFFE URI: `*` may run across segments.
    expect(test('namespaces', ['foo/sa/*'], r)).toBe(false);
    expect(test('namespaces', ['f*/sa/sl*p'], r)).toBe(false);
    expect(test('namespaces', ['*/sa'], r)).toBe(true);
    expect(test('namespaces', ['foo*'], r)).toBe(true);
    expect(test('namespaces', ['*/ns/foo'], r)).toBe(false);
    expect(test('namespaces', ['f**o'], r)).toBe(true);
    expect(test('namespaces', ['fo*o'], r)).toBe(true);
    expect(test('namespaces', ['fo*oo'], r)).toBe(false);
  });

  it('§A5: namespaces need mTLS (even *)', () => {
    expect(test('namespaces', ['foo'], plaintext())).toBe(false);
    expect(test('namespaces', ['*'], plaintext())).toBe(false);
  });
});

describe('serviceAccounts / source.serviceAccount (§A4)', () => {
  it('Z14: ns/sa matches that identity only', () => {
    expect(test('serviceAccounts', ['ns1/a'], request({ peer: peerOf('ns1', 'a') }))).toBe(true);
    expect(test('serviceAccounts', ['ns1/a'], request({ peer: peerOf('ns2', 'a') }))).toBe(false);
  });

  it('§A4: a bare sa means the policy namespace', () => {
    expect(test('serviceAccounts', ['a'], request({ peer: peerOf('ns1', 'a') }), 'ns1')).toBe(true);
    expect(test('serviceAccounts', ['a'], request({ peer: peerOf('ns2', 'a') }), 'ns1')).toBe(false);
    expect(test('source.serviceAccount', ['a'], request({ peer: peerOf('ns1', 'a') }), 'ns1')).toBe(true);
  });

  it('§A4: no wildcard meaning', () => {
    expect(test('serviceAccounts', ['ns1/a*'], request({ peer: peerOf('ns1', 'ab') }))).toBe(false);
  });

  it('§A5: serviceAccounts need mTLS', () => {
    expect(test('serviceAccounts', ['foo/sleep'], plaintext())).toBe(false);
  });
});

describe('trustDomains / source.trustDomain (§A4, Z15)', () => {
  it('Z15: cluster.local matches, bad.example.com does not', () => {
    expect(test('trustDomains', ['cluster.local'], request())).toBe(true);
    expect(test('trustDomains', ['bad.example.com'], request())).toBe(false);
    expect(test('source.trustDomain', ['cluster.local'], request())).toBe(true);
  });

  it('§A4: one * at the start or end', () => {
    expect(test('trustDomains', ['cluster.*'], request())).toBe(true);
    expect(test('trustDomains', ['*.local'], request())).toBe(true);
    expect(test('trustDomains', ['*.example.com'], request())).toBe(false);
  });

  it('§A4: expanded with trust-domain aliases', () => {
    const td: TrustDomains = { local: 'td-new', aliases: ['td-old'] };
    expect(
      test('trustDomains', ['td-old'], request({ peer: peerOf('foo', 'sleep', 'td-new') }), 'foo', td),
    ).toBe(true);
    expect(
      test('trustDomains', ['cluster.local'], request({ peer: peerOf('foo', 'sleep', 'td-new') }), 'foo', td),
    ).toBe(true);
  });

  it('§A5: trustDomains need mTLS', () => {
    expect(test('trustDomains', ['cluster.local'], plaintext())).toBe(false);
  });
});

describe('addresses and ports (§A4, §A5)', () => {
  it('ipBlocks / source.ip read the direct peer address', () => {
    const r = request({ sourceIp: '10.0.0.1', remoteIp: '203.0.113.7' });
    expect(test('ipBlocks', ['10.0.0.0/24'], r)).toBe(true);
    expect(test('ipBlocks', ['203.0.113.7'], r)).toBe(false);
    expect(test('source.ip', ['10.0.0.1'], r)).toBe(true);
  });

  it('Z24: remoteIpBlocks / remote.ip read the remote (XFF-derived) address', () => {
    const r = request({ sourceIp: '10.0.0.1', remoteIp: '192.168.5.233' });
    expect(test('remoteIpBlocks', ['172.17.72.46', '192.168.4.0/23'], r)).toBe(true);
    expect(test('remoteIpBlocks', ['10.0.0.1'], r)).toBe(false);
    expect(test('remote.ip', ['192.168.5.233'], r)).toBe(true);
  });

  it('Z30: destination.ip is the server pod address', () => {
    expect(test('destination.ip', ['10.0.1.5'], request())).toBe(true);
    expect(test('destination.ip', ['1.2.3.4'], request())).toBe(false);
  });

  it('Z20/Z28: ports and destination.port are the target port', () => {
    expect(test('ports', ['80'], request())).toBe(true);
    expect(test('ports', ['8000'], request())).toBe(false);
    expect(test('destination.port', ['80'], request())).toBe(true);
    expect(test('destination.port', ['1'], request())).toBe(false);
  });

  it('Z29: connection.sni is outbound_.<port>_.<subset>_.<fqdn>, empty on plaintext', () => {
    expect(test('connection.sni', ['*.httpbin.foo.svc.cluster.local'], request())).toBe(true);
    expect(test('connection.sni', ['never-matched'], request())).toBe(false);
    expect(test('connection.sni', ['*'], plaintext())).toBe(false);
  });
});

describe('HTTP operation fields (§A4)', () => {
  it('Z22: hosts are case-insensitive', () => {
    const hosts = ['deny.x.com', '*.suffix.x.com', 'prefix.x.*'];
    expect(test('hosts', hosts, request({}, { host: 'DENY.X.COM' }))).toBe(true);
    expect(test('hosts', hosts, request({}, { host: 'Deny.Suffix.X.Com' }))).toBe(true);
    expect(test('hosts', hosts, request({}, { host: 'Prefix.X.Com' }))).toBe(true);
    expect(test('hosts', hosts, request({}, { host: 'www.X.com' }))).toBe(false);
  });

  it('Z40: hosts compare the whole authority including :port', () => {
    expect(test('hosts', ['httpbin.foo'], request({}, { host: 'httpbin.foo:8000' }))).toBe(false);
    expect(test('hosts', ['httpbin.foo', 'httpbin.foo:*'], request({}, { host: 'httpbin.foo:8000' }))).toBe(
      true,
    );
  });

  it('Z41: methods are case-sensitive', () => {
    expect(test('methods', ['get'], request())).toBe(false);
    expect(test('methods', ['GET'], request())).toBe(true);
  });

  it('Z39: a * in the middle of a path is literal', () => {
    expect(test('paths', ['/api/*/admin'], request({}, { path: '/api/v1/admin' }))).toBe(false);
    expect(test('paths', ['/api/*/admin'], request({}, { path: '/api/*/admin' }))).toBe(true);
  });

  it('§A4: paths exact, prefix, suffix, *', () => {
    const r = request({}, { path: '/allow/admin' });
    expect(test('paths', ['/allow/admin'], r)).toBe(true);
    expect(test('paths', ['/allow*'], r)).toBe(true);
    expect(test('paths', ['*/admin'], r)).toBe(true);
    expect(test('paths', ['*'], r)).toBe(true);
    expect(test('paths', ['/allow'], r)).toBe(false);
  });

  it('Z11: path templates', () => {
    const t = ['/allow/admin/{**}', '/foo/{*}/bar/{**}', '/store/{**}/cart'];
    const at = (path: string) => test('paths', t, request({}, { path }));
    expect([
      at('/allow/admin/'),
      at('/allow/admin'),
      at('/allow/admin/foo/temp.txt'),
      at('/foo/buzz/bar/bat'),
      at('/foo/bar/bat.txt'),
      at('/store//cart'),
      at('/store/cart'),
    ]).toEqual([true, false, true, true, false, true, false]);
  });

  it('§A6: HTTP fields never match a request without HTTP attributes', () => {
    const tcp = request({ chain: 'tcp', http: null });
    expect(test('paths', ['*'], tcp)).toBe(false);
    expect(test('methods', ['*'], tcp)).toBe(false);
    expect(test('hosts', ['*'], tcp)).toBe(false);
  });
});

describe('request.headers (§A7, Z26, G3)', () => {
  it('Z26: exact value; absent header fails', () => {
    expect(test('request.headers[x-foo]', ['foo'], request({}, { headers: { 'x-foo': 'foo' } }))).toBe(true);
    expect(test('request.headers[x-foo]', ['foo'], request({}, { headers: { 'x-foo': 'bar' } }))).toBe(false);
    expect(test('request.headers[x-foo]', ['foo'], request())).toBe(false);
  });

  it('§A4: header names are case-insensitive, values case-sensitive', () => {
    expect(test('request.headers[X-Foo]', ['foo'], request({}, { headers: { 'x-foo': 'foo' } }))).toBe(true);
    expect(test('request.headers[x-foo]', ['FOO'], request({}, { headers: { 'x-foo': 'foo' } }))).toBe(false);
  });

  it('G3: * on a header is present_match, so an empty value matches', () => {
    expect(test('request.headers[x-foo]', ['*'], request({}, { headers: { 'x-foo': '' } }))).toBe(true);
    expect(test('request.headers[x-foo]', ['*'], request())).toBe(false);
  });
});

describe('requestPrincipals / request.auth.principal (§C3)', () => {
  const jwt = (payload: Record<string, unknown>) => request({ jwtPayload: payload });
  const t1 = jwt({ iss: 'test-issuer-1@istio.io', sub: 'sub-1' });

  it('J15: iss/sub exact on both', () => {
    expect(test('requestPrincipals', ['test-issuer-1@istio.io/sub-1'], t1)).toBe(true);
    expect(test('requestPrincipals', ['test-issuer-1@istio.io/sub-2'], t1)).toBe(false);
    expect(test('request.auth.principal', ['test-issuer-1@istio.io/sub-1'], t1)).toBe(true);
  });

  it('J16/J24: * needs a JWT with non-empty iss and sub', () => {
    expect(test('requestPrincipals', ['*'], t1)).toBe(true);
    expect(test('requestPrincipals', ['*'], jwt({ iss: 'test-issuer-1@istio.io' }))).toBe(false);
    expect(test('requestPrincipals', ['*'], request())).toBe(false);
  });

  it('§C3: iss/* and iss/ab*', () => {
    expect(test('requestPrincipals', ['test-issuer-1@istio.io/*'], t1)).toBe(true);
    expect(test('requestPrincipals', ['other/*'], t1)).toBe(false);
    expect(test('requestPrincipals', ['test-issuer-1@istio.io/sub*'], t1)).toBe(true);
    expect(test('requestPrincipals', ['test-issuer-1@istio.io/x*'], t1)).toBe(false);
  });

  it('§C3: */sub and *suffix/sub', () => {
    expect(test('requestPrincipals', ['*/sub-1'], t1)).toBe(true);
    expect(test('requestPrincipals', ['*/sub-2'], t1)).toBe(false);
    expect(test('requestPrincipals', ['*istio.io/sub-1'], t1)).toBe(true);
    expect(test('requestPrincipals', ['*example.com/sub-1'], t1)).toBe(false);
  });

  it('§C3: no slash: abc* is an iss prefix with any sub; *abc is any iss with a sub suffix', () => {
    expect(test('requestPrincipals', ['test-issuer*'], t1)).toBe(true);
    expect(test('requestPrincipals', ['*-1'], t1)).toBe(true);
    expect(test('requestPrincipals', ['*-2'], t1)).toBe(false);
  });

  it('§C3: split at the last /, so a URL issuer works', () => {
    const r = jwt({ iss: 'https://accounts.example.com/tenant', sub: 'alice' });
    expect(test('requestPrincipals', ['https://accounts.example.com/tenant/alice'], r)).toBe(true);
  });

  it('§C3 (requestPrincipalGenerator): a * that is neither first nor last in the value is literal', () => {
    const r = jwt({ iss: 'issuer-x', sub: 'sub-1' });
    expect(test('requestPrincipals', ['issuer*/sub-1'], r)).toBe(false);
    expect(test('requestPrincipals', ['issuer-x/*-1'], r)).toBe(false);
  });

  it('§C3: a sub containing / cannot be matched exactly', () => {
    expect(test('requestPrincipals', ['iss/a/b'], jwt({ iss: 'iss', sub: 'a/b' }))).toBe(false);
  });
});

describe('request.auth.claims / audiences / presenter (§C3, J18–J20)', () => {
  const jwt = (payload: Record<string, unknown>) => request({ jwtPayload: payload });

  it('J18: a list claim matches when it contains the value', () => {
    expect(test('request.auth.claims[groups]', ['group-2'], jwt({ groups: ['group-1', 'group-2'] }))).toBe(
      true,
    );
    expect(test('request.auth.claims[groups]', ['group-2'], jwt({ groups: ['group-1'] }))).toBe(false);
  });

  it('§C3: a string claim matches by exact/prefix/suffix', () => {
    expect(test('request.auth.claims[foo]', ['bar'], jwt({ foo: 'bar' }))).toBe(true);
    expect(test('request.auth.claims[foo]', ['b*'], jwt({ foo: 'bar' }))).toBe(true);
  });

  it('§C3: numbers and booleans never match', () => {
    expect(test('request.auth.claims[level]', ['3'], jwt({ level: 3 }))).toBe(false);
    expect(test('request.auth.claims[admin]', ['true'], jwt({ admin: true }))).toBe(false);
  });

  it('J19: nested claims follow the path', () => {
    const r = jwt({ nested: { key1: 'valueB', 'nested-2': { key1: 'valueA' } } });
    expect(test('request.auth.claims[nested][key1]', ['valueB'], r)).toBe(true);
    expect(test('request.auth.claims[nested][nested-2][key1]', ['valueA'], r)).toBe(true);
    expect(test('request.auth.claims[nested][non-exist]', ['valueA'], r)).toBe(false);
  });

  it('§C3: a missing claim fails a positive match (no JWT at all too)', () => {
    expect(test('request.auth.claims[groups]', ['group-1'], jwt({}))).toBe(false);
    expect(test('request.auth.claims[groups]', ['group-1'], request())).toBe(false);
  });

  it('§C3: audiences test aud (string or list); presenter tests azp', () => {
    expect(test('request.auth.audiences', ['foo'], jwt({ aud: 'foo' }))).toBe(true);
    expect(test('request.auth.audiences', ['foo'], jwt({ aud: ['bar', 'foo'] }))).toBe(true);
    expect(test('request.auth.audiences', ['foo'], jwt({ aud: 'bar' }))).toBe(false);
    expect(test('request.auth.presenter', ['client'], jwt({ azp: 'client' }))).toBe(true);
    expect(test('request.auth.presenter', ['client'], jwt({ azp: 'other' }))).toBe(false);
  });
});

describe('HTTP-only flags and unknown keys (§A7, §A8, §A9)', () => {
  const compiler = fieldCompiler('foo', LOCAL);
  it('§A8: HTTP-only attributes are flagged; TCP-capable ones are not', () => {
    const httpOnly = [
      'hosts',
      'methods',
      'paths',
      'requestPrincipals',
      'request.auth.principal',
      'request.auth.audiences',
      'request.auth.presenter',
      'request.auth.claims[iss]',
      'request.headers[x]',
    ];
    const tcp = [
      'principals',
      'namespaces',
      'serviceAccounts',
      'trustDomains',
      'ipBlocks',
      'remoteIpBlocks',
      'ports',
      'source.ip',
      'remote.ip',
      'source.namespace',
      'source.principal',
      'source.serviceAccount',
      'source.trustDomain',
      'destination.ip',
      'destination.port',
      'connection.sni',
    ];
    for (const f of httpOnly) expect(compiler.compile(f, ['1'])?.httpOnly, f).toBe(true);
    for (const f of tcp) expect(compiler.compile(f, ['1'])?.httpOnly, f).toBe(false);
  });

  it('Z53/Z54 §A9: unknown or rejected when keys do not compile', () => {
    expect(compiler.compile('request.regex.headers[x]', ['a'])).toBeNull();
    expect(compiler.compile('destination.namespace', ['a'])).toBeNull();
    expect(compiler.compile('request.headers', ['a'])).toBeNull();
  });

  it('bracketPath extracts a[b][c] and refuses other shapes', () => {
    expect(bracketPath('request.auth.claims[a][b]', 'request.auth.claims')).toEqual(['a', 'b']);
    expect(bracketPath('request.auth.claims.a', 'request.auth.claims')).toBeNull();
    expect(bracketPath('request.auth.claims[a]x', 'request.auth.claims')).toBeNull();
  });
});
