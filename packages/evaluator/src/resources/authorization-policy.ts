/**
 * AuthorizationPolicy (security.istio.io): read faithfully and validated as Istio's webhook
 * (`validation.go` ValidateAuthorizationPolicy) and the CRD schema would. Its rules are read by
 * `authorization-rules.ts`.
 */
import type { NodePath } from '../document';
import type { AuthorizationAction, AuthorizationPolicy, ResourceMeta } from './types';
import type { Reader } from '../read';
import { type Dict } from '../read';
import { readRule } from './authorization-rules';
import { readTargetRefs, readWorkloadSelector } from './policy-target';

const SPEC_FIELDS = ['selector', 'targetRef', 'targetRefs', 'rules', 'action', 'provider'] as const;
const ACTIONS: readonly AuthorizationAction[] = ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'];
const MAX_RULES = 512;
const DRY_RUN = 'istio.io/dry-run';

/** Go's strconv.ParseBool. */
function parseGoBool(value: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return null;
}

function readDryRun(r: Reader, meta: ResourceMeta, action: AuthorizationAction): boolean {
  if (!Object.prototype.hasOwnProperty.call(meta.annotations, DRY_RUN)) return false;
  const value = meta.annotations[DRY_RUN] ?? '';
  const at = ['metadata', 'annotations', DRY_RUN];
  if (action !== 'ALLOW' && action !== 'DENY') {
    r.error(
      'authz.dry-run-action',
      at,
      `the annotation ${DRY_RUN} currently only supports action ALLOW/DENY, found action ${action}`,
      { key: true },
    );
    return false;
  }
  const parsed = parseGoBool(value);
  if (parsed === null) {
    r.error(
      'authz.dry-run-value',
      at,
      `the annotation ${DRY_RUN} has invalid value "${value}"; use "true" or "false"`,
    );
    return false;
  }
  return parsed;
}

export function readAuthorizationPolicy(r: Reader, root: Dict, meta: ResourceMeta): AuthorizationPolicy {
  const spec = r.object(root, 'spec', []) ?? {};
  const at: NodePath = ['spec'];
  r.fields(spec, at, SPEC_FIELDS);

  const selector = readWorkloadSelector(r, spec, at);
  const targetRefs = readTargetRefs(r, spec, at, selector !== null);
  const action = r.enumString(spec, 'action', at, ACTIONS) ?? 'ALLOW';

  let provider: string | null = null;
  const providerObj = r.object(spec, 'provider', at);
  if (providerObj !== undefined) {
    r.fields(providerObj, [...at, 'provider'], ['name']);
    provider = r.string(providerObj, 'name', [...at, 'provider']) ?? null;
  }
  if (action === 'CUSTOM') {
    if (provider === null || provider === '') {
      r.error(
        'authz.custom-provider-required',
        [...at, 'action'],
        '`provider.name` must not be empty for action CUSTOM',
      );
    }
  } else if (providerObj !== undefined) {
    r.error(
      'authz.provider-not-custom',
      [...at, 'provider'],
      `\`provider\` must not be with non CUSTOM action (${action})`,
      {
        key: true,
      },
    );
  }

  const rawRules = r.list(spec, 'rules', at);
  const rules = rawRules?.map((raw, i) => readRule(r, raw, [...at, 'rules', i], i, action)) ?? null;
  if ((rawRules?.length ?? 0) > MAX_RULES) {
    r.error(
      'schema.max-items',
      [...at, 'rules'],
      `spec.rules has ${rawRules?.length} items, more than the ${MAX_RULES} allowed`,
      {
        key: true,
      },
    );
  }
  if ((action === 'DENY' || action === 'CUSTOM') && (rules === null || rules.length === 0)) {
    r.error(
      action === 'DENY' ? 'authz.deny-without-rules' : 'authz.custom-without-rules',
      rawRules === undefined ? [...at, 'action'] : [...at, 'rules'],
      `${action} action without \`rules\` is meaningless (it would never match); ` +
        `add rules: [{}] to ${action === 'DENY' ? 'deny' : 'check'} every request`,
    );
  }

  return {
    meta,
    selector,
    targetRefs,
    action,
    provider,
    rules,
    dryRun: readDryRun(r, meta, action),
  };
}
