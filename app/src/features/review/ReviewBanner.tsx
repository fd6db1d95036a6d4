/**
 * The review banner, in its own row under the toolbar (it never covers the toolbar or the canvas):
 * "N connections changed: A newly denied, B newly allowed, C other" (+ added / removed), Previous /
 * Next to step through the changed probes (each selected in the inspector), the policy diff, "Set
 * baseline to now", and a close button (Escape closes too, when no dialog or editor has the key).
 *
 * Test hooks: `review-banner` with `data-changed`, `data-added`, `data-removed` (once both sides are
 * evaluated, `data-ready="true"`); `review-banner.previous|next|diff|close`, `review.setBaseline`.
 */
import { lazy, memo, Suspense, useEffect } from 'react';
import { usePlayground, usePlaygroundStore } from '../../store';
import { changeOrder, selectReviewDiff, summaryText } from './selectors';
import './review.css';

const PolicyDiffDialog = lazy(() => import('./PolicyDiffDialog'));

/** The next (or previous) changed probe after the selected one, wrapping around. */
export function stepThrough(order: number[], selected: number | null, direction: 1 | -1): number | null {
  if (order.length === 0) return null;
  if (selected === null) return direction === 1 ? order[0]! : order[order.length - 1]!;
  if (direction === 1) return order.find((i) => i > selected) ?? order[0]!;
  return [...order].reverse().find((i) => i < selected) ?? order[order.length - 1]!;
}

const ReviewBanner = memo(function ReviewBanner() {
  const store = usePlaygroundStore();
  const open = usePlayground((s) => s.reviewOpen && !s.embedded);
  const diff = usePlayground(selectReviewDiff);
  const selected = usePlayground((s) => (s.selection?.kind === 'probe' ? s.selection.index : null));
  const diffOpen = usePlayground((s) => s.policyDiffOpen);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      // A dialog's Escape closes the dialog only (it may be gone from the page by now: ask the target).
      if (document.querySelector('[role="dialog"]') || target?.closest('[role="dialog"]')) return;
      if (target?.closest('.monaco-editor, input, textarea, select, [role="menu"], [role="menuitem"]'))
        return;
      store.getState().closeReview();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, store]);

  if (!open) return null;
  const order = changeOrder(diff);
  const at = selected === null ? -1 : order.indexOf(selected);
  const go = (direction: 1 | -1) => {
    const index = stepThrough(order, selected, direction);
    if (index !== null) store.getState().select({ kind: 'probe', index });
  };
  return (
    <section
      className="review-banner"
      role="region"
      aria-label="Review of the changes since the baseline"
      data-testid="review-banner"
      data-ready={diff !== null}
      {...(diff
        ? {
            'data-changed': String(diff.summary.changed),
            'data-added': String(diff.summary.added),
            'data-removed': String(diff.summary.removed),
          }
        : {})}
    >
      <span className="review-banner__summary" role="status" data-testid="review-banner.summary">
        <strong>Review</strong>
        {diff ? summaryText(diff) : 'Comparing with the baseline…'}
      </span>
      <button
        type="button"
        data-testid="review-banner.previous"
        disabled={order.length === 0}
        onClick={() => go(-1)}
        aria-label="Previous changed connection"
      >
        ‹ Previous
      </button>
      <span className="review-banner__position" data-testid="review-banner.position">
        {order.length ? `${at >= 0 ? at + 1 : '–'} of ${order.length}` : ''}
      </span>
      <button
        type="button"
        data-testid="review-banner.next"
        disabled={order.length === 0}
        onClick={() => go(1)}
        aria-label="Next changed connection"
      >
        Next ›
      </button>
      <button
        type="button"
        data-testid="review-banner.diff"
        onClick={() => store.getState().setPolicyDiffOpen(true)}
      >
        Show policy diff
      </button>
      <button
        type="button"
        data-testid="review.setBaseline"
        title="Compare later changes with the workspace as it is now"
        onClick={() => store.getState().setBaselineToNow()}
      >
        Set baseline to now
      </button>
      <button
        type="button"
        data-testid="review-banner.close"
        aria-label="Close review mode"
        onClick={() => store.getState().closeReview()}
      >
        ✕ Close review
      </button>
      {diffOpen ? (
        <Suspense fallback={null}>
          <PolicyDiffDialog />
        </Suspense>
      ) : null}
    </section>
  );
});

export default ReviewBanner;
