/** Property: `authenticate` never throws and always answers one of its three results. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authenticate } from './authenticate';
import { ISSUER_1, ISSUER_2, context, ra, rule, sim } from './test-fixtures';

const NOW = 1767225600;

const providerSets = [
  ra('default', [rule({ issuer: ISSUER_1 })]),
  [
    ...ra(
      'two',
      [rule({ issuer: ISSUER_1, audiences: ['foo'] }), rule({ issuer: ISSUER_2, fromParams: ['token'] })],
      0,
    ),
    ...ra(
      'three',
      [rule({ issuer: ISSUER_2, fromHeaders: [{ name: 'x-jwt', prefix: 'Value ' }], fromCookies: ['c'] })],
      1,
    ),
  ],
];

const tokenish = fc.oneof(
  fc.string(),
  fc.constant(sim({ iss: ISSUER_1, sub: 's' })),
  fc.constant(sim({ iss: ISSUER_2, sub: 's', aud: 'foo' }, 'invalid')),
  fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map((p) => p.join('.')),
);

describe('authenticate (property)', () => {
  it('never throws and returns pass / unauthenticated / audience-rejected for arbitrary headers and queries', async () => {
    const contexts = await Promise.all(
      providerSets.map((p) => context([], p, { 'https://example.com/jwks.json': { keys: [] } })),
    );
    const plain = await Promise.all(providerSets.map((p) => context([], p)));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: providerSets.length - 1 }),
        fc.boolean(),
        fc.constantFrom('GET', 'OPTIONS', 'POST', 'get'),
        fc.dictionary(
          fc.constantFrom(
            'authorization',
            'x-jwt',
            'cookie',
            'origin',
            'access-control-request-method',
            'X-Other',
          ),
          fc.oneof(
            tokenish,
            tokenish.map((t) => `Bearer ${t}`),
            tokenish.map((t) => `Value ${t}`),
          ),
        ),
        fc.string(),
        fc.array(fc.tuple(fc.constantFrom('access_token', 'token', 'x', ''), tokenish)),
        fc.integer({ min: -1e12, max: 1e12 }),
        (set, listed, method, headers, rawPath, params, now) => {
          const query = params.map(([k, v]) => `${k}=${v}`).join('&');
          const path = `/${rawPath}?${query}`;
          const ctx = (listed ? contexts : plain)[set];
          const providers = providerSets[set];
          if (ctx === undefined || providers === undefined) throw new Error('fixture');
          const out = authenticate(providers, { method, path, host: 'h', headers }, ctx, now + NOW);
          expect(['pass', 'unauthenticated', 'audience-rejected']).toContain(out.result);
          expect(out.message).not.toMatch(/^Internal error/);
        },
      ),
      { numRuns: 500 },
    );
  });
});
