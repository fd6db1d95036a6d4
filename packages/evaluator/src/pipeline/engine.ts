/**
 * A compiled workspace: parsed, validated, with the mesh model and every index the evaluation
 * needs built once (policies by namespace, peer authentication per workload, compiled rules
 * per workload). Probes and the matrix evaluate against it without re-scanning anything.
 */
import { PolicyCompiler, buildPolicySet, type PolicySet } from '../authz/decide';
import type { NodePath, ParsedDocument } from '../document';
import { listedJwks, prepareJwt, type JwtContext, type JwtProvider } from '../jwt';
import { lintResources } from '../lint';
import { buildMesh, type MeshModel, type MeshWorkload } from '../mesh';
import { DestinationRuleIndex } from '../mtls/client-tls';
import { PeerAuthenticationIndex } from '../mtls/peer-authentication';
import type { ParseResult } from '../parse';
import { readResources } from '../resources';
import type { AuthorizationPolicy, RequestAuthentication, ResourceSet } from '../resources/types';
import { PolicyIndex } from '../selection';
import type {
  Diagnostic,
  MeshSpec,
  ProbesSpec,
  SourceRange,
  WorkspaceMetadata,
  WorkspaceSource,
} from '../types';
import { readWorkspace } from '../workspace';

export class Engine {
  readonly metadata: WorkspaceMetadata;
  readonly meshSpec: MeshSpec;
  readonly probesSpec: ProbesSpec;
  readonly probePaths: NodePath[];
  readonly droppedProbePaths: NodePath[];
  readonly probesDocument: ParsedDocument | null;
  readonly documents: ParsedDocument[];
  /** What parsing, reading and validating found: every error is here (lints are warnings only). */
  readonly validationDiagnostics: readonly Diagnostic[];
  private allDiagnostics: Diagnostic[] | undefined;
  readonly mesh: MeshModel;
  readonly resources: ResourceSet;
  readonly peerAuthentications: PeerAuthenticationIndex;
  readonly destinationRules: DestinationRuleIndex;
  readonly authorization: PolicyIndex<AuthorizationPolicy>;
  readonly requestAuthentication: PolicyIndex<RequestAuthentication>;
  /** Policies that would attach but that a cluster refuses: named in traces so nobody wonders why they do nothing. */
  private readonly refusedAuthorization: PolicyIndex<AuthorizationPolicy>;
  private readonly refusedRequestAuthentication: PolicyIndex<RequestAuthentication>;
  private jwtContext: JwtContext;

  private readonly compiler: PolicyCompiler;
  private readonly policySets = new Map<string, PolicySet>();
  private readonly providers = new Map<string, JwtProvider[]>();
  private readonly refused = new Map<string, readonly (AuthorizationPolicy | RequestAuthentication)[]>();
  private readonly documentsByIndex = new Map<number, ParsedDocument>();

  /**
   * Compiles a workspace, JWT included: the JWKS the Probes document lists, and every real (signed)
   * token it presents verified against the keys of the providers that could check it (the one
   * asynchronous step). The engine is complete when returned.
   *
   * `parsed`: the workspace's documents in order (a whole text's, or the parts' one after the
   * other). `compilers`: compiled policies kept across evaluations, per trust-domain configuration
   * (rules compile against it); resources re-read from unchanged documents are the same objects, so
   * their compiled rules are found again.
   */
  static async compile(parsed: ParseResult, compilers?: Map<string, PolicyCompiler>): Promise<Engine> {
    const engine = new Engine(parsed, compilers);
    engine.jwtContext = await prepareJwt(
      engine.presentedTokens(),
      engine.allJwtProviders(),
      engine.probesSpec.jwks ?? {},
    );
    return engine;
  }

  /**
   * Compiles a workspace without the asynchronous step: complete for every workspace whose tokens
   * are simulated or unsigned (the listed JWKS are read), but a real signed token is never verified
   * here and fails as "not verified in advance". For structural tests only; evaluation uses `compile`.
   */
  static compileWithoutTokenVerification(
    parsed: ParseResult,
    compilers?: Map<string, PolicyCompiler>,
  ): Engine {
    return new Engine(parsed, compilers);
  }

  private constructor(parsed: ParseResult, compilers?: Map<string, PolicyCompiler>) {
    const workspace = readWorkspace(parsed.documents);
    this.documents = parsed.documents;
    // Only resources' documents are ever looked up by index (trace steps and lints point at
    // resources); the playground documents of parts share those indices, each in its own part.
    for (const d of workspace.resources)
      if (!this.documentsByIndex.has(d.index)) this.documentsByIndex.set(d.index, d);
    this.metadata = workspace.metadata;
    this.meshSpec = workspace.mesh;
    this.probesSpec = workspace.probes;
    this.probePaths = workspace.probePaths;
    this.droppedProbePaths = workspace.droppedProbePaths;
    this.probesDocument = workspace.probesDocument;
    this.mesh = buildMesh(workspace.mesh);
    const read = readResources(workspace.resources, { rootNamespace: this.mesh.rootNamespace });
    this.resources = read.resources;
    this.validationDiagnostics = [...parsed.diagnostics, ...workspace.diagnostics, ...read.diagnostics];
    this.peerAuthentications = new PeerAuthenticationIndex(this.resources.peerAuthentications, this.mesh);
    this.destinationRules = new DestinationRuleIndex(
      this.resources.destinationRules.filter((r) => !r.meta.rejected),
      this.mesh,
    );
    this.authorization = new PolicyIndex(this.resources.authorizationPolicies, this.mesh);
    this.requestAuthentication = new PolicyIndex(this.resources.requestAuthentications, this.mesh);
    this.refusedAuthorization = new PolicyIndex(this.resources.authorizationPolicies, this.mesh, true);
    this.refusedRequestAuthentication = new PolicyIndex(
      this.resources.requestAuthentications,
      this.mesh,
      true,
    );
    const trustDomains = { local: this.mesh.trustDomain, aliases: this.mesh.trustDomainAliases };
    const key = JSON.stringify(trustDomains);
    let compiler = compilers?.get(key);
    if (!compiler) {
      compiler = new PolicyCompiler(trustDomains);
      // One configuration at a time: a trust-domain edit drops the compilations made for the old one.
      compilers?.clear();
      compilers?.set(key, compiler);
    }
    this.compiler = compiler;
    this.jwtContext = { listed: listedJwks(this.probesSpec.jwks ?? {}), verdicts: new Map() };
  }

  /**
   * Validation diagnostics, then the lints (docs/lints.md). The lints are worked out on first use:
   * they are warnings that never change a verdict, and their ranges build the syntax trees of the
   * documents they point into (parse.ts), which `matrix` never needs.
   */
  get diagnostics(): Diagnostic[] {
    return (this.allDiagnostics ??= [
      ...this.validationDiagnostics,
      ...lintResources({
        resources: this.resources,
        mesh: this.mesh,
        peerAuthentications: this.peerAuthentications,
        rangeOf: (d, p) => this.rangeOf(d, p),
        endOf: (source) => this.lastResourceDocument(source)?.range,
        hasRequestAuthentication: (w) => this.requestAuthentication.forWorkload(w).length > 0,
        authorizationFor: (w) => this.authorization.forWorkload(w).map((a) => a.policy),
      }),
    ]);
  }

  /** JWKS the Probes document lists, and the verdicts of the real tokens its probes present. */
  get jwt(): JwtContext {
    return this.jwtContext;
  }

  /** The token strings the Probes document defines (what asynchronous verification covers). */
  private presentedTokens(): string[] {
    const tokens = this.probesSpec.tokens ?? {};
    return Object.values(tokens).flatMap((t) => (t.jwt ? [t.jwt] : t.raw ? [t.raw] : []));
  }

  /** The CUSTOM/DENY/ALLOW/AUDIT policies enforced by a workload's proxy, compiled once. */
  policySet(workload: MeshWorkload): PolicySet {
    let set = this.policySets.get(workload.key);
    if (!set) {
      set = buildPolicySet(
        this.authorization.forWorkload(workload).map((a) => a.policy),
        this.mesh,
        this.compiler,
      );
      this.policySets.set(workload.key, set);
    }
    return set;
  }

  /** jwtRules of every RequestAuthentication that applies to a workload. */
  jwtProviders(workload: MeshWorkload): JwtProvider[] {
    let list = this.providers.get(workload.key);
    if (!list) {
      list = this.requestAuthentication
        .forWorkload(workload)
        .flatMap(({ policy }) => policy.jwtRules.map((rule) => ({ ra: policy, rule })));
      this.providers.set(workload.key, list);
    }
    return list;
  }

  allJwtProviders(): JwtProvider[] {
    return this.resources.requestAuthentications
      .filter((r) => !r.meta.rejected)
      .flatMap((ra) => ra.jwtRules.map((rule) => ({ ra, rule })));
  }

  /** Refused AuthorizationPolicies and RequestAuthentications that would otherwise apply to a workload. */
  refusedPolicies(workload: MeshWorkload): readonly (AuthorizationPolicy | RequestAuthentication)[] {
    let list = this.refused.get(workload.key);
    if (!list) {
      list = [
        ...this.refusedAuthorization.forWorkload(workload).map((a) => a.policy),
        ...this.refusedRequestAuthentication.forWorkload(workload).map((a) => a.policy),
      ];
      this.refused.set(workload.key, list);
    }
    return list;
  }

  /** Source range of a path inside a resource's document, for trace steps. */
  /** The last Istio resource document of a part (of the whole text when `source` is undefined). */
  private lastResourceDocument(source: WorkspaceSource | undefined): ParsedDocument | undefined {
    let last: ParsedDocument | undefined;
    for (const d of this.documentsByIndex.values()) if (d.source === source) last = d;
    return last;
  }

  rangeOf(document: number, path: NodePath): SourceRange | undefined {
    return this.documentsByIndex.get(document)?.rangeOf(path);
  }
}
