/** The modal frame the gallery and the lesson list share: title, close button, Escape to close. */
import type { ReactNode } from 'react';

export function LearnDialog(props: { id: string; title: string; onClose(): void; children: ReactNode }) {
  const { id, title, onClose, children } = props;
  return (
    <div className="dialog-backdrop" role="presentation">
      <div
        className="dialog learn-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid={id}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <header>
          <h2 id={`${id}-title`}>{title}</h2>
          <button type="button" aria-label="Close" data-testid={`${id}.close`} onClick={onClose}>
            ✕
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
