import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePort } from './port';

describe('parsePort (Istio ValidatePorts / convertToPort)', () => {
  it.each([
    ['0', 0],
    ['80', 80],
    ['080', 80],
    ['65535', 65535],
    ['65536', null],
    ['', null],
    ['*', null],
    ['8000-9000', null],
    ['+80', null],
    ['-1', null],
    [' 80', null],
    ['80.0', null],
    ['99999999999999999999', null],
  ])('%j → %j', (text, expected) => {
    expect(parsePort(text)).toBe(expected);
  });

  it('round-trips every valid port', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 65535 }), (p) => parsePort(String(p)) === p));
  });
});
