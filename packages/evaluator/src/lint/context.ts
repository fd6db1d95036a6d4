/**
 * What every lint reads, and the one way lints build a diagnostic: a warning (lints never change a
 * verdict) with a stable `lint.*` code, a message that says why, the istio.io page behind it and,
 * where the fix is unambiguous, the edits that make it.
 */
import type { MeshModel, MeshWorkload } from '../mesh';
import type { PeerAuthenticationIndex } from '../mtls/peer-authentication';
import type { AuthorizationPolicy, ResourceMeta, ResourceSet } from '../resources/types';
import { sourceField } from '../source';
import type { Diagnostic, Fix, SourceRange, WorkspaceSource } from '../types';

export type RangeOf = (document: number, path: (string | number)[]) => SourceRange | undefined;

export interface LintInput {
  resources: ResourceSet;
  mesh: MeshModel;
  peerAuthentications: PeerAuthenticationIndex;
  rangeOf: RangeOf;
  /** Where a new document appended to a part goes: the end of its last document (zero length). */
  endOf?: (source: WorkspaceSource | undefined) => SourceRange | undefined;
  /** Whether a RequestAuthentication applies to the workload. */
  hasRequestAuthentication?: (w: MeshWorkload) => boolean;
  /** The AuthorizationPolicies (not refused) that apply to the workload. */
  authorizationFor?: (w: MeshWorkload) => AuthorizationPolicy[];
}

export interface Extra {
  docs?: string;
  fixes?: Fix[];
}

export function warn(
  meta: ResourceMeta,
  code: string,
  message: string,
  range: SourceRange | undefined,
  extra: Extra = {},
): Diagnostic {
  return {
    code,
    severity: 'warning',
    message: `${meta.kind} ${meta.namespace}/${meta.name}: ${message}`,
    document: meta.document,
    range: range ?? null,
    resource: { kind: meta.kind, name: meta.name, namespace: meta.namespace, document: meta.document },
    ...sourceField(meta.source),
    ...(extra.docs ? { docs: extra.docs } : {}),
    ...(extra.fixes?.length ? { fixes: extra.fixes } : {}),
  };
}

const BEST_PRACTICES = 'https://istio.io/latest/docs/ops/best-practices/security/';
const AUTHORIZATION_POLICY = 'https://istio.io/latest/docs/reference/config/security/authorization-policy/';

/** The istio.io page each lint points at (istio.io content/en/docs/…). */
export const DOCS = {
  mutualTls: `${BEST_PRACTICES}#mutual-tls`,
  positiveMatching: `${BEST_PRACTICES}#use-allow-with-positive-matching-and-deny-with-negative-match-patterns`,
  pathNormalization: `${BEST_PRACTICES}#customize-your-system-on-path-normalization`,
  operation: `${AUTHORIZATION_POLICY}#Operation`,
  source: `${AUTHORIZATION_POLICY}#Source`,
  action: `${AUTHORIZATION_POLICY}#AuthorizationPolicy-Action`,
  authorizationPolicy: AUTHORIZATION_POLICY,
  requireToken:
    'https://istio.io/latest/docs/tasks/security/authentication/authn-policy/#require-a-valid-token',
  tlsConfiguration: 'https://istio.io/latest/docs/ops/configuration/traffic-management/tls-configuration/',
  normalization: 'https://istio.io/latest/docs/reference/config/security/normalization/',
  claimRoute: 'https://istio.io/latest/docs/reference/config/analysis/ist0149/',
} as const;
