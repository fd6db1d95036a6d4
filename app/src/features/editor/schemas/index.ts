/**
 * One JSON schema for the policies editor: every document is one of the resource kinds below,
 * chosen by `kind` (if/then), so completion and validation follow the kind being written.
 * Other kinds (Gateway, VirtualService, HTTPRoute…) are allowed and left to the engine.
 */
import { authorizationPolicy } from './authorizationPolicy';
import type { JsonSchema } from './common';
import { destinationRule } from './destinationRule';
import { peerAuthentication } from './peerAuthentication';
import { requestAuthentication } from './requestAuthentication';

export const RESOURCES = [authorizationPolicy, peerAuthentication, requestAuthentication, destinationRule];
const OTHER_KINDS = ['Gateway', 'VirtualService', 'HTTPRoute', 'ServiceEntry', 'Sidecar'];

export const policiesSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Istio security resources',
  type: 'object',
  properties: {
    apiVersion: {
      type: 'string',
      description: 'API group and version of the resource.',
      enum: [
        ...new Set(RESOURCES.flatMap((r) => r.apiVersions)),
        'networking.istio.io/v1',
        'gateway.networking.k8s.io/v1',
      ],
    },
    kind: {
      type: 'string',
      description: 'Kind of Istio resource.',
      enum: [...RESOURCES.map((r) => r.kind), ...OTHER_KINDS],
    },
  },
  // apiVersion and kind are not `required` here: an empty editor would be flagged; the engine reports
  // documents without them.
  allOf: RESOURCES.map((r) => ({
    if: { properties: { kind: { const: r.kind } }, required: ['kind'] },
    then: {
      properties: {
        apiVersion: { type: 'string', enum: r.apiVersions },
        kind: { const: r.kind },
        metadata: r.metadata,
        spec: r.spec,
      },
      required: ['metadata'],
    },
  })),
};
