/** AuthorizationPolicy (security.istio.io/v1): allow, deny, audit or delegate requests. */
import { metadata, stringList, targetRef, targetRefs, workloadSelector } from './common';
import type { JsonSchema } from './common';

const source: JsonSchema = {
  type: 'object',
  description:
    'Who sent the request. Every field set must match (AND); values within a field are alternatives (OR).',
  properties: {
    principals: stringList(
      'Peer identities from mutual TLS, e.g. cluster.local/ns/foo/sa/sleep. Prefix, suffix and "*" wildcards allowed. Needs mTLS.',
    ),
    notPrincipals: stringList('Peer identities that must not match.'),
    requestPrincipals: stringList(
      'Request identities from a validated JWT, written as <iss>/<sub>. "*" matches any authenticated request.',
    ),
    notRequestPrincipals: stringList('Request identities that must not match.'),
    namespaces: stringList("Namespaces of the caller's workload, taken from its mTLS identity. Needs mTLS."),
    notNamespaces: stringList('Caller namespaces that must not match.'),
    ipBlocks: stringList('Source IPs or CIDR ranges of the direct peer connection.'),
    notIpBlocks: stringList('Peer IPs or CIDR ranges that must not match.'),
    remoteIpBlocks: stringList(
      'Original client IPs (from X-Forwarded-For per numTrustedProxies) or CIDR ranges.',
    ),
    notRemoteIpBlocks: stringList('Original client IPs that must not match.'),
  },
  additionalProperties: false,
};

const operation: JsonSchema = {
  type: 'object',
  description:
    'What the request does. Every field set must match (AND); values within a field are alternatives (OR). HTTP-only fields never match TCP traffic.',
  properties: {
    hosts: stringList('Host / :authority values, case-insensitive; prefix/suffix "*" allowed. HTTP only.'),
    notHosts: stringList('Hosts that must not match. HTTP only.'),
    ports: stringList('Destination (container) ports, as strings.'),
    notPorts: stringList('Ports that must not match.'),
    methods: stringList('HTTP methods such as GET or POST. HTTP only.'),
    notMethods: stringList('Methods that must not match. HTTP only.'),
    paths: stringList(
      'Request paths after normalisation; exact, prefix "/api/*", suffix "*.html", or {*} / {**} templates. HTTP only.',
    ),
    notPaths: stringList('Paths that must not match. HTTP only.'),
  },
  additionalProperties: false,
};

const condition: JsonSchema = {
  type: 'object',
  description: 'An extra attribute check, such as request.headers[x-token] or request.auth.claims[groups].',
  properties: {
    key: {
      type: 'string',
      description:
        'The attribute name, e.g. request.headers[version], source.ip, request.auth.claims[iss], destination.port.',
    },
    values: stringList('Accepted values (OR).'),
    notValues: stringList('Values that must not match.'),
  },
  required: ['key'],
  additionalProperties: false,
};

const rule: JsonSchema = {
  type: 'object',
  description:
    'A rule matches when its from, to and when sections all match. An empty rule matches every request.',
  properties: {
    from: {
      type: 'array',
      description: 'Sources (OR); empty: any source.',
      items: { type: 'object', properties: { source }, additionalProperties: false },
    },
    to: {
      type: 'array',
      description: 'Operations (OR); empty: any operation.',
      items: { type: 'object', properties: { operation }, additionalProperties: false },
    },
    when: { type: 'array', description: 'Conditions (AND).', items: condition },
  },
  additionalProperties: false,
};

export const authorizationPolicySpec: JsonSchema = {
  type: 'object',
  description:
    'Access control for the selected workloads. CUSTOM policies are checked first, then DENY, then ALLOW; when any ALLOW policy applies, a request that none allows is denied.',
  properties: {
    selector: workloadSelector,
    targetRef,
    targetRefs,
    rules: {
      type: 'array',
      items: rule,
      description:
        'Rules to match; the action applies when any rule matches. Omitted with ALLOW: allows nothing.',
    },
    action: {
      type: 'string',
      enum: ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'],
      default: 'ALLOW',
      description:
        'What a match does: ALLOW lets it through, DENY rejects it with 403, AUDIT only logs, CUSTOM asks an external authorizer (provider).',
    },
    provider: {
      type: 'object',
      description: 'The extension provider (meshConfig.extensionProviders) asked by a CUSTOM policy.',
      properties: { name: { type: 'string', description: 'Name of the extension provider.' } },
      required: ['name'],
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

export const authorizationPolicy = {
  kind: 'AuthorizationPolicy',
  apiVersions: ['security.istio.io/v1', 'security.istio.io/v1beta1'],
  metadata,
  spec: authorizationPolicySpec,
};
