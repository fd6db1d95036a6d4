/**
 * The evaluation entry points: a workspace text in, diagnostics + per-workload facts + a verdict
 * and trace for every probe out. Never throws for user input.
 */
import { prepareJwt } from './jwt';
import type { PolicyCompiler } from './authz/decide';
import { ParseCache } from './parse';
import { Engine } from './pipeline/engine';
import { evaluateProbe } from './pipeline/probe';
import { buildRequest } from './pipeline/request';
import type { PeerAuthentication } from './resources/types';
import type { Diagnostic, DocumentSummary, Evaluation, ProbeSpec, ResourceRef, WorkloadFacts } from './types';

export interface EvaluateOptions {
  /** Evaluation clock for JWT exp/nbf when neither the Probes document nor a probe sets `now`. */
  now?: Date;
  /** Evaluate these probes instead of the workspace's own (its tokens, JWKS and clock still apply). */
  probes?: ProbeSpec[];
}

const ref = (meta: ResourceRef): ResourceRef => ({
  kind: meta.kind,
  name: meta.name,
  namespace: meta.namespace,
  document: meta.document,
});

function workloadFacts(engine: Engine): WorkloadFacts[] {
  return engine.mesh.workloads.map((w) => {
    const pa = engine.peerAuthentications.forWorkload(w);
    const mode = pa.workload;
    const ports = [...new Set([...w.ports.map((p) => p.targetPort), ...w.listens])].map((port) => {
      const m = engine.peerAuthentications.forPort(w, port);
      return {
        port,
        mode: w.sidecar ? m.mode : ('NONE' as const),
        origin: w.sidecar ? m.origin : ('no-sidecar' as const),
        ...(m.policy && w.sidecar ? { resource: ref(m.policy.meta) } : {}),
      };
    });
    const paRefs = new Map<PeerAuthentication, true>();
    for (const p of [pa.namespace.policy, pa.workload.policy, pa.workloadPolicy]) if (p) paRefs.set(p, true);
    const policies: ResourceRef[] = [
      ...engine.authorization.forWorkload(w).map((a) => ref(a.policy.meta)),
      ...engine.requestAuthentication.forWorkload(w).map((a) => ref(a.policy.meta)),
      ...[...paRefs.keys()].map((p) => ref(p.meta)),
    ];
    return {
      key: w.key,
      proxy: w.gateway ? 'gateway' : w.sidecar ? 'sidecar' : 'none',
      principal: w.sidecar || w.gateway ? w.principal : null,
      ip: w.ip,
      peerAuthentication: {
        mode: w.sidecar && !w.gateway ? mode.mode : 'NONE',
        origin: w.sidecar && !w.gateway ? mode.origin : 'no-sidecar',
        ...(mode.policy && w.sidecar ? { resource: ref(mode.policy.meta) } : {}),
        ports,
      },
      policies,
    };
  });
}

/** Probes naming endpoints, ports or tokens that do not exist: a diagnostic each, where the probe is. */
function probeDiagnostics(engine: Engine): Diagnostic[] {
  const out: Diagnostic[] = [];
  const doc = engine.probesDocument;
  (engine.probesSpec.probes ?? []).forEach((probe, i) => {
    const path = engine.probePaths[i] ?? [];
    const report = (field: string, code: string, message: string) =>
      out.push({
        code,
        severity: 'error',
        message,
        document: doc?.index ?? -1,
        range: doc ? doc.rangeOf([...path, field]) : null,
      });
    if (probe.from !== 'external' && !engine.mesh.byKey.has(probe.from)) {
      report(
        'from',
        'probes.unknown-endpoint',
        `probe ${i} ("${probe.name ?? ''}"): source "${probe.from}" is not a workload of the mesh`,
      );
    }
    const server = engine.mesh.byKey.get(probe.to);
    if (!server) {
      report(
        'to',
        'probes.unknown-endpoint',
        `probe ${i} ("${probe.name ?? ''}"): destination "${probe.to}" is not a workload of the mesh`,
      );
      return;
    }
    if ((probe.address ?? 'service') === 'service' && !server.ports.some((p) => p.port === probe.port)) {
      report(
        'port',
        'probes.unknown-port',
        `probe ${i}: Service ${server.service}.${server.namespace} has no port ${probe.port}`,
      );
    }
    for (const problem of buildRequest(engine, probe, server).problems)
      report('request', 'probes.unknown-token', `probe ${i}: ${problem}`);
  });
  return out;
}

function documentSummaries(engine: Engine): DocumentSummary[] {
  const seen = new Set<number>();
  const out: DocumentSummary[] = [];
  for (const d of engine.documents) {
    if (seen.has(d.index)) continue;
    seen.add(d.index);
    const record =
      d.value && typeof d.value === 'object' && !Array.isArray(d.value)
        ? (d.value as Record<string, unknown>)
        : {};
    const meta =
      record.metadata && typeof record.metadata === 'object'
        ? (record.metadata as Record<string, unknown>)
        : {};
    out.push({
      index: d.index,
      kind: d.kind,
      apiVersion: d.apiVersion,
      name: typeof meta.name === 'string' ? meta.name : null,
      namespace: typeof meta.namespace === 'string' ? meta.namespace : null,
      range: d.range,
    });
  }
  return out;
}

/** The token strings probes present (for the one asynchronous JWT verification pass). */
function presentedTokens(engine: Engine): string[] {
  const tokens = engine.probesSpec.tokens ?? {};
  return Object.values(tokens).flatMap((t) => (t.jwt ? [t.jwt] : t.raw ? [t.raw] : []));
}

export class Evaluator {
  private readonly cache = new ParseCache();
  private readonly compilers = new Map<string, PolicyCompiler>();

  /** Compile a workspace (re-parsing only the documents that changed since the last call). */
  compile(text: string): Engine {
    return new Engine(text, this.cache, this.compilers);
  }

  async evaluate(text: string, options: EvaluateOptions = {}): Promise<Evaluation> {
    const engine = this.compile(text);
    engine.jwt = await prepareJwt(
      presentedTokens(engine),
      engine.allJwtProviders(),
      engine.probesSpec.jwks ?? {},
    );
    const now = options.now ?? new Date();
    const own = options.probes === undefined;
    const probes = (options.probes ?? engine.probesSpec.probes ?? []).map((p, i) =>
      evaluateProbe(engine, p, i, now, { fromDocument: own }),
    );
    return {
      metadata: engine.metadata,
      diagnostics: [...engine.diagnostics, ...(own ? probeDiagnostics(engine) : [])],
      documents: documentSummaries(engine),
      workloads: workloadFacts(engine),
      probes,
    };
  }
}

/** A stateful evaluator that reuses the parse of unchanged documents between calls. */
export function createEvaluator(): Evaluator {
  return new Evaluator();
}

/** Parse, validate and evaluate a whole workspace. Never throws for user input. */
export async function evaluateWorkspace(text: string, options: EvaluateOptions = {}): Promise<Evaluation> {
  return new Evaluator().evaluate(text, options);
}
