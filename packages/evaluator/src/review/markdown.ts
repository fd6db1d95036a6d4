/**
 * The Markdown review report for a pull request comment (issue 9 "Exports"): a title, a one-line
 * summary, a table of changed connections with the policy that decided each, the policy diff in a
 * fenced `diff` block, and the share link. Without a baseline: every probe's outcome.
 *
 * Every name comes from user YAML, so every piece of user text goes through one of three escapes:
 * table/heading text (`markdownText`), a fenced block (`fencedBlock`, CommonMark §4.5: the fence is
 * longer than any backtick run inside) and the link (`markdownLink`: http(s) only, an autolink with
 * nothing inside that could end it). Nothing user-written can become HTML, a link or table structure.
 */
import type { Evaluation, ProbeResult, ProbeSpec } from '../types';
import type { WorkspaceParts } from '../workspace-text';
import { decidingPolicy } from './deciding';
import {
  diffReview,
  upstreamChanges,
  type ProbeChange,
  type ProbeIdentity,
  type ProbeOutcome,
  type ReviewDiff,
} from './diff';
import { requestSummary } from './match';
import { policyDiff } from './policyDiff';

/** One side of a review as the app and the CLI hold it: the workspace and its evaluation (with traces). */
export interface ReviewInput {
  parts: WorkspaceParts;
  evaluation: Evaluation;
}

export interface ReviewMarkdownOptions {
  /** The report's heading; default the workspace's title or name, else "Policy review". */
  title?: string;
  /** The share link (`#w=…&b=…`); emitted only when it is an http(s) URL. */
  link?: string;
}

/** Line breaks of every kind, shown as a literal `\n` so a value stays on its table row. */
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;
/** Other control characters: dropped from inline text (they render as nothing useful). */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
/**
 * Markdown punctuation that could start emphasis, code, links, strikethrough or a table cell, and
 * `:` and `@`, so no URL or e-mail address in a name becomes a GFM autolink (`www.` is handled apart).
 */
const PUNCTUATION = /[\\`*_[\]|~:@]/g;
const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Text made inert in a Markdown table cell or heading: `\`, `` ` ``, `*`, `_`, `[`, `]`, `|`, `~`, `:`
 * and `@` are backslash-escaped (GFM also reads `\|` as a literal pipe inside a cell), as is the dot
 * of `www.`, `<`, `>` and `&` become character references (no HTML, no entity), and line breaks
 * become a visible `\n`.
 */
export function markdownText(value: string): string {
  return value
    .replace(CONTROLS, '')
    .replace(LINE_BREAKS, '\n')
    .replace(PUNCTUATION, (c) => `\\${c}`)
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/[<>&]/g, (c) => ENTITIES[c] ?? c)
    .replace(/\n/g, '\\\\n');
}

/**
 * A fenced code block whose fence is longer than the longest run of backticks in `text`
 * (CommonMark §4.5: the closing fence must be at least as long as the opening one, so a shorter
 * run inside cannot close it). `info` is ours, never user text.
 */
export function fencedBlock(text: string, info = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  return `${fence}${info}\n${body}${fence}\n`;
}

/** Characters an autolink keeps as they are (RFC 3986 unreserved and reserved, and `%`). */
const URL_SAFE = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;

/**
 * The link as a CommonMark autolink `<https://…>`, or null when it is not an http(s) URL. Every
 * character outside RFC 3986's sets (spaces, `<`, `>`, quotes, backticks, controls, non-ASCII) is
 * percent-encoded, so nothing can end the autolink early or become markup.
 */
export function markdownLink(link: string): string | null {
  if (!/^https?:\/\/[^\s/?#]/i.test(link)) return null;
  let encoded = '';
  for (const ch of link) {
    if (URL_SAFE.test(ch)) encoded += ch;
    else
      for (const byte of new TextEncoder().encode(ch))
        encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `<${encoded}>`;
}

/** `foo/sleep → bar/httpbin :8000 GET /ip` (plain text; escape it for Markdown). */
export function connectionText(p: Pick<ProbeIdentity, 'from' | 'to' | 'port' | 'request'>): string {
  return `${p.from} → ${p.to} :${p.port} ${p.request.method} ${p.request.path}`;
}

/** `200 allowed (mTLS)`, `000 mtls-failure`, `200 allowed (plaintext)` (plain text). */
export function outcomeText(o: ProbeOutcome): string {
  return `${o.status} ${o.verdict}${o.mtls === null ? '' : o.mtls ? ' (mTLS)' : ' (plaintext)'}`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "N connections changed: A newly denied, B newly allowed, C other; D added, E removed". */
export function reviewSummaryLine(diff: ReviewDiff): string {
  const count = (kind: string) => diff.changes.filter((c) => c.kind === kind).length;
  return (
    `${plural(diff.summary.changed, 'connection', 'connections')} changed: ` +
    `${count('newly-denied')} newly denied, ${count('newly-allowed')} newly allowed, ${count('other')} other; ` +
    `${diff.summary.added} added, ${diff.summary.removed} removed`
  );
}

/** Results by their index in the Probes list (one lookup per table row, not a scan). */
const resultsByIndex = (evaluation: Evaluation): Map<number, ProbeResult> =>
  new Map(evaluation.probes.map((r) => [r.index, r]));

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** The connection cell: the request, then the probe's name when it has one. */
function connectionCell(p: ProbeIdentity, spec: ProbeSpec | undefined): string {
  const name = spec?.name ? ` — ${markdownText(spec.name)}` : '';
  return `${markdownText(connectionText(p))}${name}`;
}

function deciding(result: ProbeResult | undefined, evaluation: Evaluation): string {
  const policy = result ? decidingPolicy(result, evaluation.workloads) : null;
  return policy === null ? '—' : markdownText(policy);
}

function titleOf(input: ReviewInput, options: ReviewMarkdownOptions, fallback: string): string {
  const t = options.title ?? input.parts.metadata.title ?? input.parts.metadata.name ?? fallback;
  return `## ${markdownText(t.trim() === '' ? fallback : t)}`;
}

function linkLines(options: ReviewMarkdownOptions): string[] {
  const link = options.link === undefined ? null : markdownLink(options.link);
  return link ? ['', `Open it in the Istio Policy Playground: ${link}`] : [];
}

/** What the app receives differently, after the outcome: `; the app receives: path /a// → /a/`. */
function upstreamCell(c: ProbeChange): string {
  const changes = upstreamChanges(c.before, c.after);
  return changes.length ? `; the app receives: ${markdownText(changes.join('; '))}` : '';
}

function changesTable(after: ReviewInput, before: ReviewInput, diff: ReviewDiff): string[] {
  const afterSpecs = after.parts.probes.probes ?? [];
  const beforeSpecs = before.parts.probes.probes ?? [];
  const afterResults = resultsByIndex(after.evaluation);
  const beforeResults = resultsByIndex(before.evaluation);
  const rows = [
    ...diff.changes.map((c) =>
      row([
        connectionCell(c, afterSpecs[c.afterIndex]),
        markdownText(outcomeText(c.before)),
        `${markdownText(outcomeText(c.after))} (${c.kind.replace('-', ' ')})${upstreamCell(c)}`,
        deciding(afterResults.get(c.afterIndex), after.evaluation),
      ]),
    ),
    ...diff.added.map((a) =>
      row([
        connectionCell(a, afterSpecs[a.afterIndex]),
        '— (added)',
        markdownText(outcomeText(a.after)),
        deciding(afterResults.get(a.afterIndex), after.evaluation),
      ]),
    ),
    ...diff.removed.map((r) =>
      row([
        connectionCell(r, beforeSpecs[r.beforeIndex]),
        markdownText(outcomeText(r.before)),
        '— (removed)',
        deciding(beforeResults.get(r.beforeIndex), before.evaluation),
      ]),
    ),
  ];
  if (rows.length === 0) return ['No connection changed.'];
  return [
    row(['Connection', 'Before', 'After', 'Deciding policy']),
    row(['---', '---', '---', '---']),
    ...rows,
  ];
}

function outcomeTable(input: ReviewInput): string[] {
  const specs = input.parts.probes.probes ?? [];
  const results = input.evaluation.probes;
  if (results.length === 0) return ['No probes.'];
  return [
    row(['Connection', 'Outcome', 'Expected', 'Deciding policy']),
    row(['---', '---', '---', '---']),
    ...results.map((r) => {
      const spec = specs[r.index];
      const identity: ProbeIdentity = { ...r, request: requestSummary(spec) };
      const expected =
        r.expect === null ? '—' : `${markdownText(r.expect)} ${r.pass ? '(pass)' : '(**FAIL**)'}`;
      return row([
        connectionCell(identity, spec),
        markdownText(outcomeText(r)),
        expected,
        deciding(r, input.evaluation),
      ]);
    }),
  ];
}

/**
 * The review report in GitHub-flavoured Markdown. With a baseline (`before`): title, summary line,
 * the changed, added and removed connections, the policy diff and the link. Without one: the
 * outcome of every probe of `after`.
 */
export function reviewMarkdown(
  after: ReviewInput,
  before: ReviewInput | null,
  options: ReviewMarkdownOptions = {},
): string {
  if (!before) {
    const results = after.evaluation.probes;
    const allowed = results.filter((r) => r.verdict === 'allowed').length;
    return [
      titleOf(after, options, 'Policy outcomes'),
      '',
      `${plural(results.length, 'connection', 'connections')}: ${allowed} allowed, ${results.length - allowed} refused`,
      '',
      ...outcomeTable(after),
      ...linkLines(options),
      '',
    ].join('\n');
  }
  const side = (input: ReviewInput) => ({
    probes: input.parts.probes.probes ?? [],
    results: input.evaluation.probes,
  });
  const diff = diffReview(side(before), side(after));
  const patch = policyDiff(before.parts.policies, after.parts.policies, {
    before: 'baseline',
    after: 'current',
  });
  return [
    titleOf(after, options, 'Policy review'),
    '',
    `**${reviewSummaryLine(diff)}** (${plural(diff.summary.unchanged, 'connection', 'connections')} unchanged)`,
    '',
    ...changesTable(after, before, diff),
    '',
    '### Policy diff',
    '',
    ...(patch ? [fencedBlock(patch, 'diff').trimEnd()] : ['The Istio resources did not change.']),
    ...linkLines(options),
    '',
  ].join('\n');
}
