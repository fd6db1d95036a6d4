import { describe, expect, it } from 'vitest';
import { sanitizeMesh, sanitizeProbes } from './sanitize';
import { readWorkspaceText } from './workspaceText';

describe('sanitize: label maps', () => {
  it('keeps `constructor` and `prototype` labels (valid Kubernetes keys) in null-prototype maps', () => {
    const mesh = sanitizeMesh(
      JSON.parse(
        '{"workloads":[{"name":"a","namespace":"ns","labels":{"constructor":"x","prototype":"y","app":"a","__proto__":{"polluted":"yes"}}}],' +
          '"namespaces":[{"name":"ns","labels":{"constructor":"ns-label"}}]}',
      ),
    );
    const labels = mesh.workloads?.[0]?.labels ?? {};
    expect(Object.getPrototypeOf(labels)).toBeNull();
    expect({ ...labels }).toEqual({ constructor: 'x', prototype: 'y', app: 'a' });
    expect(Object.keys(labels)).not.toContain('__proto__');
    expect(mesh.namespaces?.[0]?.labels?.constructor).toBe('ns-label');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps such headers on probe requests', () => {
    const probes = sanitizeProbes({
      probes: [{ from: 'ns/a', to: 'ns/b', request: { headers: { constructor: 'h' } } }],
    });
    expect(probes.probes?.[0]?.request?.headers?.constructor).toBe('h');
  });
});

describe('workspace text', () => {
  it('refuses a Mesh document that does not parse instead of moving it into the policies', () => {
    const read = readWorkspaceText('apiVersion: playground/v1\nkind: Mesh\nspec: {workloads: [\n');
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.message).toMatch(/Mesh document could not be read/);
  });
});
