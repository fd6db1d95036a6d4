/**
 * Istio and Gateway API resources, copied into the workspace as they are, less what the API server
 * sets: `status`, `metadata.managedFields`, `uid`, `resourceVersion`, `generation`, `selfLink` and
 * kubectl's `last-applied-configuration` annotation. `creationTimestamp` stays: the workspace
 * format honours it where Istio breaks ties by age (docs/workspace-format.md).
 */
import { stringify } from 'yaml';
import type { Dict } from '../read';
import { type KubeObject, dict } from './kube';

const GROUPS = ['security.istio.io/', 'networking.istio.io/', 'gateway.networking.k8s.io/'];

export function isIstioResource(object: KubeObject): boolean {
  return GROUPS.some((g) => object.apiVersion.startsWith(g));
}

const SERVER_SET = new Set(['managedFields', 'uid', 'resourceVersion', 'generation', 'selfLink']);
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The object without server-set fields; a new object (the input is not changed). */
export function withoutServerFields(raw: Dict): Dict {
  const out: Dict = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'status') continue;
    if (key !== 'metadata') {
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const meta = dict(value);
    if (!meta) continue;
    const cleanMeta: Dict = {};
    for (const [k, v] of Object.entries(meta)) {
      if (SERVER_SET.has(k)) continue;
      let kept = v;
      if (k === 'annotations') {
        const annotations = dict(v);
        if (annotations) {
          kept = Object.fromEntries(Object.entries(annotations).filter(([a]) => a !== LAST_APPLIED));
          if (Object.keys(kept as Dict).length === 0) continue;
        }
      }
      Object.defineProperty(cleanMeta, k, {
        value: kept,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    out.metadata = cleanMeta;
  }
  return out;
}

/** The resources as one multi-document YAML text (`---` between them), or '' for none. */
export function resourcesText(objects: readonly KubeObject[]): string {
  return objects.map((o) => stringify(withoutServerFields(o.raw), { lineWidth: 0 })).join('---\n');
}
