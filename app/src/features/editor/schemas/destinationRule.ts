/** DestinationRule (networking.istio.io): here, the client-side TLS settings towards a host. */
import { metadata, stringList, workloadSelector } from './common';
import type { JsonSchema } from './common';

const tls: JsonSchema = {
  type: 'object',
  description: 'TLS the client sidecar uses towards the destination. Overrides auto mTLS.',
  properties: {
    mode: {
      type: 'string',
      enum: ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'],
      description:
        'DISABLE sends plain text. SIMPLE originates TLS. MUTUAL uses the given certificates. ISTIO_MUTUAL uses the mesh certificates (Istio mTLS).',
    },
    clientCertificate: { type: 'string' },
    privateKey: { type: 'string' },
    caCertificates: { type: 'string' },
    credentialName: { type: 'string' },
    subjectAltNames: stringList('Accepted server identities.'),
    sni: { type: 'string' },
    insecureSkipVerify: { type: 'boolean' },
  },
  additionalProperties: false,
};

const trafficPolicy: JsonSchema = {
  type: 'object',
  description: 'Policies applied to traffic towards the host.',
  properties: {
    tls,
    portLevelSettings: {
      type: 'array',
      description: 'Per Service port overrides.',
      items: {
        type: 'object',
        properties: { port: { type: 'object', properties: { number: { type: 'integer' } } }, tls },
        additionalProperties: true,
      },
    },
    loadBalancer: { type: 'object' },
    connectionPool: { type: 'object' },
    outlierDetection: { type: 'object' },
  },
  additionalProperties: true,
};

export const destinationRuleSpec: JsonSchema = {
  type: 'object',
  description: 'Client-side policies for traffic to a service (host).',
  properties: {
    host: {
      type: 'string',
      description: 'The destination service, e.g. httpbin.foo.svc.cluster.local or *.foo.svc.cluster.local.',
    },
    trafficPolicy,
    subsets: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          trafficPolicy,
        },
      },
    },
    exportTo: stringList('Namespaces the rule is visible to ("." own namespace, "*" all).'),
    workloadSelector,
  },
  required: ['host'],
  additionalProperties: false,
};

export const destinationRule = {
  kind: 'DestinationRule',
  apiVersions: ['networking.istio.io/v1', 'networking.istio.io/v1beta1', 'networking.istio.io/v1alpha3'],
  metadata,
  spec: destinationRuleSpec,
};
