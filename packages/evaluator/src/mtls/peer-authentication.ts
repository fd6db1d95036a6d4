/**
 * Server-side mTLS mode resolution for sidecars (docs/semantics.md §B1): mesh → namespace → workload →
 * port, UNSET inherits, the oldest policy wins at each level, root-namespace selectors ignored,
 * portLevelMtls keyed by the workload (container) port.
 */
import type { MeshModel, MeshWorkload } from '../mesh';
import { selects } from '../mesh';
import type { MutualTlsMode, PeerAuthentication } from '../resources/types';
import type { ModeOrigin, PeerAuthenticationMode } from '../types';

export type ServerMode = Exclude<PeerAuthenticationMode, 'NONE'>;

export interface ModeDecision {
  mode: ServerMode;
  origin: ModeOrigin;
  /** The policy whose (non-UNSET) mode decided, if any. */
  policy: PeerAuthentication | null;
  /** portLevelMtls entry index, when the port level decided. */
  port?: number;
}

export interface WorkloadPeerAuthentication {
  /** The workload's mode before port-level overrides. */
  workload: ModeDecision;
  /** The namespace-level effective mode (mesh + namespace only): what auto-mTLS's cluster stage reads. */
  namespace: ModeDecision;
  /** The workload-level policy that was selected (it alone carries portLevelMtls). */
  workloadPolicy: PeerAuthentication | null;
  /** Policies considered and ignored, with why (for the trace). */
  ignored: { policy: PeerAuthentication; reason: string }[];
}

/** Age order: creationTimestamp when given, otherwise document order (docs/workspace-format.md "Istio resources"). */
export function olderFirst(
  a: { meta: { creationTimestamp: number | null; order: number } },
  b: typeof a,
): number {
  const ta = a.meta.creationTimestamp ?? Number.POSITIVE_INFINITY;
  const tb = b.meta.creationTimestamp ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.meta.order - b.meta.order;
}

const isSet = (mode: MutualTlsMode | null): mode is Exclude<MutualTlsMode, 'UNSET'> =>
  mode !== null && mode !== 'UNSET';

const emptySelector = (s: Record<string, string> | null) => s === null || Object.keys(s).length === 0;

/** Indexes PeerAuthentications by namespace once; resolves any workload cheaply. */
export class PeerAuthenticationIndex {
  private byNamespace = new Map<string, PeerAuthentication[]>();
  private cache = new Map<string, WorkloadPeerAuthentication>();
  private namespaceCache = new Map<
    string,
    { decision: ModeDecision; ignored: WorkloadPeerAuthentication['ignored'] }
  >();

  constructor(
    policies: readonly PeerAuthentication[],
    private readonly mesh: MeshModel,
  ) {
    for (const p of [...policies].filter((p) => !p.meta.rejected).sort(olderFirst)) {
      const list = this.byNamespace.get(p.meta.namespace);
      if (list) list.push(p);
      else this.byNamespace.set(p.meta.namespace, [p]);
    }
  }

  /** Mesh level, then namespace level, for workloads of `namespace`. */
  private namespaceLevel(namespace: string): {
    decision: ModeDecision;
    ignored: WorkloadPeerAuthentication['ignored'];
  } {
    const cached = this.namespaceCache.get(namespace);
    if (cached) return cached;
    const ignored: WorkloadPeerAuthentication['ignored'] = [];
    let decision: ModeDecision = { mode: 'PERMISSIVE', origin: 'default', policy: null };
    const pick = (list: PeerAuthentication[], level: 'mesh' | 'namespace') => {
      const candidates = list.filter((p) => emptySelector(p.selector));
      const [oldest, ...newer] = candidates;
      for (const p of newer) {
        ignored.push({
          policy: p,
          reason: `a ${level}-level PeerAuthentication already exists (${oldest?.meta.name}, older): the newer one is ignored`,
        });
      }
      if (oldest && isSet(oldest.mode)) decision = { mode: oldest.mode, origin: level, policy: oldest };
    };
    const root = this.byNamespace.get(this.mesh.rootNamespace) ?? [];
    pick(root, 'mesh');
    if (namespace !== this.mesh.rootNamespace) pick(this.byNamespace.get(namespace) ?? [], 'namespace');
    const result = { decision, ignored };
    this.namespaceCache.set(namespace, result);
    return result;
  }

  forWorkload(workload: MeshWorkload): WorkloadPeerAuthentication {
    const cached = this.cache.get(workload.key);
    if (cached) return cached;
    const ns = this.namespaceLevel(workload.namespace);
    const ignored = [...ns.ignored];
    let workloadDecision = ns.decision;
    let workloadPolicy: PeerAuthentication | null = null;
    for (const p of this.byNamespace.get(this.mesh.rootNamespace) ?? []) {
      if (!emptySelector(p.selector) && p.selector && selects(p.selector, workload.labels)) {
        ignored.push({
          policy: p,
          reason: 'PeerAuthentications with a selector in the root namespace are ignored for sidecars',
        });
      }
    }
    if (workload.namespace !== this.mesh.rootNamespace) {
      const matching = (this.byNamespace.get(workload.namespace) ?? []).filter(
        (p) => !emptySelector(p.selector) && p.selector !== null && selects(p.selector, workload.labels),
      );
      const [oldest, ...newer] = matching;
      for (const p of newer) {
        ignored.push({
          policy: p,
          reason: `several workload-level PeerAuthentications select this workload: the oldest (${oldest?.meta.name}) wins`,
        });
      }
      if (oldest) {
        workloadPolicy = oldest;
        if (isSet(oldest.mode)) workloadDecision = { mode: oldest.mode, origin: 'workload', policy: oldest };
      }
    }
    const result: WorkloadPeerAuthentication = {
      workload: workloadDecision,
      namespace: ns.decision,
      workloadPolicy,
      ignored,
    };
    this.cache.set(workload.key, result);
    return result;
  }

  /** The mode the server sidecar enforces on a workload (container) port. */
  forPort(workload: MeshWorkload, targetPort: number): ModeDecision {
    const resolved = this.forWorkload(workload);
    const entry = resolved.workloadPolicy?.portLevelMtls.find((p) => p.port === targetPort);
    if (entry && isSet(entry.mode)) {
      return { mode: entry.mode, origin: 'port', policy: resolved.workloadPolicy, port: targetPort };
    }
    return resolved.workload;
  }
}
