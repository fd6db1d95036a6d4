/** PartsParser: a part is parsed again only when it changed (Mesh and Probes by object identity). */
import { describe, expect, it } from 'vitest';
import { PartsParser } from './parts';
import type { WorkspaceParts } from './workspace-text';

const PARTS: WorkspaceParts = {
  metadata: { name: 'demo' },
  mesh: { workloads: [{ name: 'httpbin', namespace: 'foo', ports: [{ port: 8000 }] }] },
  policies: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: a, namespace: foo}
spec: {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: b, namespace: foo}
spec: {}
`,
  probes: { probes: [{ from: 'foo/httpbin', to: 'foo/httpbin', port: 8000 }] },
};

describe('PartsParser', () => {
  it('keeps the parse of unchanged parts and of unchanged policies documents', () => {
    const parser = new PartsParser();
    const first = parser.parse(PARTS);
    expect(first.documents.map((d) => [d.source, d.index, d.kind])).toEqual([
      ['mesh', 0, 'Mesh'],
      ['policies', 0, 'AuthorizationPolicy'],
      ['policies', 1, 'AuthorizationPolicy'],
      ['probes', 0, 'Probes'],
    ]);
    const edited = parser.parse({ ...PARTS, policies: PARTS.policies.replace('name: b', 'name: c') });
    expect(edited.documents[0], 'same Mesh object: same parse').toBe(first.documents[0]);
    expect(edited.documents[3], 'same Probes object: same parse').toBe(first.documents[3]);
    expect(edited.documents[1]?.memo, 'unchanged policies document: same parse').toBe(
      first.documents[1]?.memo,
    );
    expect(edited.documents[2]?.memo, 'edited policies document: parsed again').not.toBe(
      first.documents[2]?.memo,
    );
    const mesh = parser.parse({ ...PARTS, mesh: { ...PARTS.mesh } });
    expect(mesh.documents[0], 'a new Mesh object is parsed again').not.toBe(first.documents[0]);
    expect(mesh.texts.mesh, '…to the same canonical text').toBe(first.texts.mesh);
    const metadata = parser.parse({ ...PARTS, metadata: { name: 'other' } });
    expect(metadata.texts.mesh).toContain('name: other');
  });
});
