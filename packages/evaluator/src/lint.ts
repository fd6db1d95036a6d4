/**
 * Lints: resources a cluster accepts but that do not do what their author most likely meant —
 * istioctl analyze's "namespace not found" and "no matching workloads", plus security pitfalls
 * from docs/semantics.md (identity rules under PERMISSIVE, `hosts` without the port). Warnings only:
 * nothing here changes a verdict.
 */
import type { MeshWorkload } from './mesh';
import type { PeerAuthenticationIndex } from './mtls/peer-authentication';
import type { AuthorizationPolicy, ResourceMeta, ResourceSet } from './resources/types';
import { routingClaim } from './gateway/claims';
import { selects } from './mesh';
import { attachReason } from './selection';
import type { MeshModel } from './mesh';
import { sourceField } from './source';
import type { Diagnostic, SourceRange } from './types';

type RangeOf = (document: number, path: (string | number)[]) => SourceRange | undefined;

function warn(meta: ResourceMeta, code: string, message: string, range: SourceRange | undefined): Diagnostic {
  return {
    code,
    severity: 'warning',
    message: `${meta.kind} ${meta.namespace}/${meta.name}: ${message}`,
    document: meta.document,
    range: range ?? null,
    resource: { kind: meta.kind, name: meta.name, namespace: meta.namespace, document: meta.document },
    ...sourceField(meta.source),
  };
}

const IDENTITY_FIELDS = ['principals', 'namespaces', 'serviceAccounts', 'trustDomains'] as const;

/** Workloads whose proxy accepts plaintext on some port (PERMISSIVE or DISABLE). */
function acceptsPlaintext(w: MeshWorkload, pa: PeerAuthenticationIndex): boolean {
  if (!w.sidecar || w.gateway) return false;
  const ports = [...w.ports.map((p) => p.targetPort), ...w.listens];
  return ports.length === 0
    ? pa.forWorkload(w).workload.mode !== 'STRICT'
    : ports.some((p) => pa.forPort(w, p).mode !== 'STRICT');
}

function authorizationLints(
  policy: AuthorizationPolicy,
  targets: MeshWorkload[],
  pa: PeerAuthenticationIndex,
  rangeOf: RangeOf,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const base = [...policy.meta.basePath, 'spec', 'rules'];
  const plaintextTargets = targets.filter((w) => acceptsPlaintext(w, pa));
  // Gateways see the Host their outside clients send, usually without a port: only sidecars here.
  const servicePorts = new Set(targets.filter((w) => !w.gateway).flatMap((w) => w.ports.map((p) => p.port)));
  (policy.rules ?? []).forEach((rule) => {
    rule.from?.forEach((source, i) => {
      const field = IDENTITY_FIELDS.find((f) => source[f]?.length);
      if (!field || plaintextTargets.length === 0) return;
      const names = plaintextTargets.map((w) => w.key).join(', ');
      const accept = plaintextTargets.length === 1 ? 'accepts' : 'accept';
      const path = [...base, rule.index, 'from', i, 'source', field];
      if (policy.action === 'DENY') {
        out.push(
          warn(
            policy.meta,
            'lint.deny-identity-plaintext',
            `rule ${rule.index} denies by ${field}, but ${names} also ${accept} plaintext, which carries no identity: a plaintext client from the same pod is not denied. Use STRICT mTLS, or deny by notPrincipals: ["*"] too`,
            rangeOf(policy.meta.document, path),
          ),
        );
      } else if (policy.action === 'ALLOW') {
        out.push(
          warn(
            policy.meta,
            'lint.allow-identity-plaintext',
            `rule ${rule.index} allows by ${field}, but ${names} also ${accept} plaintext: plaintext callers have no identity and are denied by this rule. Turn on STRICT mTLS so every caller has one`,
            rangeOf(policy.meta.document, path),
          ),
        );
      }
    });
    const nonDefault = [...servicePorts].filter((p) => p !== 80 && p !== 443);
    rule.to?.forEach((op, i) => {
      // Hosts listed with a port too (`host:…`), by the part before the port: one pass, so a list of
      // thousands of hosts is not compared with itself.
      const withPort = new Set(
        (op.hosts ?? []).flatMap((h) => (h.includes(':') ? [h.slice(0, h.indexOf(':')).toLowerCase()] : [])),
      );
      op.hosts?.forEach((host, j) => {
        if (host.includes(':') || host.endsWith('*') || withPort.has(host.toLowerCase())) return;
        if (nonDefault.length === 0) return;
        out.push(
          warn(
            policy.meta,
            'lint.hosts-without-port',
            `hosts "${host}" is compared with the whole Host header, which includes the port for Service port ${nonDefault.join(', ')} (e.g. "${host}:${nonDefault[0]}"): add "${host}:*" too`,
            rangeOf(policy.meta.document, [...base, rule.index, 'to', i, 'operation', 'hosts', j]),
          ),
        );
      });
    });
  });
  return out;
}

/**
 * istioctl analyze IST0149 JwtClaimBasedRoutingWithoutRequestAuthN (istio/istio
 * pkg/config/analysis/analyzers/virtualservice/jwtclaimroute.go): a VirtualService routes on JWT
 * claims at a gateway whose workload no RequestAuthentication applies to, so no token is ever
 * validated there and the claim routes never match.
 */
function claimRouteLints(
  resources: ResourceSet,
  mesh: MeshModel,
  hasRequestAuthentication: (w: MeshWorkload) => boolean,
  rangeOf: RangeOf,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const vs of resources.virtualServices) {
    if (vs.meta.rejected) continue;
    let claimPath: (string | number)[] | null = null;
    let claimKey = '';
    for (const route of vs.http)
      route.match.forEach((m, i) => {
        for (const field of ['headers', 'withoutHeaders'] as const)
          for (const name of Object.keys(m[field] ?? {}))
            if (claimPath === null && routingClaim(name) !== null) {
              claimPath = [...vs.meta.basePath, 'spec', 'http', route.index, 'match', i, field, name];
              claimKey = name;
            }
      });
    if (claimPath === null) continue;
    for (const name of vs.gateways) {
      if (name === 'mesh') continue;
      const [ns, gwName] = name.includes('/') ? name.split('/', 2) : [vs.meta.namespace, name];
      const gw = resources.gateways.find(
        (g) => !g.meta.rejected && g.meta.namespace === ns && g.meta.name === gwName,
      );
      if (!gw || Object.keys(gw.selector).length === 0) continue;
      for (const w of mesh.workloads) {
        if (!selects(gw.selector, w.labels) || hasRequestAuthentication(w)) continue;
        out.push(
          warn(
            vs.meta,
            'lint.jwt-claim-route-without-request-authentication',
            `routes on the JWT claim ${claimKey} through Gateway ${ns}/${gwName}, but no RequestAuthentication applies to its workload ${w.key}: no token is validated there, so the claim routes never match (istioctl analyze IST0149)`,
            rangeOf(vs.meta.document, claimPath),
          ),
        );
      }
    }
  }
  return out;
}

export function lintResources(
  resources: ResourceSet,
  mesh: MeshModel,
  peerAuthentications: PeerAuthenticationIndex,
  rangeOf: RangeOf,
  hasRequestAuthentication: (w: MeshWorkload) => boolean = () => true,
): Diagnostic[] {
  const out: Diagnostic[] = claimRouteLints(resources, mesh, hasRequestAuthentication, rangeOf);
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
    if (meta.kind === 'AuthorizationPolicy') {
      out.push(...authorizationLints(policy as AuthorizationPolicy, targets, peerAuthentications, rangeOf));
    }
  }
  return out;
}
