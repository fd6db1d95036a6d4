/**
 * The one declaration of the playground's own documents (`playground/v1` Mesh and Probes,
 * docs/workspace-format.md "Mesh document" and "Probes document"). The TypeScript types of their
 * specs are inferred from these schemas (`z.output`), the readers (`mesh-document.ts`,
 * `probes-document.ts`) take their field names, bounds and enums from them, and `json-schema.ts`
 * emits them as JSON Schema. `zod/mini` is used because it tree-shakes: the app's main thread reads
 * workspaces too, and only the functions used here are bundled.
 */
import * as z from 'zod/mini';

/** Inclusive bounds of the integer fields, shared by the schemas and the readers' messages. */
export const PORT_BOUNDS = { min: 1, max: 65535 } as const;
/** `envoyExtAuthz*.port`: 0 is accepted, as Istio's MeshConfig `port` (uint32) leaves it unset. */
export const PROVIDER_PORT_BOUNDS = { min: 0, max: 65535 } as const;
/** meshConfig `gatewayTopology.numTrustedProxies`, capped as docs/workspace-format.md says. */
export const TRUSTED_PROXIES_BOUNDS = { min: 0, max: 64 } as const;
/** An HTTP status a simulated authorizer may deny with. */
export const STATUS_BOUNDS = { min: 100, max: 599 } as const;

const bounded = (b: { min: number; max: number }) => z.int().check(z.minimum(b.min), z.maximum(b.max));
const text = () => z.optional(z.string());
const stringMap = () => z.optional(z.record(z.string(), z.string()));

/** A lower-case DNS label (RFC 1123), as Kubernetes names namespaces and workloads. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

// ----- Mesh ------------------------------------------------------------------------------------

export const ServicePort = z.object({
  name: text(),
  port: bounded(PORT_BOUNDS),
  targetPort: z.optional(bounded(PORT_BOUNDS)),
  /** Kubernetes Service port protocol (TCP/UDP/SCTP) or an Istio protocol name. */
  protocol: text(),
  appProtocol: text(),
});

export const Namespace = z.object({
  name: z.string().check(z.regex(DNS_LABEL)),
  labels: stringMap(),
});

export const Workload = z.object({
  name: z.string().check(z.regex(DNS_LABEL)),
  namespace: z.string().check(z.regex(DNS_LABEL)),
  labels: stringMap(),
  serviceAccount: text(),
  sidecar: z.optional(z.boolean()),
  gateway: z.optional(z.boolean()),
  service: text(),
  ip: z.optional(z.string().check(z.regex(/^\d{1,3}(\.\d{1,3}){3}$/))),
  ports: z.optional(z.array(ServicePort)),
  listens: z.optional(z.array(bounded(PORT_BOUNDS))),
});

/** `envoyExtAuthzGrpc` / `envoyExtAuthzHttp`: other fields of Istio's provider are allowed and ignored. */
const ExtAuthzService = z.looseObject({
  service: text(),
  port: z.optional(bounded(PROVIDER_PORT_BOUNDS)),
});

export const SimulatedExtAuthz = z.object({
  allowWhen: z.optional(z.array(z.object({ header: z.string(), values: z.array(z.string()) }))),
  deniedStatus: z.optional(bounded(STATUS_BOUNDS)),
});

export const ExtensionProvider = z.object({
  name: z.string(),
  envoyExtAuthzGrpc: z.optional(ExtAuthzService),
  envoyExtAuthzHttp: z.optional(ExtAuthzService),
  simulate: z.optional(SimulatedExtAuthz),
});

/** Istio's `MeshConfig.ProxyPathNormalization.NormalizationType` values (`DEFAULT` is `BASE`). */
export const NORMALIZATIONS = [
  'DEFAULT',
  'NONE',
  'BASE',
  'MERGE_SLASHES',
  'DECODE_AND_MERGE_SLASHES',
] as const;

/**
 * Istio MeshConfig fields that have no flat form in the Mesh spec. `pathNormalization.normalization`
 * is Istio's `MeshConfig.ProxyPathNormalization` (default `BASE`; `DEFAULT` means `BASE`): it changes
 * both what `paths`/`notPaths` see and the path the application receives.
 */
export const MeshConfig = z.object({
  pathNormalization: z.optional(z.object({ normalization: z.optional(z.enum(NORMALIZATIONS)) })),
});

/** A canvas position (docs/workspace-format.md "layout"); finite numbers only. */
export const LayoutEntry = z.object({
  x: z.number(),
  y: z.number(),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
});
export type LayoutPosition = z.output<typeof LayoutEntry>;

export const MeshSpec = z.object({
  rootNamespace: text(),
  trustDomain: text(),
  trustDomainAliases: z.optional(z.array(z.string())),
  enableAutoMtls: z.optional(z.boolean()),
  numTrustedProxies: z.optional(bounded(TRUSTED_PROXIES_BOUNDS)),
  extensionProviders: z.optional(z.array(ExtensionProvider)),
  meshConfig: z.optional(MeshConfig),
  namespaces: z.optional(z.array(Namespace)),
  workloads: z.optional(z.array(Workload)),
  layout: z.optional(z.record(z.string(), LayoutEntry)),
});

/** Optional descriptive metadata of a workspace (the Mesh document's `metadata`). */
export const WorkspaceMetadata = z.object({
  name: text(),
  title: text(),
  description: text(),
  tags: z.optional(z.array(z.string())),
});

// ----- Probes ----------------------------------------------------------------------------------

/** RFC 3339 date-time with an explicit offset (see probes-document.ts for why not `Date.parse`). */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
/** Where a token is sent: `header:<name>`, `query:<param>` or `cookie:<name>`. */
export const TOKEN_LOCATION = /^(header|query|cookie):.+$/;

/** A simulated token's signature. */
export const SIGNATURES = ['valid', 'invalid'] as const;
/** How a probe dials its destination: the Service, or the pod IP. */
export const ADDRESSES = ['service', 'podIP'] as const;

export const TokenSpec = z.object({
  /** Simulated token: its payload. */
  claims: z.optional(z.record(z.string(), z.unknown())),
  /** Simulated token: whether its signature verifies. Default `valid`. */
  signature: z.optional(z.enum(SIGNATURES)),
  /** A literal string sent as the token (usually not a JWT at all). */
  raw: text(),
  /** A real compact JWT, verified with jose against the JWKS the RequestAuthentication names. */
  jwt: text(),
});

export const TokenUse = z.object({
  token: z.string(),
  /** `header:<name>`, `query:<param>` or `cookie:<name>`; default `header:authorization`. */
  in: z.optional(z.string().check(z.regex(TOKEN_LOCATION))),
  /** Header value prefix; default `Bearer ` for the authorization header, none otherwise. */
  prefix: text(),
});

export const RequestSpec = z.object({
  method: text(),
  path: text(),
  host: text(),
  headers: stringMap(),
  token: text(),
  tokens: z.optional(z.array(TokenUse)),
  sourceIp: text(),
});

export const ProbeSpec = z.object({
  name: text(),
  /** `namespace/workload` or `external`. */
  from: z.string(),
  /** `namespace/workload`. */
  to: z.string(),
  port: bounded(PORT_BOUNDS),
  address: z.optional(z.enum(ADDRESSES)),
  request: z.optional(RequestSpec),
  /** Evaluation clock for this probe (overrides the Probes document's `now`). Extension of v1. */
  now: z.optional(z.string().check(z.regex(RFC3339))),
  expect: text(),
  /** Asserts how the connection travelled (extension of v1): true = mTLS, false = plaintext. */
  expectMtls: z.optional(z.boolean()),
});

export const JwksSpec = z.object({
  keys: z.optional(z.array(z.unknown())),
  unavailable: z.optional(z.boolean()),
});

export const ProbesSpec = z.object({
  now: z.optional(z.string().check(z.regex(RFC3339))),
  tokens: z.optional(z.record(z.string(), TokenSpec)),
  jwks: z.optional(z.record(z.string(), JwksSpec)),
  probes: z.optional(z.array(ProbeSpec)),
});

// ----- Documents -------------------------------------------------------------------------------

export const MeshDocument = z.object({
  apiVersion: z.literal('playground/v1'),
  kind: z.literal('Mesh'),
  metadata: z.optional(WorkspaceMetadata),
  spec: MeshSpec,
});

export const ProbesDocument = z.object({
  apiVersion: z.literal('playground/v1'),
  kind: z.literal('Probes'),
  /** Not read: any map. */
  metadata: z.optional(z.record(z.string(), z.unknown())),
  spec: z.optional(ProbesSpec),
});

/** The field names an object schema declares (what `Reader.fields` accepts). */
export function fieldsOf(schema: { shape: Record<string, unknown> }): string[] {
  return Object.keys(schema.shape);
}

/** Whether `value` is one of an enum's `values`, narrowed to it. */
export function isOneOf<T extends string>(value: string, values: readonly T[]): value is T {
  return (values as readonly string[]).includes(value);
}
