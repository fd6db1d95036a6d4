/**
 * The evaluation entry points: a workspace — one text, or the app's parts — in, diagnostics +
 * per-workload facts + a verdict and trace for every probe out. Never throws for user input.
 */
import type { PolicyCompiler } from './authz/decide';
import { documentSummaries, droppedProbes, probeDiagnostics, workloadFacts } from './facts';
import { fastDocumentValue } from './fast-yaml';
import { ParseCache, parseWorkspaceText } from './parse';
import { PartsParser } from './parts';
import { Engine } from './pipeline/engine';
import { withTextFixes } from './lint';
import { evaluateProbe } from './pipeline/probe';
import type { Diagnostic, DocumentSummary, DroppedProbe, Evaluation, ProbeResult, ProbeSpec } from './types';
import type { WorkspaceParts } from './workspace-text';

export interface EvaluateOptions {
  /** Evaluation clock for JWT exp/nbf when neither the Probes document nor a probe sets `now`. */
  now?: Date;
  /** Evaluate these probes instead of the workspace's own (its tokens, JWKS and clock still apply). */
  probes?: ProbeSpec[];
  /**
   * Which probes get a trace: all (default), none, or those at these indices. The others come
   * back with `trace: []` and are decided on the engine's untraced path, with the same outcome.
   */
  traces?: 'all' | 'none' | readonly number[];
  /**
   * false: leave the lints (docs/lints.md) out of `diagnostics`, for a caller that shows only
   * errors (the CLI's `test`). Lints are warnings; working them out builds the syntax trees of
   * the documents they point into (parse.ts), a large part of a big run. Default true.
   */
  lints?: boolean;
}

function tracedProbes(traces: EvaluateOptions['traces']): (index: number) => boolean {
  if (traces === undefined || traces === 'all') return () => true;
  if (traces === 'none') return () => false;
  const wanted = new Set(traces);
  return (index) => wanted.has(index);
}

/** The diagnostics of an evaluation: validation, the lints unless left out, the own probes' problems. */
function diagnosticsOf(engine: Engine, options: EvaluateOptions, own: boolean): Diagnostic[] {
  return [
    ...(options.lints === false ? engine.validationDiagnostics : engine.diagnostics),
    ...(own ? probeDiagnostics(engine) : []),
  ];
}

/** Evaluates a compiled workspace (JWT already prepared by `Engine.compile`): every probe. */
function evaluateEngine(engine: Engine, options: EvaluateOptions): Evaluation {
  const now = options.now ?? new Date();
  const own = options.probes === undefined;
  const traced = tracedProbes(options.traces);
  const probes = (options.probes ?? engine.probesSpec.probes ?? []).map((p, i) =>
    evaluateProbe(engine, p, i, now, { fromDocument: own, trace: traced(i) }),
  );
  return {
    metadata: engine.metadata,
    diagnostics: diagnosticsOf(engine, options, own),
    documents: documentSummaries(engine),
    workloads: workloadFacts(engine),
    probes,
    droppedProbes: own ? droppedProbes(engine) : [],
  };
}

/**
 * A compiled workspace whose own probes are evaluated only when `visit` is called, one at a time
 * and in order: a caller that writes each result and keeps none never holds thousands of traced
 * results at once (the CLI's `test`). Everything else is as `Evaluator.evaluate` gives it.
 */
export interface OpenEvaluation {
  diagnostics: Diagnostic[];
  documents: DocumentSummary[];
  droppedProbes: DroppedProbe[];
  visit(each: (result: ProbeResult) => void): void;
}

export class Evaluator {
  // Separate caches: each sweeps what its last call did not use, so sharing one would let a
  // whole-text call evict the parts' documents and the other way round.
  private readonly cache = new ParseCache(fastDocumentValue);
  private readonly parts = new PartsParser();
  private readonly compilers = new Map<string, PolicyCompiler>();

  /**
   * Compile a workspace, JWT included (re-parsing only the documents that changed since the last
   * call).
   */
  compile(text: string): Promise<Engine> {
    return Engine.compile(parseWorkspaceText(text, this.cache), this.compilers);
  }

  /** Evaluates a whole workspace text; positions are lines and columns of that text. */
  async evaluate(text: string, options: EvaluateOptions = {}): Promise<Evaluation> {
    const evaluation = evaluateEngine(await this.compile(text), options);
    return { ...evaluation, diagnostics: withTextFixes(evaluation.diagnostics, () => text) };
  }

  /** Compiles a whole workspace text and evaluates its probes as `visit` asks (see OpenEvaluation). */
  async open(text: string, options: Omit<EvaluateOptions, 'probes'> = {}): Promise<OpenEvaluation> {
    const engine = await this.compile(text);
    const now = options.now ?? new Date();
    const traced = tracedProbes(options.traces);
    return {
      diagnostics: withTextFixes(diagnosticsOf(engine, options, true), () => text),
      documents: documentSummaries(engine),
      droppedProbes: droppedProbes(engine),
      visit: (each) =>
        (engine.probesSpec.probes ?? []).forEach((p, i) =>
          each(evaluateProbe(engine, p, i, now, { fromDocument: true, trace: traced(i) })),
        ),
    };
  }

  /**
   * Evaluates a workspace given as parts, re-parsing only the parts that changed since the last
   * call. Every diagnostic, document summary and ranged trace step names its `source` part, and
   * its document index and range count within that part's text: the policies string as given,
   * or the canonical Mesh/Probes texts returned in `parts`.
   */
  async evaluateParts(parts: WorkspaceParts, options: EvaluateOptions = {}): Promise<Evaluation> {
    const parsed = this.parts.parse(parts);
    const evaluation = evaluateEngine(
      await Engine.compile({ documents: parsed.documents, diagnostics: parsed.diagnostics }, this.compilers),
      options,
    );
    const texts = { ...parsed.texts, policies: parts.policies };
    const diagnostics = withTextFixes(evaluation.diagnostics, (source) =>
      source ? texts[source] : undefined,
    );
    return { ...evaluation, diagnostics, parts: parsed.texts };
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

/** Parse, validate and evaluate a workspace given as parts (see `Evaluator.evaluateParts`). */
export async function evaluateParts(
  parts: WorkspaceParts,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  return new Evaluator().evaluateParts(parts, options);
}
