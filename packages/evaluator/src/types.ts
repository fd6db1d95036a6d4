/**
 * Public data types of the evaluator: source positions, diagnostics, the workspace format v1
 * (Mesh and Probes documents) and the evaluation results. Everything here is plain data that
 * survives structuredClone, so it crosses a Web Worker boundary unchanged.
 */
import type * as z from 'zod/mini';
import type * as schema from './workspace/schema';

/**
 * The part of a workspace a position belongs to, when the workspace was evaluated as parts
 * (`evaluateParts`): the Mesh document, the Istio resources text, or the Probes document.
 */
export type WorkspaceSource = 'mesh' | 'policies' | 'probes';

/**
 * A 1-based line and column in the whole workspace text, or — when the result carries a
 * `source` — in the text of that part.
 */
export interface Position {
  line: number;
  column: number;
}

/**
 * A span of the workspace text. `offset`/`length` are 0-based UTF-16 offsets into the whole text
 * (into the part's text when the owner carries a `source`).
 */
export interface SourceRange {
  start: Position;
  end: Position;
  offset: number;
  length: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** Names a resource in the workspace: what a trace step or a diagnostic points at. */
export interface ResourceRef {
  kind: string;
  name: string;
  namespace: string;
  /** 0-based index of the YAML document in the workspace (in the policies text, for parts). */
  document: number;
}

/**
 * A problem found in user input. Errors are data, never exceptions: every user-input problem is
 * one of these with a stable `code` (for example `yaml.syntax`, `authz.deny-without-rules`).
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** 0-based document index (within `source`, if set), or -1 for the workspace (or part) as a whole. */
  document: number;
  range: SourceRange | null;
  resource?: ResourceRef;
  /** Set by `evaluateParts`: the part whose text `document` and `range` refer to. */
  source?: WorkspaceSource;
  /** A page (istio.io) that explains the rule behind the diagnostic: set on lints. */
  docs?: string;
  /**
   * Edits that resolve the diagnostic, when it has an unambiguous fix (lints only). Their ranges
   * are in the same text as `range`: the part named by `source`, or the whole workspace text.
   */
  fixes?: Fix[];
}

/** Replace the text at `range` (a zero-length range inserts) with `text`. */
export interface TextEdit {
  range: SourceRange;
  text: string;
}

/** A quick fix: applied as one change, all its edits at once (their ranges never overlap). */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

// ---------------------------------------------------------------------------------------------
// Workspace format v1: the playground's own documents (see docs/workspace-format.md).
// ---------------------------------------------------------------------------------------------

export type PortProtocol = string;

// The specs' types are inferred from their one declaration, the zod schemas of workspace/schema.ts.
export type ServicePortSpec = z.output<typeof schema.ServicePort>;
export type NamespaceSpec = z.output<typeof schema.Namespace>;
export type WorkloadSpec = z.output<typeof schema.Workload>;
export type SimulatedExtAuthz = z.output<typeof schema.SimulatedExtAuthz>;
export type ExtensionProviderSpec = z.output<typeof schema.ExtensionProvider>;
export type MeshSpec = z.output<typeof schema.MeshSpec>;
/** Optional descriptive metadata of a workspace (the Mesh document's `metadata`). */
export type WorkspaceMetadata = z.output<typeof schema.WorkspaceMetadata>;
export type TokenSpec = z.output<typeof schema.TokenSpec>;
export type TokenUse = z.output<typeof schema.TokenUse>;
export type RequestSpec = z.output<typeof schema.RequestSpec>;
export type ProbeSpec = z.output<typeof schema.ProbeSpec>;
export type JwksSpec = z.output<typeof schema.JwksSpec>;
export type ProbesSpec = z.output<typeof schema.ProbesSpec>;

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

export type Verdict =
  | 'allowed'
  | 'denied'
  | 'custom-denied'
  | 'unauthenticated'
  | 'audience-rejected'
  | 'mtls-failure'
  | 'no-route'
  | 'invalid';

/** The peer authentication mode a server sidecar enforces on a port. `NONE` = no sidecar. */
export type PeerAuthenticationMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'NONE';

/** Where an effective peer authentication mode came from. */
export type ModeOrigin = 'default' | 'mesh' | 'namespace' | 'workload' | 'port' | 'no-sidecar';

export type TraceStage =
  | 'endpoint'
  | 'protocol'
  | 'client-tls'
  | 'server-tls'
  | 'transport'
  | 'custom'
  | 'jwt'
  | 'audit'
  | 'deny'
  | 'allow'
  | 'route';

export interface TraceStep {
  stage: TraceStage;
  /** 0 for the first (or only) hop; 1 for the backend behind a gateway. */
  hop: number;
  outcome: 'pass' | 'fail' | 'info' | 'skip';
  message: string;
  /** The resource that decided this step, if any. */
  resource?: ResourceRef;
  /** Rule index inside the resource (AuthorizationPolicy rules, jwtRules, http routes). */
  rule?: number;
  /** The deciding YAML, for highlighting. */
  range?: SourceRange;
  /** Set by `evaluateParts` with `range`: the part the range is in. */
  source?: WorkspaceSource;
}

export interface ProbeResult {
  /** Position in the Probes document's `probes` list. */
  index: number;
  name: string;
  from: string;
  to: string;
  port: number;
  /** What the client observes: `200`, `403`, `401`, `404`, `503`, `000`, `connected`, `denied`. */
  status: string;
  verdict: Verdict;
  /** How the (last hop's) connection travelled; null when it never connected. */
  mtls: boolean | null;
  expect: string | null;
  pass: boolean | null;
  trace: TraceStep[];
  /**
   * What the server's application receives, on a result whose request reaches it (allowed, over
   * HTTP): the `:path` after the mesh's path normalization (and a gateway's routing) with the query
   * as sent, and the headers after the proxies' changes (lower-case names). See README "What the
   * app receives".
   */
  upstream?: { path: string; headers: Record<string, string> };
}

export interface PortModeFact {
  /** Workload (container) port. */
  port: number;
  mode: PeerAuthenticationMode;
  origin: ModeOrigin;
  resource?: ResourceRef;
}

export interface WorkloadFacts {
  /** `namespace/name`. */
  key: string;
  proxy: 'sidecar' | 'gateway' | 'none';
  principal: string | null;
  ip: string;
  peerAuthentication: {
    mode: PeerAuthenticationMode;
    origin: ModeOrigin;
    resource?: ResourceRef;
    ports: PortModeFact[];
  };
  /** Every AuthorizationPolicy, PeerAuthentication and RequestAuthentication that applies. */
  policies: ResourceRef[];
}

export interface DocumentSummary {
  index: number;
  kind: string | null;
  apiVersion: string | null;
  name: string | null;
  namespace: string | null;
  range: SourceRange;
  /** Set by `evaluateParts`: the part holding the document (`index` counts within it). */
  source?: WorkspaceSource;
}

/** A `spec.probes` item that was not evaluated: not a map, or without a valid from, to and port. */
export interface DroppedProbe {
  /** Position in the Probes document's `probes` list. */
  index: number;
  /** The item in the Probes document; the diagnostics within it say why. */
  range: SourceRange | null;
  source?: WorkspaceSource;
}

export interface Evaluation {
  metadata: WorkspaceMetadata;
  diagnostics: Diagnostic[];
  documents: DocumentSummary[];
  workloads: WorkloadFacts[];
  probes: ProbeResult[];
  /** Probes of the workspace's Probes document that were dropped, not evaluated (not with `options.probes`). */
  droppedProbes?: DroppedProbe[];
  /**
   * Set by `evaluateParts`: the canonical YAML texts the Mesh and Probes parts were evaluated as,
   * which `source: 'mesh' | 'probes'` ranges point into.
   */
  parts?: { mesh: string; probes: string };
}

export interface MatrixEntry {
  from: string;
  to: string;
  port: number;
  service: string;
  status: string;
  verdict: Verdict;
  mtls: boolean | null;
  /** The seeds' form: `sleep.foo to httpbin.bar: 200`. */
  line: string;
}
