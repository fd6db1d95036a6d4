/**
 * The review diff over consecutive steps of the seed tasks. Each golden workspace carries an
 * `expect` on every probe, transcribed from the Istio documents (golden/README.md), so the change
 * list between two steps follows from the two files alone: pair the probes (by name, else by the
 * request they send — worked out here independently of the engine's matcher) and keep the pairs
 * whose `expect` (or `expectMtls`) differs. `diffReview` over the engine's evaluations must report
 * exactly those, with before/after outcomes that meet the two expects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffReview, evaluateWorkspace, splitWorkspace, type ProbeOutcome, type ProbeSpec } from '../src';

const golden = (name: string) => readFileSync(join(import.meta.dirname, 'golden', `${name}.yaml`), 'utf8');

/** What a probe sends, as the issue defines "the same probe" (from, to, port, method, path, host, headers, token). */
function requestKey(p: ProbeSpec): string {
  const r = p.request ?? {};
  const headers = Object.entries(r.headers ?? {})
    .map(([k, v]) => `${k.toLowerCase()}=${v}`)
    .sort();
  return JSON.stringify([
    p.from,
    p.to,
    p.port,
    (r.method ?? 'GET').toUpperCase(),
    r.path ?? '/',
    r.host ?? '',
    headers,
    r.token ?? '',
    (r.tokens ?? []).map((t) => [t.token, t.in ?? '', t.prefix ?? '']),
  ]);
}

interface Expected {
  changed: { name: string; before: string; after: string }[];
  added: string[];
  removed: string[];
}

/** The change list that the two files' `expect`s imply. */
function expectedChanges(before: ProbeSpec[], after: ProbeSpec[]): Expected {
  const free = new Set(before.map((_, i) => i));
  const partner = new Map<number, number>();
  after.forEach((p, j) => {
    const i = before.findIndex((q, i) => free.has(i) && p.name !== undefined && q.name === p.name);
    if (i >= 0) {
      partner.set(j, i);
      free.delete(i);
    }
  });
  after.forEach((p, j) => {
    if (partner.has(j)) return;
    const i = before.findIndex(
      (q, i) =>
        free.has(i) &&
        !after.some((a) => a.name !== undefined && a.name === q.name) &&
        requestKey(q) === requestKey(p),
    );
    if (i >= 0) {
      partner.set(j, i);
      free.delete(i);
    }
  });
  const changed: Expected['changed'] = [];
  const added: string[] = [];
  after.forEach((p, j) => {
    const i = partner.get(j);
    const q = i === undefined ? undefined : before[i];
    if (!q) {
      added.push(p.name ?? '');
      return;
    }
    const mtlsDiffers =
      q.expectMtls !== undefined && p.expectMtls !== undefined && q.expectMtls !== p.expectMtls;
    if (q.expect !== p.expect || mtlsDiffers)
      changed.push({ name: p.name ?? '', before: q.expect ?? '', after: p.expect ?? '' });
  });
  const removed = [...free].sort((a, b) => a - b).map((i) => before[i]?.name ?? '');
  return { changed, added, removed };
}

/** An `expect` names a status or a verdict (docs/workspace-format.md "Outcomes"). */
const meets = (o: ProbeOutcome, expectation: string): boolean =>
  o.status === expectation || o.verdict === expectation;

async function side(name: string) {
  const text = golden(name);
  const evaluation = await evaluateWorkspace(text);
  return { probes: splitWorkspace(text).probes.probes ?? [], results: evaluation.probes };
}

interface Step {
  before: string;
  after: string;
  /**
   * Pairs that stay allowed but switch from mutual TLS to plain text: the files' `expect` says only
   * "200", the documents say how it travels (cited per step); an mTLS change is a change too.
   */
  nowPlaintext?: string[];
}

const STEPS: Step[] = [
  // Authentication task (seeds/002): each section's printed table after the previous one.
  { before: 'authn-setup', after: 'authn-mesh-strict' },
  { before: 'authn-setup', after: 'authn-namespace-strict' },
  { before: 'authn-namespace-strict', after: 'authn-workload-strict' },
  {
    before: 'authn-workload-strict',
    after: 'authn-port-level',
    // "Sidecar clients notice the DISABLE port too and send plain text to it" (docs/semantics.md F1 M22/M25:
    // auto mTLS follows the endpoint's PeerAuthentication, and a DISABLE port has no TLS chain).
    nowPlaintext: ['sleep.foo to httpbin.bar', 'sleep.bar to httpbin.bar'],
  },
  {
    before: 'authn-port-level',
    after: 'authn-precedence',
    // overwrite-example DISABLE on httpbin.foo: "Sidecar clients see that httpbin.foo no longer wants
    // mutual TLS and switch to plain text for it" (docs/semantics.md F1 M22).
    nowPlaintext: ['sleep.foo to httpbin.foo', 'sleep.bar to httpbin.foo'],
  },
  // End-user authentication at the ingress (seeds/002, Istio APIs tab).
  { before: 'jwt-ingress-no-policy', after: 'jwt-ingress-request-authentication' },
  { before: 'jwt-ingress-request-authentication', after: 'jwt-ingress-require-token' },
  { before: 'jwt-ingress-require-token', after: 'jwt-ingress-per-path' },
  // Namespace isolation patterns (seeds/000).
  { before: 'pattern-namespace-isolation-permissive', after: 'pattern-namespace-isolation' },
  { before: 'pattern-namespace-isolation', after: 'pattern-namespace-isolation-ingress' },
  { before: 'pattern-namespace-isolation-ingress', after: 'pattern-namespace-isolation-ingress-deny' },
  // Authorization concepts (seeds/003): allow-nothing, then deny-all / allow-all on top.
  { before: 'concepts-allow-nothing', after: 'concepts-deny-all' },
  { before: 'concepts-allow-nothing', after: 'concepts-allow-all' },
  { before: 'concepts-tcp-mongodb', after: 'concepts-tcp-mongodb-http-fields' },
  { before: 'concepts-unauthenticated-identity', after: 'concepts-authenticated-identity' },
];

describe('diffReview over consecutive steps of the seed tasks', () => {
  it('the authentication task: PERMISSIVE setup → mesh-wide STRICT cuts sleep.legacy off (200 → 000)', async () => {
    const diff = diffReview(await side('authn-setup'), await side('authn-mesh-strict'));
    expect(diff.changes.map((c) => [c.name, c.before.status, c.after.status, c.kind])).toEqual([
      ['sleep.legacy to httpbin.foo', '200', '000', 'newly-denied'],
      ['sleep.legacy to httpbin.bar', '200', '000', 'newly-denied'],
    ]);
    expect(diff.summary).toEqual({ changed: 2, added: 0, removed: 2, unchanged: 7 });
  });

  for (const step of STEPS) {
    it(`${step.before} → ${step.after}`, async () => {
      const before = await side(step.before);
      const after = await side(step.after);
      const wanted = expectedChanges(before.probes, after.probes);
      const diff = diffReview(before, after);
      const statusChanges = diff.changes.filter(
        (c) => c.before.status !== c.after.status || c.before.verdict !== c.after.verdict,
      );
      expect(statusChanges.map((c) => c.name)).toEqual(wanted.changed.map((c) => c.name));
      for (const [k, c] of statusChanges.entries()) {
        const w = wanted.changed[k];
        expect(meets(c.before, w?.before ?? ''), `${c.name} before ${c.before.status}`).toBe(true);
        expect(meets(c.after, w?.after ?? ''), `${c.name} after ${c.after.status}`).toBe(true);
      }
      const mtlsOnly = diff.changes.filter((c) => !statusChanges.includes(c));
      expect(mtlsOnly.map((c) => [c.name, c.before.mtls, c.after.mtls, c.kind])).toEqual(
        (step.nowPlaintext ?? []).map((name) => [name, true, false, 'other']),
      );
      expect(diff.added.map((a) => a.name)).toEqual(wanted.added);
      expect(diff.removed.map((r) => r.name)).toEqual(wanted.removed);
      expect(diff.summary.unchanged).toBe(after.probes.length - wanted.added.length - diff.changes.length);
    });
  }

  it('finds changes in at least three families of steps (authn, jwt, pattern, concepts)', async () => {
    const families = new Set<string>();
    for (const step of STEPS) {
      const before = await side(step.before);
      const after = await side(step.after);
      if (expectedChanges(before.probes, after.probes).changed.length > 0)
        families.add(step.before.split('-')[0] ?? '');
    }
    expect(families.size).toBeGreaterThanOrEqual(3);
  });
});
