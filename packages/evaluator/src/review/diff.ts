/**
 * The difference a policy change makes: every probe whose outcome (status, verdict, mTLS, or what
 * the app receives: `upstream`, its path and headers) differs between a baseline evaluation and the
 * current one, plus the probes added and removed (`policy-playground diff`, the app's review mode).
 */
import type { ProbeResult, ProbeSpec, Verdict } from '../types';
import { matchProbes, requestSummary, type ProbeRequestSummary } from './match';

/** One side of a review: the Probes list and the results evaluated from it (`result.index` into it). */
export interface ReviewSide {
  probes: readonly ProbeSpec[];
  results: readonly ProbeResult[];
}

/** What the application receives (ProbeResult `upstream`, pipeline/upstream.ts). */
export interface UpstreamRequest {
  path: string;
  headers: Record<string, string>;
}

/** What a client observes of one probe, and what the app behind the server receives. */
export interface ProbeOutcome {
  status: string;
  verdict: Verdict;
  mtls: boolean | null;
  /** The request as the app receives it; null when none reaches it (absent: not compared). */
  upstream?: UpstreamRequest | null;
}

export interface ProbeIdentity {
  name: string;
  from: string;
  to: string;
  port: number;
  request: ProbeRequestSummary;
}

/**
 * - `newly-denied`: allowed before, not allowed now;
 * - `newly-allowed`: not allowed before, allowed now;
 * - `other`: still allowed or still refused, but differently (another status, verdict or mTLS, or
 *   the app receives another path or other headers).
 */
export type ChangeKind = 'newly-denied' | 'newly-allowed' | 'other';

export interface ProbeChange extends ProbeIdentity {
  kind: ChangeKind;
  /** Index in the baseline's Probes list. */
  beforeIndex: number;
  /** Index in the current Probes list. */
  afterIndex: number;
  before: ProbeOutcome;
  after: ProbeOutcome;
}

export interface AddedProbe extends ProbeIdentity {
  afterIndex: number;
  after: ProbeOutcome;
}

export interface RemovedProbe extends ProbeIdentity {
  beforeIndex: number;
  before: ProbeOutcome;
}

export interface ReviewDiff {
  changes: ProbeChange[];
  added: AddedProbe[];
  removed: RemovedProbe[];
  summary: { changed: number; added: number; removed: number; unchanged: number };
}

export const outcomeOf = (r: ProbeResult): ProbeOutcome => ({
  status: r.status,
  verdict: r.verdict,
  mtls: r.mtls,
  upstream: r.upstream ?? null,
});

const headerNames = (u: UpstreamRequest): string[] => Object.keys(u.headers).sort();

function sameUpstream(a: UpstreamRequest | null, b: UpstreamRequest | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.path !== b.path) return false;
  const names = headerNames(a);
  const other = headerNames(b);
  return (
    names.length === other.length && names.every((n, i) => n === other[i] && a.headers[n] === b.headers[n])
  );
}

/** Outcomes built without `upstream` (older callers) compare on status, verdict and mTLS alone. */
export const sameOutcome = (a: ProbeOutcome, b: ProbeOutcome): boolean =>
  a.status === b.status &&
  a.verdict === b.verdict &&
  a.mtls === b.mtls &&
  (a.upstream === undefined || b.upstream === undefined || sameUpstream(a.upstream, b.upstream));

/**
 * How what the app receives differs, one phrase per difference, in plain text: `path /a// → /a/`,
 * `header authorization: Bearer … → (absent)`. Only when the request reaches the app on both
 * sides: that it no longer does (or now does) is already said by the verdict.
 */
export function upstreamChanges(before: ProbeOutcome, after: ProbeOutcome): string[] {
  const a = before.upstream;
  const b = after.upstream;
  if (!a || !b) return [];
  const changes = a.path === b.path ? [] : [`path ${a.path} → ${b.path}`];
  for (const name of [...new Set([...headerNames(a), ...headerNames(b)])].sort()) {
    const was = Object.hasOwn(a.headers, name) ? a.headers[name] : undefined;
    const is = Object.hasOwn(b.headers, name) ? b.headers[name] : undefined;
    if (was !== is) changes.push(`header ${name}: ${was ?? '(absent)'} → ${is ?? '(absent)'}`);
  }
  return changes;
}

export function changeKind(before: ProbeOutcome, after: ProbeOutcome): ChangeKind {
  const was = before.verdict === 'allowed';
  const is = after.verdict === 'allowed';
  if (was && !is) return 'newly-denied';
  if (!was && is) return 'newly-allowed';
  return 'other';
}

function identity(result: ProbeResult, spec: ProbeSpec | undefined): ProbeIdentity {
  return {
    name: result.name,
    from: result.from,
    to: result.to,
    port: result.port,
    request: requestSummary(spec),
  };
}

/** Results by their index in the Probes list; a probe without a result (dropped) is not compared. */
function evaluatedSpecs(side: ReviewSide): {
  specs: (ProbeSpec | undefined)[];
  results: Map<number, ProbeResult>;
} {
  const results = new Map(side.results.map((r) => [r.index, r]));
  return { specs: side.probes.map((spec, i) => (results.has(i) ? spec : undefined)), results };
}

export function diffReview(before: ReviewSide, after: ReviewSide): ReviewDiff {
  const b = evaluatedSpecs(before);
  const a = evaluatedSpecs(after);
  const match = matchProbes(b.specs, a.specs);

  const changes: ProbeChange[] = [];
  let unchanged = 0;
  for (const [i, j] of match.pairs) {
    const was = b.results.get(i);
    const is = a.results.get(j);
    if (!was || !is) continue;
    const beforeOutcome = outcomeOf(was);
    const afterOutcome = outcomeOf(is);
    if (sameOutcome(beforeOutcome, afterOutcome)) {
      unchanged++;
      continue;
    }
    changes.push({
      ...identity(is, a.specs[j]),
      kind: changeKind(beforeOutcome, afterOutcome),
      beforeIndex: i,
      afterIndex: j,
      before: beforeOutcome,
      after: afterOutcome,
    });
  }
  const added = match.added.flatMap((j) => {
    const is = a.results.get(j);
    return is ? [{ ...identity(is, a.specs[j]), afterIndex: j, after: outcomeOf(is) }] : [];
  });
  const removed = match.removed.flatMap((i) => {
    const was = b.results.get(i);
    return was ? [{ ...identity(was, b.specs[i]), beforeIndex: i, before: outcomeOf(was) }] : [];
  });
  return {
    changes,
    added,
    removed,
    summary: { changed: changes.length, added: added.length, removed: removed.length, unchanged },
  };
}
