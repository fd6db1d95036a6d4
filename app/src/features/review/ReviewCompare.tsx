/**
 * Review mode in the probe inspector: the selected probe before (the baseline) and after (now), side
 * by side — status, verdict, mTLS and both traces (the baseline's trace is asked of the worker when
 * the probe is selected, see `connect.ts`). Renders nothing outside review mode or for a probe that
 * did not change.
 *
 * Test hooks: `inspector.review` (`data-kind`), `inspector.review.before|after` (`data-status`,
 * `data-verdict`, `data-mtls`), `inspector.review.before|after.trace` (each holding an
 * `inspector.review.trace` list), `inspector.review.upstream` (what the app receives differs:
 * one item per path or header change; the outcome may be the same on both sides).
 */
import { memo } from 'react';
import { upstreamChanges } from '@playground/evaluator';
import type { ProbeOutcome, TraceStep } from '@playground/evaluator';
import { usePlayground } from '../../store';
import { verdictLook } from '../graph/verdictStyle';
import { iconFor, VerdictIcon } from '../graph/VerdictIcon';
import { selectReviewDiff } from './selectors';
import './review.css';

const KIND_WORDS = {
  'newly-denied': '▼ Newly denied',
  'newly-allowed': '▲ Newly allowed',
  other: '◆ Changed',
  added: '✚ New probe (not in the baseline)',
} as const;

function Side({ which, outcome }: { which: 'before' | 'after'; outcome: ProbeOutcome | null }) {
  const look = outcome ? verdictLook(outcome.verdict, outcome.mtls) : null;
  return (
    <div
      className={`review-compare__side review-compare__side--${which}`}
      data-testid={`inspector.review.${which}`}
      data-status={outcome?.status ?? ''}
      data-verdict={outcome?.verdict ?? ''}
      data-mtls={outcome ? String(outcome.mtls) : ''}
    >
      <h4>{which === 'before' ? 'Before' : 'After'}</h4>
      {outcome && look ? (
        <>
          <p className="review-compare__outcome">
            <VerdictIcon name={iconFor(outcome.verdict, outcome.mtls)} /> {outcome.status}
          </p>
          <p className="review-compare__words">{look.words}</p>
          <p className="review-compare__mtls">
            mTLS: {outcome.mtls === null ? 'n/a' : outcome.mtls ? 'yes' : 'no'}
          </p>
        </>
      ) : (
        <p className="muted">Not in the baseline.</p>
      )}
    </div>
  );
}

function Trace({ which, trace }: { which: 'before' | 'after'; trace: TraceStep[] | null }) {
  return (
    <div className="review-compare__trace" data-testid={`inspector.review.${which}.trace`}>
      <h4>{which === 'before' ? 'Trace before (baseline)' : 'Trace after (now)'}</h4>
      {trace && trace.length ? (
        <ol className="trace" data-testid="inspector.review.trace">
          {trace.map((step, i) => (
            <li key={i} className={`outcome-${step.outcome}`}>
              <strong>
                {step.hop > 0 ? `hop ${step.hop} · ` : ''}
                {step.stage}
              </strong>{' '}
              <em>{step.outcome}</em>: {step.message}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">Tracing…</p>
      )}
    </div>
  );
}

/** What the application receives, where it changed (e.g. a path normalization setting). */
function UpstreamChanges({ changes }: { changes: string[] }) {
  if (changes.length === 0) return null;
  return (
    <div className="review-compare__upstream" data-testid="inspector.review.upstream">
      <p className="review-compare__upstream-title">What the app receives changed:</p>
      <ul>
        {changes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const ReviewCompare = memo(function ReviewCompare({ index }: { index: number }) {
  const diff = usePlayground(selectReviewDiff);
  const change = diff?.changes.find((c) => c.afterIndex === index) ?? null;
  const added = change ? null : (diff?.added.find((a) => a.afterIndex === index) ?? null);
  const beforeTrace = usePlayground((s) =>
    change ? (s.baselineEvaluation?.probes.find((r) => r.index === change.beforeIndex)?.trace ?? null) : null,
  );
  const afterTrace = usePlayground((s) => s.verdicts?.probes[index]?.trace ?? null);
  if (!change && !added) return null;
  const kind = change ? change.kind : 'added';
  return (
    <section
      className="review-compare"
      data-testid="inspector.review"
      data-kind={kind}
      aria-label="Before and after"
    >
      <p className="review-compare__kind">{KIND_WORDS[kind]}</p>
      <div className="review-compare__outcomes">
        <Side which="before" outcome={change?.before ?? null} />
        <Side which="after" outcome={change?.after ?? added?.after ?? null} />
      </div>
      {change ? <UpstreamChanges changes={upstreamChanges(change.before, change.after)} /> : null}
      {/* Side by side when the inspector is wide enough, else one above the other (review.css). */}
      <div className="review-compare__traces">
        {change ? <Trace which="before" trace={beforeTrace} /> : null}
        <Trace which="after" trace={afterTrace} />
      </div>
    </section>
  );
});
