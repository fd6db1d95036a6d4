/** PeerAuthentication (security.istio.io/v1): what kind of traffic a sidecar accepts (mTLS mode). */
import { metadata, workloadSelector } from './common';
import type { JsonSchema } from './common';

const mode: JsonSchema = {
  type: 'string',
  enum: ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'],
  description:
    'UNSET inherits from the parent (namespace, then mesh; PERMISSIVE if none). DISABLE accepts plain text only. PERMISSIVE accepts both mutual TLS and plain text. STRICT accepts mutual TLS only: plain-text clients are refused.',
};

const mtls: JsonSchema = {
  type: 'object',
  description: 'Mutual TLS settings.',
  properties: { mode },
  additionalProperties: false,
};

export const peerAuthenticationSpec: JsonSchema = {
  type: 'object',
  description:
    'Mutual TLS requirements of the workloads it selects. Mesh-wide in the root namespace without selector, namespace-wide without selector, else per workload; the most specific wins.',
  properties: {
    selector: workloadSelector,
    mtls,
    portLevelMtls: {
      type: 'object',
      description:
        'Per-port mTLS settings, keyed by the workload (container) port number. Only honoured with a selector.',
      additionalProperties: mtls,
    },
  },
  additionalProperties: false,
};

export const peerAuthentication = {
  kind: 'PeerAuthentication',
  apiVersions: ['security.istio.io/v1', 'security.istio.io/v1beta1'],
  metadata,
  spec: peerAuthenticationSpec,
};
