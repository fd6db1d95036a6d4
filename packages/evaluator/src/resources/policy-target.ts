/**
 * `selector` and `targetRef`/`targetRefs` of security policies, with Istio's webhook rules
 * (istio/istio `validation.go` validateWorkloadSelector, validatePolicyTargetReference).
 */
import type { NodePath } from '../document';
import type { TargetRef } from './types';
import type { Reader } from '../read';
import { type Dict, defineOwn, emptyMap, ownKeys } from '../read';

/** Label values are Kubernetes label values: at most 63 characters (CRD schema). */
const MAX_LABEL_VALUE = 63;

/**
 * `spec.selector.matchLabels`: `{}` for an empty selector, null when `selector` is absent.
 * The warning for an empty one is the webhook's "workload selector specified without labels".
 */
export function readWorkloadSelector(
  r: Reader,
  spec: Dict,
  path: NodePath,
  field = 'selector',
): Record<string, string> | null {
  const selector = r.object(spec, field, path);
  if (selector === undefined) return null;
  const at = [...path, field];
  r.fields(selector, at, ['matchLabels']);
  const labels = r.stringMap(selector, 'matchLabels', at) ?? emptyMap<string>();
  const out = emptyMap<string>();
  for (const key of ownKeys(labels)) {
    const value = labels[key] ?? '';
    const keyPath = [...at, 'matchLabels', key];
    if (key === '') {
      r.error('selector.empty-key', keyPath, 'empty key is not supported in selector', { key: true });
    } else if (key.includes('*') || value.includes('*')) {
      r.error('selector.wildcard', keyPath, `wildcard is not supported in selector (${key}: ${value})`);
    } else if (value.length > MAX_LABEL_VALUE) {
      r.error(
        'selector.label-value',
        keyPath,
        `label value for "${key}" is longer than ${MAX_LABEL_VALUE} characters`,
      );
    }
    defineOwn(out, key, value);
  }
  if (ownKeys(out).length === 0) {
    r.warning(
      'selector.no-labels',
      at,
      `workload selector specified without labels; it selects every workload in scope (same as no ${field})`,
      { key: true },
    );
  }
  return out;
}

/** Kinds a security policy may target (validatePolicyTargetReference). */
const ALLOWED_TARGETS: readonly { group: string; kind: string }[] = [
  { group: 'gateway.networking.k8s.io', kind: 'Gateway' },
  { group: 'gateway.networking.k8s.io', kind: 'GatewayClass' },
  { group: '', kind: 'Service' },
  { group: 'networking.istio.io', kind: 'ServiceEntry' },
];

const TARGET_REF_FIELDS = ['group', 'kind', 'name', 'namespace'] as const;

function readTargetRef(r: Reader, ref: Dict, at: NodePath): TargetRef {
  r.fields(ref, at, TARGET_REF_FIELDS);
  const group = r.string(ref, 'group', at) ?? '';
  const kind = r.string(ref, 'kind', at) ?? '';
  const name = r.string(ref, 'name', at) ?? '';
  const namespace = r.string(ref, 'namespace', at);
  if (name === '') r.error('target-ref.name-required', at, 'targetRef name must be set');
  if (kind === '') r.error('target-ref.kind-required', at, 'targetRef kind must be set');
  else if (!ALLOWED_TARGETS.some((t) => t.group === (group === 'core' ? '' : group) && t.kind === kind)) {
    const allowed = ALLOWED_TARGETS.map((t) => `${t.group === '' ? 'core' : t.group}/${t.kind}`).join(', ');
    r.error(
      'target-ref.kind',
      at,
      `targetRef must be to one of [${allowed}], found ${group === '' ? 'core' : group}/${kind}`,
    );
  }
  if (namespace !== undefined && namespace !== '') {
    r.error(
      'target-ref.namespace',
      [...at, 'namespace'],
      'targetRef namespace must not be set; cross namespace referencing is not supported',
    );
  }
  const out: TargetRef = { group, kind, name };
  if (namespace !== undefined && namespace !== '') out.namespace = namespace;
  return out;
}

/**
 * `targetRefs`, with the deprecated singular `targetRef` folded in first. Also checks that a
 * selector and targets are not both set.
 */
export function readTargetRefs(r: Reader, spec: Dict, path: NodePath, hasSelector: boolean): TargetRef[] {
  const out: TargetRef[] = [];
  const single = r.object(spec, 'targetRef', path);
  if (single !== undefined) out.push(readTargetRef(r, single, [...path, 'targetRef']));
  const many = r.list(spec, 'targetRefs', path);
  if (many !== undefined) {
    if (single !== undefined) {
      r.error('target-ref.both', [...path, 'targetRefs'], 'only one of targetRef or targetRefs can be set', {
        key: true,
      });
    }
    for (const [ref, i] of r.dictItems(many, [...path, 'targetRefs'])) {
      out.push(readTargetRef(r, ref, [...path, 'targetRefs', i]));
    }
  }
  if (hasSelector && (single !== undefined || (many !== undefined && many.length > 0))) {
    r.error(
      'target-ref.with-selector',
      [...path, 'selector'],
      'only one of targetRefs or workloadSelector can be set',
      {
        key: true,
      },
    );
  }
  return out;
}
