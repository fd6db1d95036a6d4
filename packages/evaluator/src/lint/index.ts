/**
 * Lints: resources a cluster accepts but that do not do what their author most likely meant —
 * istioctl analyze's "namespace not found" and "no matching workloads", security pitfalls from
 * docs/semantics.md and from istio.io's Security Best Practices
 * (content/en/docs/ops/best-practices/security/index.md). Warnings only: nothing here changes a
 * verdict. Every lint is listed, with why and its fix, in docs/lints.md.
 */
import type { MeshWorkload } from '../mesh';
import { attachReason } from '../selection';
import type { AuthorizationPolicy, RequestAuthentication, ResourceMeta } from '../resources/types';
import type { Diagnostic } from '../types';
import { authorizationLints } from './authorization';
import { claimRouteLints } from './claim-route';
import { DOCS, warn, type LintInput } from './context';
import { destinationRuleLints } from './destination-rule';
import { requestAuthenticationLint } from './request-authentication';

export type { LintInput } from './context';
export { withTextFixes } from './text-fixes';

/**
 * An AuthorizationPolicy or RequestAuthentication in the root namespace is mesh-wide: without a
 * selector it applies to every workload, with one to the matching workloads of every namespace
 * (AuthorizationPolicy reference, "root namespace"; selection.ts). A selector that only matches
 * workloads of the root namespace itself (an ingress gateway in istio-system) is not reported.
 * PeerAuthentication is left out: a mesh-wide one is how Istio documents mesh-wide mTLS.
 */
function rootNamespaceLint(
  meta: ResourceMeta,
  selector: Record<string, string> | null,
  targets: MeshWorkload[],
  input: LintInput,
): Diagnostic[] {
  const root = input.mesh.rootNamespace;
  const withSelector = selector !== null && Object.keys(selector).length > 0;
  const elsewhere = targets.filter((w) => w.namespace !== root);
  if (withSelector && elsewhere.length === 0) return [];
  const message = withSelector
    ? `it is in the root namespace ${root}, so its selector is matched in every namespace, not only ${root}: it applies to ${elsewhere.map((w) => w.key).join(', ')}. Move it to the workload's namespace if that is all it is meant for`
    : `it is in the root namespace ${root} without a selector: it applies to every workload of every namespace in the mesh`;
  return [
    warn(
      meta,
      'lint.root-namespace-policy',
      message,
      input.rangeOf(meta.document, [...meta.basePath, 'metadata', 'namespace']),
      {
        docs: DOCS.authorizationPolicy,
      },
    ),
  ];
}

export function lintResources(input: LintInput): Diagnostic[] {
  const { resources, mesh, rangeOf } = input;
  const out: Diagnostic[] = claimRouteLints(input, input.hasRequestAuthentication ?? (() => true));
  const attachable = [
    ...resources.authorizationPolicies,
    ...resources.requestAuthentications,
    ...resources.peerAuthentications,
  ];
  for (const policy of attachable) {
    const meta = policy.meta;
    if (meta.rejected) continue;
    if (meta.namespace !== mesh.rootNamespace && !mesh.namespaces.has(meta.namespace)) {
      out.push(
        warn(
          meta,
          'lint.namespace-not-found',
          `namespace "${meta.namespace}" has no workloads in this mesh: the policy applies to nothing`,
          rangeOf(meta.document, [...meta.basePath, 'metadata', 'namespace']),
        ),
      );
      continue;
    }
    const targetRefs = 'targetRefs' in policy ? policy.targetRefs : [];
    const targets = mesh.workloads.filter(
      (w) => attachReason({ meta, selector: policy.selector, targetRefs }, w, mesh) !== null,
    );
    if (targets.length === 0 && (policy.selector !== null || targetRefs.length > 0)) {
      out.push(
        warn(
          meta,
          'lint.no-matching-workloads',
          'no workload in the mesh matches its selector or targetRefs: the policy applies to nothing',
          rangeOf(meta.document, [
            ...meta.basePath,
            'spec',
            policy.selector !== null ? 'selector' : 'targetRefs',
          ]),
        ),
      );
    }
    if (
      meta.kind !== 'PeerAuthentication' &&
      meta.namespace === mesh.rootNamespace &&
      targetRefs.length === 0
    ) {
      out.push(...rootNamespaceLint(meta, policy.selector, targets, input));
    }
    if (meta.kind === 'AuthorizationPolicy') {
      out.push(...authorizationLints(policy as AuthorizationPolicy, targets, input));
    } else if (meta.kind === 'RequestAuthentication') {
      out.push(...requestAuthenticationLint(policy as RequestAuthentication, targets, input));
    }
  }
  for (const dr of resources.destinationRules)
    if (!dr.meta.rejected) out.push(...destinationRuleLints(dr, input));
  return out;
}
