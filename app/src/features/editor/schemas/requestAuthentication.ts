/** RequestAuthentication (security.istio.io/v1): which JWTs a workload accepts. */
import { metadata, stringList, targetRef, targetRefs, workloadSelector } from './common';
import type { JsonSchema } from './common';

const jwtRule: JsonSchema = {
  type: 'object',
  description:
    'One accepted token issuer. A request presenting a token that fails validation is rejected with 401; a request without a token is not rejected here.',
  properties: {
    issuer: { type: 'string', description: 'The token issuer (iss claim) this rule accepts.' },
    audiences: stringList('Accepted aud claim values; omitted: any audience.'),
    jwksUri: { type: 'string', description: 'URL of the JSON Web Key Set used to verify the signature.' },
    jwks: { type: 'string', description: 'The JSON Web Key Set inline, as a string; wins over jwksUri.' },
    fromHeaders: {
      type: 'array',
      description: 'Headers the token is read from (default: Authorization: Bearer).',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, prefix: { type: 'string' } },
        required: ['name'],
        additionalProperties: false,
      },
    },
    fromParams: stringList('Query parameters the token is read from (default: access_token).'),
    fromCookies: stringList('Cookies the token is read from.'),
    outputPayloadToHeader: {
      type: 'string',
      description: 'Header that receives the base64 payload of the validated token.',
    },
    outputClaimToHeaders: {
      type: 'array',
      items: {
        type: 'object',
        properties: { header: { type: 'string' }, claim: { type: 'string' } },
        additionalProperties: false,
      },
      description: 'Copies claims of the validated token into request headers.',
    },
    forwardOriginalToken: {
      type: 'boolean',
      description: 'Keep the token in the request forwarded upstream.',
    },
    timeout: { type: 'string', description: 'Timeout for fetching the JWKS, e.g. 5s.' },
  },
  required: ['issuer'],
  additionalProperties: false,
};

export const requestAuthenticationSpec: JsonSchema = {
  type: 'object',
  description:
    'End-user (JWT) authentication for the selected workloads. Pair it with an AuthorizationPolicy to require a token.',
  properties: {
    selector: workloadSelector,
    targetRef,
    targetRefs,
    jwtRules: { type: 'array', items: jwtRule, description: 'Accepted issuers.' },
  },
  additionalProperties: false,
};

export const requestAuthentication = {
  kind: 'RequestAuthentication',
  apiVersions: ['security.istio.io/v1', 'security.istio.io/v1beta1'],
  metadata,
  spec: requestAuthenticationSpec,
};
