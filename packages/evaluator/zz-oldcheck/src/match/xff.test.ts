import { describe, expect, it } from 'vitest';
import { compileIpMatcher } from './ip';
import { remoteAddress } from './xff';

const GATEWAY = true;
const SIDECAR = false;
const peer = '10.244.0.7';

describe('remoteAddress at a gateway (use_remote_address: true)', () => {
  it('with 0 trusted proxies ignores XFF (Envoy docs, example 1)', () => {
    expect(remoteAddress('192.0.2.5', '203.0.113.128, 203.0.113.10, 203.0.113.1', 0, GATEWAY)).toBe(
      '192.0.2.5',
    );
  });

  it('with N trusted proxies takes the Nth entry from the right', () => {
    const xff = '192.0.2.10, 192.0.2.1, 10.0.0.1';
    expect(remoteAddress(peer, xff, 1, GATEWAY)).toBe('10.0.0.1');
    expect(remoteAddress(peer, xff, 2, GATEWAY)).toBe('192.0.2.1');
    expect(remoteAddress(peer, xff, 3, GATEWAY)).toBe('192.0.2.10');
  });

  it('falls back to the peer when XFF is absent, too short, or the entry is not an IP', () => {
    expect(remoteAddress(peer, undefined, 1, GATEWAY)).toBe(peer);
    expect(remoteAddress(peer, '192.0.2.10, 10.0.0.1', 3, GATEWAY)).toBe(peer);
    expect(remoteAddress(peer, '', 1, GATEWAY)).toBe(peer);
    expect(remoteAddress(peer, 'unknown', 1, GATEWAY)).toBe(peer);
    expect(remoteAddress(peer, '1.2.3.4,', 1, GATEWAY)).toBe(peer);
  });

  it('trims whitespace around entries and accepts IPv6', () => {
    expect(remoteAddress(peer, '1.1.1.1,\t2001:db8::1 ', 1, GATEWAY)).toBe('2001:db8::1');
  });
});

describe('remoteAddress at a sidecar (use_remote_address: false, no trusted hops)', () => {
  it('uses the last XFF entry when present, else the peer', () => {
    expect(remoteAddress(peer, '192.0.2.10, 10.0.0.1', 0, SIDECAR)).toBe('10.0.0.1');
    expect(remoteAddress(peer, undefined, 0, SIDECAR)).toBe(peer);
    expect(remoteAddress(peer, 'garbage', 0, SIDECAR)).toBe(peer);
  });

  it('ignores numTrustedProxies (Istio sets xff_num_trusted_hops on gateways only)', () => {
    expect(remoteAddress(peer, '192.0.2.10, 10.0.0.1', 2, SIDECAR)).toBe('10.0.0.1');
  });
});

/*
 * Z24/Z25 come from TestAuthz_IngressGateway, whose suite installs Istio with
 * meshConfig.defaultConfig.gatewayTopology.numTrustedProxies: 1 ("Needed for X-Forwarded-For"),
 * and the test client sends a single-entry XFF to the ingress gateway. With one trusted hop the
 * gateway takes that entry as remote.ip; with the default 0 it would use the client's own address.
 */
describe('Z24/Z25 at the ingress gateway with numTrustedProxies: 1', () => {
  const client = '10.244.1.9';
  const remote = (xff: string): string => remoteAddress(client, xff, 1, GATEWAY);

  it('Z24: DENY remoteIpBlocks [172.17.72.46, 192.168.4.0/23]', () => {
    const deny = compileIpMatcher(['172.17.72.46', '192.168.4.0/23']);
    expect(deny(remote('172.17.72.46'))).toBe(true); // 403
    expect(deny(remote('192.168.5.233'))).toBe(true); // 403
    expect(deny(remote('10.4.5.6'))).toBe(false); // 200
  });

  it('Z25: DENY notRemoteIpBlocks [172.23.240.0/22]', () => {
    const inBlock = compileIpMatcher(['172.23.240.0/22']);
    expect(!inBlock(remote('10.2.3.4'))).toBe(true); // 403
    expect(!inBlock(remote('172.23.242.188'))).toBe(false); // 200
  });

  it('with the default 0 trusted proxies XFF is ignored and remote.ip is the client', () => {
    const deny = compileIpMatcher(['172.17.72.46', '192.168.4.0/23']);
    expect(remoteAddress(client, '172.17.72.46', 0, GATEWAY)).toBe(client);
    expect(deny(remoteAddress(client, '172.17.72.46', 0, GATEWAY))).toBe(false);
  });
});
