/** Shared JSON-schema pieces for Istio resources (written from Istio's API reference). */
export type JsonSchema = Record<string, unknown>;

export const stringList = (description: string): JsonSchema => ({
  type: 'array',
  items: { type: 'string' },
  description,
});

export const metadata: JsonSchema = {
  type: 'object',
  description: 'Kubernetes object metadata: the resource name and the namespace it lives in.',
  properties: {
    name: { type: 'string', description: 'Name of the resource, unique per kind within its namespace.' },
    namespace: {
      type: 'string',
      description:
        'Namespace of the resource. In the root namespace (istio-system by default) a policy without selector applies to the whole mesh.',
    },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    creationTimestamp: {
      type: 'string',
      description: 'When the resource was created; Istio breaks some ties by age (oldest wins).',
    },
  },
  required: ['name'],
};

export const workloadSelector: JsonSchema = {
  type: 'object',
  description:
    'Chooses the workloads (pods) this resource applies to, by labels. Omitted: every workload in the namespace.',
  properties: {
    matchLabels: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Labels a workload must all carry to be selected. Matching is exact; no wildcards.',
    },
  },
  additionalProperties: false,
};

export const targetRef: JsonSchema = {
  type: 'object',
  description:
    'Attaches the policy to a Kubernetes resource such as a Gateway API Gateway or a Service, instead of a label selector.',
  properties: {
    group: { type: 'string', description: 'API group of the target, e.g. gateway.networking.k8s.io.' },
    kind: {
      type: 'string',
      enum: ['Gateway', 'Service', 'ServiceEntry', 'GatewayClass'],
      description: 'Kind of the target resource.',
    },
    name: { type: 'string', description: 'Name of the target resource.' },
    namespace: {
      type: 'string',
      description: "Namespace of the target; must be the policy's own namespace.",
    },
  },
  required: ['kind', 'name'],
};

export const targetRefs: JsonSchema = {
  type: 'array',
  items: targetRef,
  description: 'Resources this policy is attached to (alternative to selector).',
};
