/**
 * PeerAuthentication (security.istio.io), validated as the CRD schema and Istio's webhook do
 * (docs/semantics.md §B1: mode enum, portLevelMtls needs a non-empty selector, ports 1-65535;
 * a root-namespace policy with a selector is ignored for sidecars).
 */
import type { NodePath } from '../document';
import type { MutualTlsMode, PeerAuthentication, ResourceMeta } from './types';
import type { Reader } from '../read';
import { type Dict, ownKeys } from '../read';
import { readWorkloadSelector } from './policy-target';

const SPEC_FIELDS = ['selector', 'mtls', 'portLevelMtls'] as const;
const MODES: readonly MutualTlsMode[] = ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'];

function readMode(r: Reader, obj: Dict, at: NodePath): MutualTlsMode {
  r.fields(obj, at, ['mode']);
  return r.enumString(obj, 'mode', at, MODES) ?? 'UNSET';
}

export function readPeerAuthentication(
  r: Reader,
  root: Dict,
  meta: ResourceMeta,
  rootNamespace: string,
): PeerAuthentication {
  const spec = r.object(root, 'spec', []) ?? {};
  const at: NodePath = ['spec'];
  r.fields(spec, at, SPEC_FIELDS);

  const selector = readWorkloadSelector(r, spec, at);
  const hasLabels = selector !== null && ownKeys(selector).length > 0;

  const mtls = r.object(spec, 'mtls', at);
  const mode = mtls === undefined ? null : readMode(r, mtls, [...at, 'mtls']);

  const portLevelMtls: { port: number; mode: MutualTlsMode }[] = [];
  const ports = r.object(spec, 'portLevelMtls', at);
  if (ports !== undefined) {
    for (const key of ownKeys(ports)) {
      const portPath = [...at, 'portLevelMtls', key];
      const port = /^\d+$/.test(key) ? Number(key) : NaN;
      if (!(port >= 1 && port <= 65535)) {
        r.error('peer.port-range', portPath, `portLevelMtls key "${key}" must be a port number 1-65535`, {
          key: true,
        });
      }
      const entry = r.object(ports, key, [...at, 'portLevelMtls']);
      const portMode = entry === undefined ? 'UNSET' : readMode(r, entry, portPath);
      if (port >= 1 && port <= 65535) portLevelMtls.push({ port, mode: portMode });
    }
    // CRD rule: any portLevelMtls (even `{}`) needs a selector with labels.
    if (!hasLabels) {
      r.error(
        'peer.port-level-requires-selector',
        [...at, 'portLevelMtls'],
        'portLevelMtls requires selector: mesh/namespace peer authentication cannot have port level mTLS; ' +
          'add a selector with matchLabels',
        { key: true },
      );
    }
  }

  if (meta.namespace === rootNamespace && hasLabels) {
    r.warning(
      'peer.root-namespace-selector',
      [...at, 'selector'],
      `PeerAuthentication with a workload selector in the root namespace "${rootNamespace}" is ignored for sidecars; ` +
        'put it in the workload namespace',
      { key: true },
    );
  }

  return { meta, selector, mode, portLevelMtls };
}
