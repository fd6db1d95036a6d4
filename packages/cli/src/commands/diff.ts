import {
  connectionText,
  createEvaluator,
  diffReview,
  outcomeText,
  reviewMarkdown,
  reviewSummaryLine,
  type ProbeIdentity,
  type ProbeOutcome,
  type ReviewDiff,
  type ReviewInput,
  upstreamChanges,
} from '@playground/evaluator';
import { printable, toJson } from '../format';
import { EXIT, type Io } from '../io';
import { loadWorkspace, printableLines } from './workspace';

export interface DiffOptions {
  format: 'text' | 'json' | 'markdown';
  /** The share link the Markdown report ends with (http(s) only). */
  link?: string;
  now?: Date;
}

/** `--json` (issue 9): identity with the request's defaults filled in, then the outcomes. */
interface ProbeJson {
  name: string;
  from: string;
  to: string;
  port: number;
  request: { method: string; path: string };
}

const identityJson = (p: ProbeIdentity): ProbeJson => ({
  name: p.name,
  from: p.from,
  to: p.to,
  port: p.port,
  request: { method: p.request.method, path: p.request.path },
});

/** An outcome in `--json`: status, verdict, mTLS, and (added in issue 10) what the app receives. */
const outcomeJson = (o: ProbeOutcome): ProbeOutcome => ({
  status: o.status,
  verdict: o.verdict,
  mtls: o.mtls,
  upstream: o.upstream ?? null,
});

export function diffJson(diff: ReviewDiff): unknown {
  return {
    changes: diff.changes.map((c) => ({
      ...identityJson(c),
      kind: c.kind,
      before: outcomeJson(c.before),
      after: outcomeJson(c.after),
    })),
    added: diff.added.map((a) => ({ ...identityJson(a), after: outcomeJson(a.after) })),
    removed: diff.removed.map((r) => ({ ...identityJson(r), before: outcomeJson(r.before) })),
    summary: { ...diff.summary },
  };
}

const named = (p: ProbeIdentity): string => (p.name ? `  "${printable(p.name)}"` : '');

function diffText(diff: ReviewDiff): string {
  const lines = [
    ...diff.changes.map(
      (c) =>
        `changed  ${printable(connectionText(c))}  ${printable(outcomeText(c.before))} → ${printable(outcomeText(c.after))}  (${c.kind.replace('-', ' ')})${named(c)}` +
        upstreamChanges(c.before, c.after)
          .map((u) => `\n         the app receives: ${printable(u)}`)
          .join(''),
    ),
    ...diff.added.map(
      (a) => `added    ${printable(connectionText(a))}  ${printable(outcomeText(a.after))}${named(a)}`,
    ),
    ...diff.removed.map(
      (r) => `removed  ${printable(connectionText(r))}  ${printable(outcomeText(r.before))}${named(r)}`,
    ),
  ];
  const summary = `${reviewSummaryLine(diff)}; ${diff.summary.unchanged} unchanged`;
  return `${lines.length ? `${lines.join('\n')}\n\n` : ''}${summary}\n`;
}

const sideOf = (input: ReviewInput) => ({
  probes: input.parts.probes.probes ?? [],
  results: input.evaluation.probes,
});

/**
 * `diff BEFORE AFTER`: which probes' outcomes a policy change changes, which probes it adds and
 * removes. Exit 0 nothing changed, 1 something did, 2 either file is not a workspace.
 */
export async function diffCommand(
  before: string,
  after: string,
  options: DiffOptions,
  io: Io,
): Promise<number> {
  const evaluator = createEvaluator();
  const baseline = await loadWorkspace(before, evaluator, io, options.now);
  const current = await loadWorkspace(after, evaluator, io, options.now);
  if (!baseline || !current) return EXIT.invalid;
  const diff = diffReview(sideOf(baseline), sideOf(current));
  if (options.format === 'json') io.stdout(toJson(diffJson(diff)));
  else if (options.format === 'markdown')
    io.stdout(printableLines(reviewMarkdown(current, baseline, options.link ? { link: options.link } : {})));
  else io.stdout(diffText(diff));
  const { changed, added, removed } = diff.summary;
  return changed + added + removed > 0 ? EXIT.failed : EXIT.ok;
}
