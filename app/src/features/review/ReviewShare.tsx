/**
 * The Share dialog's review part: "Share for review" (a `#w=…&b=…` link holding the current
 * workspace and the baseline, copied like the plain link and shown), "Review changes…" (opens review
 * mode here) and "Set baseline to now".
 *
 * Test hooks: `share.review`, `share.reviewUrl`, `share.reviewChanges`, `share.setBaseline`.
 */
import { useState } from 'react';
import { usePlayground, usePlaygroundStore } from '../../store';
import { shareHash } from '../share/addressSync';

export function ReviewShare({ onClose }: { onClose(): void }) {
  const store = usePlaygroundStore();
  const hasBaseline = usePlayground((s) => s.reviewBaseline !== null);
  const [url, setUrl] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'too-long' | 'baseline-set'>('idle');

  const shareForReview = async () => {
    const { workspace, reviewBaseline } = store.getState();
    if (!reviewBaseline) return;
    const hash = await shareHash(workspace, reviewBaseline);
    if (!hash) {
      setState('too-long');
      return;
    }
    const link = `${location.origin}${location.pathname}${hash}`;
    setUrl(link);
    store.getState().openReview();
    try {
      await navigator.clipboard?.writeText(link);
      setState('copied');
    } catch {
      setState('idle'); // the link is shown: the user copies it by hand
    }
  };

  return (
    <div className="share-review" data-testid="share.reviewSection">
      <h3>Review a change</h3>
      <p className="muted">
        The baseline is the workspace as it was opened (link, example, import, file), or when you last set it.
        A review link carries both, and opens with the changed connections marked.
      </p>
      <div className="actions">
        <button
          type="button"
          data-testid="share.review"
          disabled={!hasBaseline}
          onClick={() => void shareForReview()}
        >
          Share for review
        </button>
        <button
          type="button"
          data-testid="share.reviewChanges"
          disabled={!hasBaseline}
          onClick={() => {
            store.getState().openReview();
            onClose();
          }}
        >
          Review changes…
        </button>
        <button
          type="button"
          data-testid="share.setBaseline"
          onClick={() => {
            store.getState().setBaselineToNow();
            setState('baseline-set');
          }}
        >
          Set baseline to now
        </button>
      </div>
      {url ? (
        <input
          className="share-url"
          readOnly
          value={url}
          data-testid="share.reviewUrl"
          aria-label="Review link"
          onFocus={(e) => e.target.select()}
        />
      ) : null}
      <p className="muted" role="status" data-testid="share.reviewStatus">
        {state === 'copied'
          ? 'Review link copied.'
          : state === 'too-long'
            ? 'This review is too large for a link: export the workspace instead.'
            : state === 'baseline-set'
              ? 'The baseline is now the workspace as it is.'
              : ''}
      </p>
    </div>
  );
}
