import { describe, expect, it } from 'vitest';
import { serializeWorkspace } from '@playground/evaluator';
import type { WorkspaceParts } from '@playground/evaluator';
import { defaultParts } from '../state/store';
import { SerializeCache } from './serializeCache';

describe('the cached serialisation', () => {
  it('gives exactly what serializeWorkspace gives, for any policies text and after mesh changes', () => {
    const cache = new SerializeCache();
    const base = defaultParts();
    const policies = [
      '',
      '\n\n',
      '---\nkind: PeerAuthentication\n',
      'a: 1\n---\nb: 2\n\n\n',
      '   ---  \nx: y',
      'a: 1\r\nb: 2\r\n',
      '# only a comment',
      'kind: X\n  \t\n',
    ];
    const variants: [WorkspaceParts, number][] = [
      ...policies.map((p): [WorkspaceParts, number] => [{ ...base, policies: p }, 1]),
      [{ ...base, mesh: { ...base.mesh, workloads: [] }, policies: 'a: 1' }, 2],
      [{ ...base, metadata: { name: 'x' }, policies: 'a: 1\n' }, 3],
      [{ ...base, probes: { probes: [] }, policies: 'a: 1\n' }, 4],
    ];
    for (const [parts, version] of variants)
      expect(cache.serialize(parts, version)).toEqual(serializeWorkspace(parts));
  });
});
