import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileIpMatcher, formatCidr, isIpAddress, parseIpOrCidr } from './ip';

function ok(s: string): Extract<ReturnType<typeof parseIpOrCidr>, { ok: true }> {
  const parsed = parseIpOrCidr(s);
  if (!parsed.ok) throw new Error(`expected ${s} to parse: ${parsed.reason}`);
  return parsed;
}

describe('parseIpOrCidr (Go netip rules used by Istio ValidateIPs)', () => {
  it.each([
    ['1.2.3.4', 4, [0x01020304], 32],
    ['192.168.4.0/23', 4, [0xc0a80400], 23],
    ['0.0.0.0/0', 4, [0], 0],
    ['255.255.255.255', 4, [0xffffffff], 32],
    ['::', 6, [0, 0, 0, 0], 128],
    ['::1', 6, [0, 0, 0, 1], 128],
    ['2001:db8::/32', 6, [0x20010db8, 0, 0, 0], 32],
    ['2001:DB8:0:0:1:0:0:1', 6, [0x20010db8, 0, 0x00010000, 1], 128],
    ['1::', 6, [0x00010000, 0, 0, 0], 128],
    ['::ffff:1.2.3.4', 6, [0, 0, 0xffff, 0x01020304], 128],
    ['1:2:3:4:5:6:7::', 6, [0x00010002, 0x00030004, 0x00050006, 0x00070000], 128],
  ])('%s', (text, version, words, prefixLength) => {
    expect(ok(text)).toMatchObject({ version, words, prefixLength });
  });

  it.each([
    '1.2.3.4/33', // Z52
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.4/',
    '1.2.3.4/08',
    '1.2.3.4/-1',
    '1.2.3.4/ 8',
    ' 1.2.3.4',
    '::/129',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:',
    ':1',
    '12345::',
    'fe80::1%eth0/64',
    'fe80::1%',
    '1.2.3.4%eth0',
    '1:2:3:4:5:6:7:1.2.3.4',
    '*',
    '',
  ])('rejects %j', (text) => {
    const parsed = parseIpOrCidr(text);
    expect(parsed.ok).toBe(false);
  });

  it('says why a CIDR is bad', () => {
    const parsed = parseIpOrCidr('1.2.3.4/33');
    expect(parsed.ok === false && parsed.reason).toMatch(/^bad CIDR range \(1\.2\.3\.4\/33\)/);
    const addr = parseIpOrCidr('1.2.3');
    expect(addr.ok === false && addr.reason).toBe('bad IP address (1.2.3)');
  });

  it('formats canonically', () => {
    expect(formatCidr(ok('2001:DB8:0:0:1:0:0:1'))).toBe('2001:db8::1:0:0:1');
    expect(formatCidr(ok('0:0:1:0:0:0:1:0/64'))).toBe('0:0:1::1:0/64');
    expect(formatCidr(ok('1:0:1:0:1:0:1:0'))).toBe('1:0:1:0:1:0:1:0');
    expect(formatCidr(ok('::'))).toBe('::');
    expect(formatCidr(ok('10.0.0.1'))).toBe('10.0.0.1');
  });

  it('isIpAddress accepts bare addresses only', () => {
    expect(isIpAddress('10.1.2.3')).toBe(true);
    expect(isIpAddress('::1')).toBe(true);
    expect(isIpAddress('10.1.2.0/24')).toBe(false);
    expect(isIpAddress('unknown')).toBe(false);
  });
});

describe('compileIpMatcher (Envoy CidrRange::isInRange)', () => {
  it('Z24: remoteIpBlocks [172.17.72.46, 192.168.4.0/23]', () => {
    const m = compileIpMatcher(['172.17.72.46', '192.168.4.0/23']);
    expect(m('172.17.72.46')).toBe(true);
    expect(m('192.168.5.233')).toBe(true);
    expect(m('10.4.5.6')).toBe(false);
  });

  it('Z25: notRemoteIpBlocks [172.23.240.0/22] (the caller negates)', () => {
    const m = compileIpMatcher(['172.23.240.0/22']);
    expect(m('10.2.3.4')).toBe(false);
    expect(m('172.23.242.188')).toBe(true);
  });

  it('ignores the host bits of a range and skips invalid entries', () => {
    const m = compileIpMatcher(['10.0.0.77/24', 'not-an-ip', '1.2.3.4/33']);
    expect(m('10.0.0.1')).toBe(true);
    expect(m('1.2.3.4')).toBe(false);
  });

  it('matches IPv6 ranges, never across IP versions', () => {
    const m = compileIpMatcher(['2001:db8::/32', '0.0.0.0/0']);
    expect(m('2001:db8:ffff::1')).toBe(true);
    expect(m('2001:db9::1')).toBe(false);
    expect(m('8.8.8.8')).toBe(true);
    expect(compileIpMatcher(['::/0'])('8.8.8.8')).toBe(false);
    expect(compileIpMatcher(['1.2.3.4'])('::ffff:1.2.3.4')).toBe(false);
  });

  it('an unknown or unparsable address matches nothing', () => {
    const m = compileIpMatcher(['0.0.0.0/0', '::/0']);
    expect(m(undefined)).toBe(false);
    expect(m('')).toBe(false);
    expect(m('1.2.3.4:80')).toBe(false);
  });
});

describe('IP properties', () => {
  const ipv4 = fc.integer({ min: 0, max: 0xffffffff });
  const toText = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

  /** Reference: bigint containment, independent of the matcher's 32-bit masks. */
  function contains(network: number, prefix: number, address: number): boolean {
    const shift = BigInt(32 - prefix);
    return BigInt(network) >> shift === BigInt(address) >> shift;
  }

  it('the IPv4 matcher agrees with a bigint containment check', () => {
    // Candidates: any address, or the network with the bit just inside or just outside the prefix
    // flipped (this is what catches off-by-one masks).
    const candidate = fc.oneof(
      fc.record({ kind: fc.constant('any' as const), addr: ipv4 }),
      fc.record({ kind: fc.constant('edge' as const), inside: fc.boolean() }),
    );
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 0, max: 32 }), candidate, (net, prefix, c) => {
        let addr = net;
        if (c.kind === 'any') addr = c.addr;
        else {
          const bit = c.inside ? 32 - prefix : 31 - prefix; // lowest network bit / highest host bit
          if (bit >= 0 && bit <= 31) addr = (net ^ (1 << bit)) >>> 0;
        }
        const m = compileIpMatcher([`${toText(net)}/${prefix}`]);
        return m(toText(addr)) === contains(net, prefix, addr) && m(toText(net));
      }),
      { numRuns: 500 },
    );
  });

  it('the IPv6 matcher agrees with a bigint containment check', () => {
    const group = fc.integer({ min: 0, max: 0xffff });
    const v6 = fc.array(group, { minLength: 8, maxLength: 8 });
    const big = (g: number[]): bigint => g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);
    const fromBig = (n: bigint): string =>
      Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
    fc.assert(
      fc.property(
        v6,
        fc.integer({ min: 0, max: 128 }),
        v6,
        fc.constantFrom('any', 'inside', 'outside'),
        (net, prefix, other, kind) => {
          const network = big(net);
          const bit = kind === 'inside' ? 128 - prefix : 127 - prefix;
          const addr = kind === 'any' || bit < 0 || bit > 127 ? big(other) : network ^ (1n << BigInt(bit));
          const shift = BigInt(128 - prefix);
          const expected = network >> shift === addr >> shift;
          const m = compileIpMatcher([`${fromBig(network)}/${prefix}`]);
          return m(fromBig(addr)) === expected && m(fromBig(network));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('parse → format → parse round-trips IPv4 and IPv6 CIDRs', () => {
    const v4 = fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([n, p]) => `${toText(n)}/${p}`);
    const v6 = fc
      .tuple(
        fc.array(fc.constantFrom(0, 0, 0, 1, 0xabcd, 0xffff), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 128 }),
      )
      .map(([g, p]) => `${g.map((x) => x.toString(16)).join(':')}/${p}`);
    fc.assert(
      fc.property(fc.oneof(v4, v6), (text) => {
        const parsed = ok(text);
        const formatted = formatCidr(parsed);
        expect(ok(formatted)).toEqual(parsed);
        expect(formatCidr(ok(formatted))).toBe(formatted);
        return true;
      }),
    );
  });
});

/**
 * Zones: Go's netip.ParseAddr accepts `fe80::1%eth0` (Istio's ValidateIPs passes it), ParsePrefix
 * refuses a zone in a prefix, and Istio's AddrStrToPrefix → netip.PrefixFrom drops the zone from
 * the Envoy CIDR range (istio/istio pilot/pkg/networking/util/util.go), so it matches fe80::1.
 */
describe('IPv6 zones', () => {
  it('a bare IPv6 address may carry a non-empty zone', () => {
    expect(ok('fe80::1%eth0')).toMatchObject({ version: 6, words: [0xfe800000, 0, 0, 1], zone: 'eth0' });
    expect(formatCidr(ok('fe80::1%eth0'))).toBe('fe80::1%eth0');
    const inPrefix = parseIpOrCidr('fe80::1%eth0/64');
    expect(inPrefix.ok === false && inPrefix.reason).toBe(
      'bad CIDR range (fe80::1%eth0/64): IPv6 zones cannot be present in a prefix',
    );
  });

  it('the matcher drops the zone: the value matches the address, and only it', () => {
    const m = compileIpMatcher(['fe80::1%eth0']);
    expect(m('fe80::1')).toBe(true);
    expect(m('fe80::2')).toBe(false);
    expect(m('10.0.0.1')).toBe(false);
  });
});
