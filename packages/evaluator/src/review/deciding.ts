/**
 * Which resource decided a probe's outcome, read from its trace: the "Deciding policy" column of the
 * review report. The trace records, per hop, each stage Istio's proxies go through (mTLS, JWT,
 * CUSTOM, DENY, ALLOW, routing; istio.io/latest/docs/concepts/security/#implicit-enablement) and
 * the resource and rule that decided a step.
 */
import type { ProbeResult, ResourceRef, TraceStep, WorkloadFacts } from '../types';

/** `AuthorizationPolicy foo/deny-all (rule 0)`: rule indices are 0-based, as traces print them. */
export function describeResource(resource: ResourceRef, rule?: number): string {
  const ns = resource.namespace ? `${resource.namespace}/` : '';
  return `${resource.kind} ${ns}${resource.name}${rule === undefined ? '' : ` (rule ${rule})`}`;
}

const TLS_STAGES: ReadonlySet<TraceStep['stage']> = new Set(['client-tls', 'server-tls']);

function distinct(steps: readonly TraceStep[]): string | null {
  const names = [...new Set(steps.flatMap((s) => (s.resource ? [describeResource(s.resource)] : [])))];
  return names.length ? names.join(', ') : null;
}

/** The step that refused the request and, when it names no resource itself, what made it fail. */
function refusal(result: ProbeResult, failIndex: number, workloads: readonly WorkloadFacts[]): string | null {
  const trace = result.trace;
  const fail = trace[failIndex];
  if (!fail) return null;
  if (fail.resource) return describeResource(fail.resource, fail.rule);
  const before = trace.slice(0, failIndex).filter((s) => s.hop === fail.hop);
  switch (fail.stage) {
    // "ALLOW policies apply and none matched": every ALLOW policy that was tried decided it.
    case 'allow':
      return distinct(before.filter((s) => s.stage === 'allow' && s.outcome === 'info'));
    // The client's and server's TLS modes do not meet: the PeerAuthentication (server) or
    // DestinationRule (client) that set them; the server's mode is the one checked last.
    case 'transport': {
      const tls = before.filter((s) => TLS_STAGES.has(s.stage) && s.resource).reverse();
      return distinct(tls.slice(0, 1));
    }
    // A token no provider accepts (an unconfigured issuer): the RequestAuthentications that apply
    // to the first proxy reached, none of which has that issuer.
    case 'jwt': {
      const own = distinct(before.filter((s) => s.stage === 'jwt'));
      if (own !== null || fail.hop !== 0) return own;
      const facts = workloads.find((w) => w.key === result.to);
      const names = (facts?.policies ?? [])
        .filter((r) => r.kind === 'RequestAuthentication')
        .map((r) => describeResource(r));
      return names.length ? [...new Set(names)].join(', ') : null;
    }
    default:
      return distinct(before.filter((s) => s.stage === fail.stage));
  }
}

/**
 * The resource that decided `result`'s outcome, e.g. `AuthorizationPolicy foo/deny-all (rule 0)` or
 * `PeerAuthentication istio-system/default`; null when none did (allowed with no policy in the way,
 * or an invalid probe). For a refused probe it is the resource of the first failing step; for an
 * allowed one, the ALLOW policy that matched on the last hop that had one. `workloads` (the
 * evaluation's facts) name the RequestAuthentications behind a token whose issuer none configures.
 */
export function decidingPolicy(result: ProbeResult, workloads: readonly WorkloadFacts[] = []): string | null {
  if (result.verdict === 'invalid') return null;
  const trace = result.trace;
  const failIndex = trace.findIndex((s) => s.outcome === 'fail');
  if (failIndex >= 0) return refusal(result, failIndex, workloads);
  if (result.verdict !== 'allowed') return null;
  for (let i = trace.length - 1; i >= 0; i--) {
    const s = trace[i];
    if (s && s.stage === 'allow' && s.outcome === 'pass' && s.resource)
      return describeResource(s.resource, s.rule);
  }
  return null;
}
