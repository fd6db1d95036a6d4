/**
 * The authorization decision of one proxy (docs/semantics.md §A2, §A9, §A10): CUSTOM (before JWT), then
 * AUDIT, DENY and ALLOW (after JWT). Dry-run policies are evaluated in shadow and never enforce.
 */
import type { MeshModel } from '../mesh';
import { getOwn } from '../read';
import { resolveServiceHost } from '../mesh';
import type { AuthorizationPolicy, ResourceMeta } from '../resources/types';
import type { ExtensionProviderSpec, TraceStage } from '../types';
import {
  compilePolicy,
  explainMiss,
  ruleMatches,
  specializeRule,
  type CompiledPolicy,
  type CompiledRule,
} from './compile';
import type { AuthzRequest } from './context';
import type { TrustDomains } from './fields';

/** A trace step before source ranges are resolved. */
export interface RawStep {
  stage: TraceStage;
  outcome: 'pass' | 'fail' | 'info' | 'skip';
  message: string;
  meta?: ResourceMeta;
  /** Path inside the resource's document (already prefixed with its basePath). */
  path?: (string | number)[];
  rule?: number;
}

export interface PolicySet {
  custom: CompiledPolicy[];
  /** CUSTOM policies whose provider is missing or broken: enforced as DENY in the CUSTOM slot, before JWT. */
  badCustom: CompiledPolicy[];
  /** The CUSTOM provider, when every CUSTOM policy names the same valid one. */
  provider: ExtensionProviderSpec | null;
  deny: CompiledPolicy[];
  allow: CompiledPolicy[];
  audit: CompiledPolicy[];
  dryRun: CompiledPolicy[];
  notes: RawStep[];
  /**
   * The DENY and ALLOW rules that can still match, flattened — set by `specializePolicySet` for
   * deciding without a trace. `allowPolicies` keeps default-deny when none of them survives.
   */
  decisive: { deny: CompiledRule[]; allow: CompiledRule[]; allowPolicies: number } | null;
}

const rulePath = (p: AuthorizationPolicy, index: number) => [...p.meta.basePath, 'spec', 'rules', index];
const policyName = (p: AuthorizationPolicy) => `${p.meta.namespace}/${p.meta.name}`;

/** Caches compiled policies across workloads and evaluations of one workspace. */
export class PolicyCompiler {
  private cache = new WeakMap<AuthorizationPolicy, CompiledPolicy>();
  constructor(private readonly td: TrustDomains) {}
  compile(policy: AuthorizationPolicy): CompiledPolicy {
    let compiled = this.cache.get(policy);
    if (!compiled) {
      compiled = compilePolicy(policy, this.td);
      this.cache.set(policy, compiled);
    }
    return compiled;
  }
}

/** Why a provider cannot be used (`extauthz.go`): missing, or its Service is not in the registry. */
function providerProblem(name: string | null, mesh: MeshModel): string | ExtensionProviderSpec {
  if (!name) return 'the CUSTOM policy names no provider';
  const provider = mesh.extensionProviders.find((p) => p.name === name);
  if (!provider) return `extension provider "${name}" is not defined in meshConfig (Mesh extensionProviders)`;
  const target = provider.envoyExtAuthzGrpc ?? provider.envoyExtAuthzHttp;
  if (!target)
    return `extension provider "${name}" is not an ext_authz provider (envoyExtAuthzGrpc/envoyExtAuthzHttp)`;
  if (target.service) {
    const host = resolveServiceHost(mesh, target.service.replace(/^[^/]+\//, ''), mesh.rootNamespace);
    if (!host || !mesh.services.has(`${host.service}.${host.namespace}`)) {
      return `extension provider "${name}": Service ${target.service} is not in the mesh registry`;
    }
  }
  if (target.port !== undefined && (target.port < 1 || target.port > 65535)) {
    return `extension provider "${name}": port ${target.port} is invalid`;
  }
  return provider;
}

export function buildPolicySet(
  policies: readonly AuthorizationPolicy[],
  mesh: MeshModel,
  compiler: PolicyCompiler,
): PolicySet {
  const set: PolicySet = {
    custom: [],
    badCustom: [],
    provider: null,
    deny: [],
    allow: [],
    audit: [],
    dryRun: [],
    notes: [],
    decisive: null,
  };
  const custom = policies.filter((p) => p.action === 'CUSTOM');
  const providers = new Set(custom.map((p) => p.provider ?? ''));
  for (const p of policies) {
    if (p.dryRun && (p.action === 'ALLOW' || p.action === 'DENY')) {
      set.dryRun.push(compiler.compile(p));
      continue;
    }
    if (p.action === 'ALLOW' || p.action === 'DENY' || p.action === 'AUDIT') {
      const compiled = compiler.compile(p);
      if (p.action === 'ALLOW') set.allow.push(compiled);
      else if (p.action === 'DENY') set.deny.push(compiled);
      else set.audit.push(compiled);
      for (const rule of compiled.rules)
        for (const text of rule.unmatchable)
          set.notes.push({
            stage: p.action === 'ALLOW' ? 'allow' : p.action === 'DENY' ? 'deny' : 'audit',
            outcome: 'info',
            message: `rule ${rule.index} of ${p.action} policy ${policyName(p)}: ${text}`,
            meta: p.meta,
            path: rulePath(p, rule.index),
            rule: rule.index,
          });
    } else {
      const problem =
        providers.size > 1
          ? `several CUSTOM providers (${[...providers].join(', ')}) apply to one workload, which Istio does not support`
          : providerProblem(p.provider, mesh);
      if (typeof problem === 'string') {
        // istiod compiles a bad CUSTOM policy into a DENY with the same rules (getBadCustomDenyRules),
        // installed where the CUSTOM filter would be: ahead of jwt_authn (listener_builder.go).
        set.badCustom.push(compiler.compile(p));
        set.notes.push({
          stage: 'custom',
          outcome: 'info',
          message: `CUSTOM policy ${policyName(p)} is treated as DENY: ${problem}`,
          meta: p.meta,
          path: [...p.meta.basePath, 'spec', 'provider'],
        });
      } else {
        set.custom.push(compiler.compile(p));
        set.provider = problem;
      }
    }
  }
  return set;
}

/** First matching enforced rule among policies, in order. */
function firstMatch(
  policies: readonly CompiledPolicy[],
  request: AuthzRequest,
): { policy: AuthorizationPolicy; rule: number } | null {
  for (const compiled of policies) {
    for (const rule of compiled.rules) {
      if (ruleMatches(rule, request, compiled.policy.action) === true)
        return { policy: compiled.policy, rule: rule.index };
    }
  }
  return null;
}

export interface CustomDecision {
  denied: boolean;
  /** `custom-denied`: the ext_authz server said no; `denied`: a bad CUSTOM policy's DENY matched. */
  verdict: 'custom-denied' | 'denied';
  status: number;
  steps: RawStep[];
}

/** The simulated ext_authz server (docs/workspace-format.md: Mesh extensionProviders[].simulate). */
function extAuthzAllows(provider: ExtensionProviderSpec, request: AuthzRequest): boolean {
  const allowWhen = provider.simulate?.allowWhen;
  if (!allowWhen) return true;
  const headers = request.http?.headers ?? {};
  return allowWhen.some((c) => {
    const value = getOwn(headers, c.header);
    return value !== undefined && c.values.includes(value);
  });
}

export function decideCustom(set: PolicySet, request: AuthzRequest, trace = true): CustomDecision {
  const steps: RawStep[] = trace ? set.notes.filter((n) => n.stage === 'custom').map((n) => ({ ...n })) : [];
  const bad = firstMatch(set.badCustom, request);
  if (bad) {
    if (trace) {
      steps.push({
        stage: 'custom',
        outcome: 'fail',
        message: `rule ${bad.rule} of CUSTOM policy ${policyName(bad.policy)} matched; its provider is unusable, so istiod enforces it as DENY (RBAC: access denied)`,
        meta: bad.policy.meta,
        path: rulePath(bad.policy, bad.rule),
        rule: bad.rule,
      });
    }
    return { denied: true, verdict: 'denied', status: 403, steps };
  }
  if (set.custom.length === 0 || !set.provider)
    return { denied: false, verdict: 'custom-denied', status: 0, steps };
  const provider = set.provider;
  if (request.chain === 'tcp' && provider.envoyExtAuthzHttp) {
    if (trace)
      steps.push({
        stage: 'custom',
        outcome: 'skip',
        message: `CUSTOM provider "${provider.name}" is an HTTP ext_authz provider: not applied on TCP ports`,
      });
    return { denied: false, verdict: 'custom-denied', status: 0, steps };
  }
  const match = firstMatch(set.custom, request);
  if (!match) {
    if (trace)
      steps.push({
        stage: 'custom',
        outcome: 'pass',
        message: 'no CUSTOM rule matched: ext_authz is not called',
      });
    return { denied: false, verdict: 'custom-denied', status: 0, steps };
  }
  const allowed = extAuthzAllows(provider, request);
  const status = provider.simulate?.deniedStatus ?? 403;
  if (!trace) return { denied: !allowed, verdict: 'custom-denied', status, steps };
  steps.push({
    stage: 'custom',
    outcome: allowed ? 'pass' : 'fail',
    message: allowed
      ? `rule ${match.rule} of CUSTOM policy ${policyName(match.policy)} matched; ext_authz "${provider.name}" allowed the request`
      : `rule ${match.rule} of CUSTOM policy ${policyName(match.policy)} matched; ext_authz "${provider.name}" denied it (${request.chain === 'http' ? status : 'connection closed'})`,
    meta: match.policy.meta,
    path: rulePath(match.policy, match.rule),
    rule: match.rule,
  });
  return { denied: !allowed, verdict: 'custom-denied', status, steps };
}

export interface RbacDecision {
  denied: boolean;
  steps: RawStep[];
}

function describeAllowMiss(set: PolicySet, request: AuthzRequest): RawStep[] {
  const steps: RawStep[] = [];
  for (const compiled of set.allow) {
    const p = compiled.policy;
    if (compiled.rules.length === 0) {
      steps.push({
        stage: 'allow',
        outcome: 'info',
        message: `ALLOW policy ${policyName(p)} has no rules: it matches nothing (allow-nothing)`,
        meta: p.meta,
        path: [...p.meta.basePath, 'spec'],
      });
      continue;
    }
    for (const rule of compiled.rules) {
      const matched = ruleMatches(rule, request, 'ALLOW');
      steps.push({
        stage: 'allow',
        outcome: 'info',
        message:
          matched === 'dropped'
            ? `rule ${rule.index} of ALLOW policy ${policyName(p)} uses HTTP-only attributes: on a TCP port the whole rule is dropped`
            : `rule ${rule.index} of ALLOW policy ${policyName(p)}: ${explainMiss(rule, request)}`,
        meta: p.meta,
        path: rulePath(p, rule.index),
        rule: rule.index,
      });
    }
  }
  return steps;
}

/** `trace: false` decides without building any step (the matrix's hot path). */
export function decideRbac(set: PolicySet, request: AuthzRequest, trace = true): RbacDecision {
  const steps: RawStep[] = [];
  if (!trace) {
    const d = set.decisive;
    if (d) {
      for (const rule of d.deny)
        if (ruleMatches(rule, request, 'DENY') === true) return { denied: true, steps };
      if (d.allowPolicies === 0) return { denied: false, steps };
      for (const rule of d.allow)
        if (ruleMatches(rule, request, 'ALLOW') === true) return { denied: false, steps };
      return { denied: true, steps };
    }
    if (firstMatch(set.deny, request)) return { denied: true, steps };
    return { denied: set.allow.length > 0 && !firstMatch(set.allow, request), steps };
  }
  for (const compiled of set.dryRun) {
    const m = firstMatch([compiled], request);
    steps.push({
      stage: compiled.policy.action === 'DENY' ? 'deny' : 'allow',
      outcome: 'info',
      message: `dry-run ${compiled.policy.action} policy ${policyName(compiled.policy)} ${m ? `would match (rule ${m.rule})` : 'would not match'}; dry-run never enforces`,
      meta: compiled.policy.meta,
      path: [...compiled.policy.meta.basePath, 'metadata', 'annotations'],
    });
  }
  const audit = firstMatch(set.audit, request);
  if (audit) {
    steps.push({
      stage: 'audit',
      outcome: 'info',
      message: `AUDIT policy ${policyName(audit.policy)} rule ${audit.rule} marks the request for auditing (never denies)`,
      meta: audit.policy.meta,
      path: rulePath(audit.policy, audit.rule),
      rule: audit.rule,
    });
  }
  steps.push(...set.notes.filter((n) => n.stage !== 'custom').map((n) => ({ ...n })));
  const deny = firstMatch(set.deny, request);
  if (deny) {
    steps.push({
      stage: 'deny',
      outcome: 'fail',
      message: `rule ${deny.rule} of DENY policy ${policyName(deny.policy)} matched${request.chain === 'tcp' ? ' (HTTP-only attributes are ignored on TCP, which widens a DENY)' : ''}`,
      meta: deny.policy.meta,
      path: rulePath(deny.policy, deny.rule),
      rule: deny.rule,
    });
    return { denied: true, steps };
  }
  if (set.deny.length)
    steps.push({
      stage: 'deny',
      outcome: 'pass',
      message: `no DENY rule matched (${set.deny.length} DENY ${set.deny.length === 1 ? 'policy' : 'policies'})`,
    });
  if (set.allow.length === 0) {
    steps.push({
      stage: 'allow',
      outcome: 'pass',
      message: 'no ALLOW policy applies to this workload: allowed by default',
    });
    return { denied: false, steps };
  }
  const allow = firstMatch(set.allow, request);
  if (allow) {
    steps.push({
      stage: 'allow',
      outcome: 'pass',
      message: `rule ${allow.rule} of ALLOW policy ${policyName(allow.policy)} matched`,
      meta: allow.policy.meta,
      path: rulePath(allow.policy, allow.rule),
      rule: allow.rule,
    });
    return { denied: false, steps };
  }
  steps.push(...describeAllowMiss(set, request));
  steps.push({
    stage: 'allow',
    outcome: 'fail',
    message: `ALLOW policies apply to this workload and none matched: denied${request.chain === 'http' ? ' (RBAC: access denied)' : ' (connection closed)'}`,
  });
  return { denied: true, steps };
}

/**
 * A policy set specialised for one request at one server (see `specializeRule`). Policies keep
 * their place even when no rule survives: an ALLOW policy that can never match still makes the
 * workload default-deny.
 */
export function specializePolicySet(set: PolicySet, request: AuthzRequest): PolicySet {
  const specialize = (list: CompiledPolicy[]): CompiledPolicy[] =>
    list.map((compiled) => ({
      policy: compiled.policy,
      rules: compiled.rules.flatMap((rule) => specializeRule(rule, request, compiled.policy.action) ?? []),
    }));
  const deny = specialize(set.deny);
  const allow = specialize(set.allow);
  return {
    ...set,
    custom: specialize(set.custom),
    badCustom: specialize(set.badCustom),
    deny,
    allow,
    audit: specialize(set.audit),
    decisive: {
      deny: deny.flatMap((c) => c.rules),
      allow: allow.flatMap((c) => c.rules),
      allowPolicies: allow.length,
    },
  };
}
