/**
 * Lints on one AuthorizationPolicy: security pitfalls from docs/semantics.md (identity rules under
 * PERMISSIVE, `hosts` without the port) and from istio.io's Security Best Practices
 * (content/en/docs/ops/best-practices/security/index.md): negative matching in ALLOW and path
 * matching in DENY without strict path normalization, `hosts`, AUDIT without a provider.
 */
import type { MeshWorkload } from '../mesh';
import type { AuthorizationPolicy, Operation } from '../resources/types';
import type { Diagnostic, Fix } from '../types';
import { appendDocument, nameTaken, strictPeerAuthentication } from './append';
import { DOCS, warn, type LintInput } from './context';

const IDENTITY_FIELDS = ['principals', 'namespaces', 'serviceAccounts', 'trustDomains'] as const;
const NEGATIVE_OPERATION_FIELDS = ['notPaths', 'notMethods', 'notHosts', 'notPorts'] as const;
/** Most STRICT fixes offered for one diagnostic: per workload, then per namespace. */
const MAX_WORKLOAD_FIXES = 3;
const MAX_NAMESPACE_FIXES = 2;

/** Workloads whose proxy accepts plaintext on some port (PERMISSIVE or DISABLE). */
function acceptsPlaintext(w: MeshWorkload, input: LintInput): boolean {
  const pa = input.peerAuthentications;
  if (!w.sidecar || w.gateway) return false;
  const ports = [...w.ports.map((p) => p.targetPort), ...w.listens];
  return ports.length === 0
    ? pa.forWorkload(w).workload.mode !== 'STRICT'
    : ports.some((p) => pa.forPort(w, p).mode !== 'STRICT');
}

/**
 * "Add a STRICT PeerAuthentication" for each workload that accepts plaintext, and for its
 * namespace — only where the new policy would decide: no workload-level PeerAuthentication
 * already selects the workload (the oldest would win), none is namespace-wide there, and the
 * namespace is not the root one (workload-level policies there are ignored for sidecars, and a
 * namespace-wide one is mesh-wide). docs/semantics.md M-rules, peer-authentication.ts.
 */
function strictFixes(policy: AuthorizationPolicy, workloads: MeshWorkload[], input: LintInput): Fix[] {
  const { resources, mesh, peerAuthentications: pa } = input;
  const end = input.endOf?.(policy.meta.source);
  const fixes: Fix[] = [];
  // Per namespace: whether every plaintext workload there would follow a namespace-wide policy.
  const namespaces = new Map<string, boolean>();
  for (const w of workloads) {
    if (w.namespace === mesh.rootNamespace) continue;
    const own = pa.forWorkload(w).workloadPolicy !== null;
    namespaces.set(w.namespace, (namespaces.get(w.namespace) ?? true) && !own);
    const name = `${w.name}-strict`;
    if (own || fixes.length >= MAX_WORKLOAD_FIXES || Object.keys(w.labels).length === 0) continue;
    if (nameTaken(resources, 'PeerAuthentication', w.namespace, name)) continue;
    const fix = appendDocument(
      `Add a STRICT PeerAuthentication for workload ${w.namespace}/${w.name}`,
      end,
      strictPeerAuthentication(name, w.namespace, w.labels),
    );
    if (fix) fixes.push(fix);
  }
  let namespaceFixes = 0;
  for (const [ns, follows] of namespaces) {
    if (!follows || namespaceFixes >= MAX_NAMESPACE_FIXES) continue;
    const namespaceWide = resources.peerAuthentications.some(
      (p) =>
        !p.meta.rejected &&
        p.meta.namespace === ns &&
        (p.selector === null || Object.keys(p.selector).length === 0),
    );
    if (namespaceWide || nameTaken(resources, 'PeerAuthentication', ns, 'default')) continue;
    const fix = appendDocument(
      `Add a STRICT PeerAuthentication for namespace ${ns}`,
      end,
      strictPeerAuthentication('default', ns, null),
    );
    if (fix) {
      fixes.push(fix);
      namespaceFixes += 1;
    }
  }
  return fixes;
}

function identityLints(policy: AuthorizationPolicy, targets: MeshWorkload[], input: LintInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const plaintextTargets = targets.filter((w) => acceptsPlaintext(w, input));
  if (plaintextTargets.length === 0 || (policy.action !== 'DENY' && policy.action !== 'ALLOW')) return out;
  const names = plaintextTargets.map((w) => w.key).join(', ');
  const accept = plaintextTargets.length === 1 ? 'accepts' : 'accept';
  let fixes: Fix[] | null = null;
  for (const rule of policy.rules ?? []) {
    rule.from?.forEach((source, i) => {
      const field = IDENTITY_FIELDS.find((f) => source[f]?.length);
      if (!field) return;
      fixes ??= strictFixes(policy, plaintextTargets, input);
      const path = [...policy.meta.basePath, 'spec', 'rules', rule.index, 'from', i, 'source', field];
      const range = input.rangeOf(policy.meta.document, path);
      out.push(
        policy.action === 'DENY'
          ? warn(
              policy.meta,
              'lint.deny-identity-plaintext',
              `rule ${rule.index} denies by ${field}, but ${names} also ${accept} plaintext, which carries no identity: a plaintext client from the same pod is not denied. Use STRICT mTLS, or deny by notPrincipals: ["*"] too`,
              range,
              { docs: DOCS.mutualTls, fixes },
            )
          : warn(
              policy.meta,
              'lint.allow-identity-plaintext',
              `rule ${rule.index} allows by ${field}, but ${names} also ${accept} plaintext: plaintext callers have no identity and are denied by this rule. Turn on STRICT mTLS so every caller has one`,
              range,
              { docs: DOCS.mutualTls, fixes },
            ),
      );
    });
  }
  return out;
}

/** `hosts` without the port of a non-default Service port (docs/semantics.md Z40). Fixed by `lint/text-fixes.ts`. */
function hostsWithoutPort(
  op: Operation,
  at: (string | number)[],
  nonDefault: number[],
  policy: AuthorizationPolicy,
  input: LintInput,
): Diagnostic[] {
  if (nonDefault.length === 0) return [];
  // Hosts listed with a port too (`host:…`), by the part before the port: one pass, so a list of
  // thousands of hosts is not compared with itself.
  const withPort = new Set(
    (op.hosts ?? []).flatMap((h) => (h.includes(':') ? [h.slice(0, h.indexOf(':')).toLowerCase()] : [])),
  );
  const out: Diagnostic[] = [];
  op.hosts?.forEach((host, j) => {
    if (host.includes(':') || host.endsWith('*') || withPort.has(host.toLowerCase())) return;
    out.push(
      warn(
        policy.meta,
        'lint.hosts-without-port',
        `hosts "${host}" is compared with the whole Host header, which includes the port for Service port ${nonDefault.join(', ')} (e.g. "${host}:${nonDefault[0]}"): add "${host}:*" too`,
        input.rangeOf(policy.meta.document, [...at, 'hosts', j]),
        { docs: DOCS.operation },
      ),
    );
  });
  return out;
}

/**
 * Istio's best practices: ALLOW only with positive matching, DENY only with negative matching, so
 * that a request the policy did not foresee is refused rather than let through. The pitfall is a
 * path that reaches the application under another spelling: `//admin` and `/a/../admin` are
 * `/admin` to many applications. The lints stay quiet under DECODE_AND_MERGE_SLASHES, the setting
 * the best-practices page recommends when traffic is allowed by default; BASE (the default) keeps
 * `//admin` and `/%2Fadmin`, MERGE_SLASHES keeps `/%2Fadmin`, NONE keeps everything
 * (docs/semantics.md P2). The best practice covers every negative field, and the lint follows it;
 * only `notPaths` depends on the normalization, but a mesh that sets the strict one has made the
 * pattern a choice, so none of them is reported then.
 */
function matchingLints(policy: AuthorizationPolicy, input: LintInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const normalization = input.mesh.pathNormalization;
  if (normalization === 'DECODE_AND_MERGE_SLASHES') return out;
  const example = { NONE: '/a/../admin', BASE: '//admin', MERGE_SLASHES: '/%2Fadmin' }[normalization];
  const spelled = `with pathNormalization ${normalization}, a path spelled another way, e.g. "${example}", that the application may still read as the one listed`;
  for (const rule of policy.rules ?? []) {
    rule.to?.forEach((op, i) => {
      const at = [...policy.meta.basePath, 'spec', 'rules', rule.index, 'to', i, 'operation'];
      if (policy.action === 'ALLOW') {
        for (const field of NEGATIVE_OPERATION_FIELDS) {
          if (!op[field]?.length) continue;
          out.push(
            warn(
              policy.meta,
              'lint.allow-negative-match',
              `rule ${rule.index} allows by ${field}: everything it does not list is allowed, so a request you did not foresee${field === 'notPaths' ? ` (${spelled})` : ''} is let in. Prefer ALLOW with positive matching (${field.slice(3, 4).toLowerCase()}${field.slice(4)})${field === 'notPaths' ? ', or set pathNormalization DECODE_AND_MERGE_SLASHES' : ''}`,
              input.rangeOf(policy.meta.document, [...at, field]),
              { docs: DOCS.positiveMatching },
            ),
          );
        }
      } else if (policy.action === 'DENY' && op.paths?.length) {
        out.push(
          warn(
            policy.meta,
            'lint.deny-positive-paths',
            `rule ${rule.index} denies by paths, so a request you did not foresee (${spelled}) is not denied. Prefer DENY with notPaths, or set pathNormalization DECODE_AND_MERGE_SLASHES`,
            input.rangeOf(policy.meta.document, [...at, 'paths']),
            { docs: DOCS.pathNormalization },
          ),
        );
      }
    });
  }
  return out;
}

/**
 * `hosts`/`notHosts` match the Host (`:authority`) header, which the client writes: a sidecar's
 * inbound listener passes any value to the application, and at a gateway a variant (with a port:
 * the whole header is compared, docs/semantics.md Z40) can still be routed while matching
 * differently (matching is case-insensitive, so case is not one).
 */
function hostsLints(policy: AuthorizationPolicy, input: LintInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of policy.rules ?? []) {
    rule.to?.forEach((op, i) => {
      for (const field of ['hosts', 'notHosts'] as const) {
        if (!op[field]?.length) continue;
        const path = [...policy.meta.basePath, 'spec', 'rules', rule.index, 'to', i, 'operation', field];
        out.push(
          warn(
            policy.meta,
            'lint.authorization-hosts',
            `rule ${rule.index} matches ${field}, the Host header, which the client sets: ${
              (policy.action === 'ALLOW') === (field === 'hosts')
                ? 'a client can send the Host this rule expects, whatever it calls'
                : 'a client can spell it another way (with a port, for example) and not be matched'
            }. Match on the workload the policy selects, identities or paths instead`,
            input.rangeOf(policy.meta.document, path),
            { docs: DOCS.operation },
          ),
        );
      }
    });
  }
  return out;
}

/**
 * An AUDIT policy only marks requests; Istio writes them down only through an audit provider
 * (Stackdriver is the one Istio supports: the AuthorizationPolicy reference, Action AUDIT). The
 * Mesh document has no audit providers (docs/workspace-format.md "extensionProviders[]").
 */
function auditLint(policy: AuthorizationPolicy, input: LintInput): Diagnostic[] {
  if (policy.action !== 'AUDIT') return [];
  return [
    warn(
      policy.meta,
      'lint.audit-without-provider',
      'AUDIT never changes a decision and is only recorded by an audit provider (such as the Stackdriver plugin), which this mesh does not configure: make sure your mesh has one, or nothing is logged',
      input.rangeOf(policy.meta.document, [...policy.meta.basePath, 'spec', 'action']),
      { docs: DOCS.action },
    ),
  ];
}

export function authorizationLints(
  policy: AuthorizationPolicy,
  targets: MeshWorkload[],
  input: LintInput,
): Diagnostic[] {
  // Gateways see the Host their outside clients send, usually without a port: only sidecars here.
  const servicePorts = new Set(targets.filter((w) => !w.gateway).flatMap((w) => w.ports.map((p) => p.port)));
  const nonDefault = [...servicePorts].filter((p) => p !== 80 && p !== 443);
  const out = identityLints(policy, targets, input);
  for (const rule of policy.rules ?? [])
    rule.to?.forEach((op, i) => {
      const at = [...policy.meta.basePath, 'spec', 'rules', rule.index, 'to', i, 'operation'];
      out.push(...hostsWithoutPort(op, at, nonDefault, policy, input));
    });
  out.push(...hostsLints(policy, input), ...matchingLints(policy, input), ...auditLint(policy, input));
  return out;
}
