import { describe, expect, it } from 'vitest';
import { EXAMPLE_IDS, filterExamples, isExampleId, loadAllExamples, loadExample, tagsOf } from './examples';

// The golden folder's README, read as data (like the examples themselves), not as evaluator code.
const goldenReadme = Object.values(
  import.meta.glob('../../../packages/evaluator/test/golden/README.md', {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>,
).join('');

/** The golden files as their README's table lists them (an independent list of the same files). */
const listed = [...goldenReadme.matchAll(/^\| `([a-z0-9-]+)\.yaml`/gm)].map((m) => m[1] ?? '');

describe('examples gallery catalog', () => {
  it('lists every golden workspace the golden README lists, by file name', () => {
    expect(listed.length).toBeGreaterThan(30);
    expect(EXAMPLE_IDS).toEqual([...listed].sort());
    expect(isExampleId('authn-mesh-strict')).toBe(true);
    expect(isExampleId('../package')).toBe(false);
  });

  it('loads every example with a title, a description and tags, named as its file', async () => {
    const all = await loadAllExamples();
    expect(all.map((e) => e.id)).toEqual(EXAMPLE_IDS);
    for (const e of all) {
      expect(e.title, e.id).not.toBe(e.id);
      expect(e.description.length, e.id).toBeGreaterThan(20);
      expect(e.tags.length, e.id).toBeGreaterThan(0);
      expect(e.parts.metadata.name, e.id).toBe(e.id);
    }
  });

  it('reads an example as the workspace it is', async () => {
    const e = await loadExample('authn-mesh-strict');
    expect(e?.title).toBe('Mesh-wide STRICT mutual TLS');
    expect(e?.parts.policies).toContain('kind: PeerAuthentication');
    expect(e?.parts.mesh.workloads?.length).toBe(6);
    expect(await loadExample('no-such-example')).toBeNull();
  });

  it('searches titles, descriptions and tags, every word, any case', async () => {
    const all = await loadAllExamples();
    const strict = filterExamples(all, 'STRICT mutual');
    expect(strict.map((e) => e.id)).toContain('authn-mesh-strict');
    for (const e of strict) expect(`${e.title} ${e.description}`.toLowerCase()).toContain('strict');
    expect(filterExamples(all, 'no such words anywhere')).toEqual([]);
    expect(filterExamples(all, '')).toHaveLength(all.length);
  });

  it('filters by tags (all selected tags must be present)', async () => {
    const all = await loadAllExamples();
    expect(tagsOf(all)).toEqual(expect.arrayContaining(['mTLS', 'JWT', 'authorization', 'gateway']));
    const jwtGateway = filterExamples(all, '', ['JWT', 'gateway']);
    expect(jwtGateway.length).toBeGreaterThan(0);
    for (const e of jwtGateway) expect(e.tags).toEqual(expect.arrayContaining(['JWT', 'gateway']));
    expect(filterExamples(all, 'jwt', ['mTLS']).every((e) => e.tags.includes('mTLS'))).toBe(true);
  });
});
