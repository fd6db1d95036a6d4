/**
 * Which AuthorizationPolicies and RequestAuthentications apply to a workload (docs/semantics.md §A1, §C1):
 * root namespace plus the workload's own namespace; selector subset; targetRefs only for
 * Gateway API gateways.
 */
import { selects, type MeshModel, type MeshWorkload } from './mesh';
import type { ResourceMeta, TargetRef } from './resources/types';

/** The label Gateway API deployments carry (gateway.networking.k8s.io/gateway-name). */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

interface Attachable {
  meta: ResourceMeta;
  selector: Record<string, string> | null;
  targetRefs: TargetRef[];
}

export type AttachReason = 'mesh-wide' | 'namespace-wide' | 'selector' | 'targetRef';

/** Why a policy applies to a workload, or null if it does not. */
export function attachReason(
  policy: Attachable,
  workload: MeshWorkload,
  mesh: MeshModel,
): AttachReason | null {
  const ns = policy.meta.namespace;
  const inRoot = ns === mesh.rootNamespace;
  if (!inRoot && ns !== workload.namespace) return null;
  if (policy.targetRefs.length > 0) {
    const gatewayName = workload.labels[GATEWAY_NAME_LABEL];
    if (gatewayName === undefined || ns !== workload.namespace) return null;
    const attached = policy.targetRefs.some(
      (ref) =>
        ref.kind === 'Gateway' &&
        ref.name === gatewayName &&
        (ref.group === '' || ref.group === 'gateway.networking.k8s.io'),
    );
    return attached ? 'targetRef' : null;
  }
  if (policy.selector === null) return inRoot ? 'mesh-wide' : 'namespace-wide';
  return selects(policy.selector, workload.labels) ? 'selector' : null;
}

/** Indexes policies by namespace so selection never scans unrelated namespaces. */
export class PolicyIndex<T extends Attachable> {
  private byNamespace = new Map<string, T[]>();

  /** `rejected`: index the policies a cluster would have refused instead (to explain their absence). */
  constructor(
    policies: readonly T[],
    private readonly mesh: MeshModel,
    rejected = false,
  ) {
    for (const p of policies) {
      if (p.meta.rejected !== rejected) continue;
      const list = this.byNamespace.get(p.meta.namespace);
      if (list) list.push(p);
      else this.byNamespace.set(p.meta.namespace, [p]);
    }
  }

  /** Applicable policies in document order, each with why it applies. */
  forWorkload(workload: MeshWorkload): { policy: T; reason: AttachReason }[] {
    const out: { policy: T; reason: AttachReason }[] = [];
    const visit = (list: T[] | undefined) => {
      for (const policy of list ?? []) {
        const reason = attachReason(policy, workload, this.mesh);
        if (reason) out.push({ policy, reason });
      }
    };
    visit(this.byNamespace.get(this.mesh.rootNamespace));
    if (workload.namespace !== this.mesh.rootNamespace) visit(this.byNamespace.get(workload.namespace));
    out.sort((a, b) => a.policy.meta.order - b.policy.meta.order);
    return out;
  }
}
