/**
 * Review mode in the probe inspector: the selected probe before (the baseline) and after (now), side
 * by side — status, verdict, mTLS and both traces (the baseline's trace is asked of the worker when
 * the probe is selected, see `connect.ts`). Renders nothing outside review mode or for a probe that
 * did not change.
 *
 * Test hooks: `inspector.review` (`data-kind`), `inspector.review.before|after` (`data-status`,
 * `data-verdict`, `data-mtls`), `inspector.review.trace` inside each side.
 */
import { memo } from 'react';
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

function Side({
  which,
  outcome,
  trace,
}: {
  which: 'before' | 'after';
  outcome: ProbeOutcome | null;
  trace: TraceStep[] | null;
}) {
  const look = outcome ? verdictLook(outcome.verdict, outcome.mtls) : null;
  return (
    <div
      className={`review-compare__side review-compare__side--${which}`}
      data-testid={`inspector.review.${which}`}
      data-status={outcome?.status ?? ''}
      data-verdict={outcome?.verdict ?? ''}
      data-mtls={outcome ? String(outcome.mtls) : ''}
    >
      <h4>{which === 'before' ? 'Before (baseline)' : 'After (now)'}</h4>
      {outcome && look ? (
        <>
          <p className="review-compare__outcome">
            <VerdictIcon name={iconFor(outcome.verdict, outcome.mtls)} /> {outcome.status} — {outcome.verdict}
          </p>
          <p className="muted">
            {look.words}; mTLS: {outcome.mtls === null ? 'n/a' : outcome.mtls ? 'yes' : 'no'}
          </p>
          {trace && trace.length ? (
            <ol className="trace" data-testid="inspector.review.trace">
              {trace.map((step, i) => (
                <li key={i} className={`outcome-${step.outcome}`}>
                  <strong>
                    {step.hop > 0 ? `hop ${step.hop} · ` : ''}
                    {step.stage}
                  </strong>{' '}
                  {step.outcome}: {step.message}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">Tracing…</p>
          )}
        </>
      ) : (
        <p className="muted">Not in the baseline.</p>
      )}
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
      <Side which="before" outcome={change?.before ?? null} trace={beforeTrace} />
      <Side which="after" outcome={change?.after ?? added?.after ?? null} trace={afterTrace} />
    </section>
  );
});
