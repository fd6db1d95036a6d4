/**
 * Share: the toolbar's button opens a dialog with the workspace's link (share/shareLink.ts) and,
 * in review, the review's link (review/ReviewShare.tsx).
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { serializeWorkspace } from '@playground/evaluator';
import { usePlaygroundStore } from '../../store';
import { ReviewShare } from '../review/ReviewShare';
import { shareUrl } from '../share/shareLink';

function ShareDialog({ url, onClose }: { url: string; onClose(): void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="dialog-backdrop" role="presentation">
      <div
        className="dialog"
        role="dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
        aria-modal="true"
        aria-labelledby="share-title"
        data-testid="share"
      >
        <header>
          <h2 id="share-title">Share this workspace</h2>
          <button type="button" aria-label="Close" data-testid="share.close" onClick={onClose}>
            ✕
          </button>
        </header>
        <p className="muted">
          The whole workspace is inside the link (compressed); it is never sent to a server.
        </p>
        <input
          className="share-url"
          readOnly
          value={url}
          data-testid="share.url"
          aria-label="Share link"
          onFocus={(e) => e.target.select()}
          autoFocus
        />
        <button
          type="button"
          data-testid="share.copy"
          onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy link'}
        </button>
        <ReviewShare onClose={onClose} />
      </div>
    </div>
  );
}

/** Opening the Share dialog: `open` builds the link; `dialog` is rendered where the toolbar puts it. */
export function useShareDialog(): { open(): void; dialog: ReactNode } {
  const store = usePlaygroundStore();
  const [url, setUrl] = useState<string | null>(null);
  const open = () =>
    void shareUrl(location, serializeWorkspace(store.getState().workspace).text).then(setUrl);
  return { open, dialog: url ? <ShareDialog url={url} onClose={() => setUrl(null)} /> : null };
}
