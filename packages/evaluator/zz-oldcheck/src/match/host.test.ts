import { describe, expect, it } from 'vitest';
import { compileHostMatcher } from './host';

describe('compileHostMatcher', () => {
  it('Z40: compares the full authority including the port', () => {
    expect(compileHostMatcher('httpbin.foo')('httpbin.foo:8000')).toBe(false);
    expect(compileHostMatcher('httpbin.foo:*')('httpbin.foo:8000')).toBe(true);
    expect(compileHostMatcher('httpbin.foo')('httpbin.foo')).toBe(true);
  });

  it('Z22: hosts are case-insensitive (DENY list on the ingress gateway)', () => {
    const deny = ['deny.X.com', '*.suffix.X.com', 'prefix.X.*'].map(compileHostMatcher);
    const denied = (host: string): boolean => deny.some((m) => m(host));
    expect(denied('DENY.X.COM')).toBe(true);
    expect(denied('Deny.Suffix.X.Com')).toBe(true);
    expect(denied('Prefix.X.Com')).toBe(true);
    expect(denied('www.X.com')).toBe(false);
  });

  it('Z21: notHosts on the backend', () => {
    const m = compileHostMatcher('deny.svc.com');
    expect(m('allow.svc.com')).toBe(false);
    expect(m('deny.svc.com')).toBe(true);
  });

  it('`*` is present_match on :authority', () => {
    expect(compileHostMatcher('*')('')).toBe(true);
    expect(compileHostMatcher('*')(undefined)).toBe(false);
  });
});
