import { createEvaluator, type ProbeSpec, type RequestSpec } from '@playground/evaluator';
import { readWorkspaceFile } from '../files';
import {
  formatDiagnostic,
  formatTrace,
  formatUpstream,
  isInvalidInput,
  outcomeOf,
  printable,
  toJson,
  workspaceProblems,
} from '../format';
import { EXIT, UsageError, type Io } from '../io';

export interface ExplainOptions {
  from: string;
  to: string;
  port: number;
  path?: string;
  method?: string;
  host?: string;
  headers: string[];
  token?: string;
  sourceIp?: string;
  json: boolean;
  now?: Date;
}

/** `explain FILE --from --to --port …`: one request, with the full trace of why. */
export async function explainCommand(file: string, options: ExplainOptions, io: Io): Promise<number> {
  const read = readWorkspaceFile(file);
  if ('error' in read) {
    io.stderr(`${printable(read.error)}\n`);
    return EXIT.invalid;
  }
  const request: RequestSpec = {};
  if (options.path) request.path = options.path;
  if (options.method) request.method = options.method;
  if (options.host) request.host = options.host;
  if (options.token) request.token = options.token;
  if (options.sourceIp) request.sourceIp = options.sourceIp;
  if (options.headers.length) {
    request.headers = {};
    for (const h of options.headers) {
      const eq = h.indexOf('=');
      if (eq <= 0) throw new UsageError(`--header takes name=value, not "${h}"`);
      request.headers[h.slice(0, eq)] = h.slice(eq + 1);
    }
  }
  const probe: ProbeSpec = {
    name: 'explain',
    from: options.from,
    to: options.to,
    port: options.port,
    request,
  };
  const evaluation = await createEvaluator().evaluate(read.text, {
    probes: [probe],
    ...(options.now ? { now: options.now } : {}),
  });
  const errors = evaluation.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) io.stderr(`${formatDiagnostic(file, d)}\n`);
  const problems = workspaceProblems(file, evaluation.documents, evaluation.diagnostics);
  for (const p of problems) io.stderr(`${p}\n`);
  if (problems.length || errors.some(isInvalidInput)) return EXIT.invalid;
  const result = evaluation.probes[0];
  if (!result) return EXIT.invalid;
  if (options.json) {
    io.stdout(toJson(result));
  } else {
    io.stdout(`${printable(result.from)} → ${printable(result.to)}:${result.port}: ${outcomeOf(result)}\n`);
    io.stdout(`${formatTrace(file, result.trace).join('\n')}\n`);
    const upstream = formatUpstream(result);
    if (upstream.length) io.stdout(`${upstream.join('\n')}\n`);
  }
  return result.verdict === 'invalid' ? EXIT.invalid : EXIT.ok;
}
