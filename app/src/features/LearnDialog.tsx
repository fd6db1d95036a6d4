/**
 * The modal frame the gallery and the lesson list share: title, close button, and a modal's keyboard
 * contract — the focus stays inside while it is open, Escape closes it, and the focus goes back to
 * the control that opened it.
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
}

/** Takes the focus on open (unless a child already did, as the gallery's search does) and gives it back on close. */
function useFocusReturn(dialog: RefObject<HTMLDivElement | null>) {
  // Read while rendering: by the time effects run, a child's autoFocus has already moved the focus.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.contains(document.activeElement)) el.focus();
    return () => {
      // The opener may have gone (presenter mode hides the toolbar); then the browser decides.
      // An item of a toolbar menu is hidden once its menu closed: its menu's button takes the focus.
      if (!opener?.isConnected) return;
      const shown = opener.offsetParent !== null;
      const menuButton = opener.closest('[data-menu]')?.querySelector<HTMLElement>('[aria-haspopup="menu"]');
      (shown ? opener : (menuButton ?? opener)).focus();
    };
  }, [dialog, opener]);
}

/** Tab and Shift+Tab wrap around inside the dialog. */
function trapTab(e: KeyboardEvent<HTMLDivElement>) {
  const items = focusables(e.currentTarget);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    e.preventDefault();
    return;
  }
  const active = document.activeElement;
  // The dialog itself holds the focus when it opens: Shift+Tab from there goes to the end.
  if (e.shiftKey && (active === first || active === e.currentTarget)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}

export function LearnDialog(props: { id: string; title: string; onClose(): void; children: ReactNode }) {
  const { id, title, onClose, children } = props;
  const ref = useRef<HTMLDivElement | null>(null);
  useFocusReturn(ref);
  return (
    <div
      className="dialog-backdrop"
      role="presentation"
      // A click beside the dialog would otherwise drop the focus onto the page behind it.
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) e.preventDefault();
      }}
    >
      <div
        ref={ref}
        className="dialog learn-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid={id}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          } else if (e.key === 'Tab') trapTab(e);
        }}
      >
        <header>
          <h2 id={`${id}-title`}>{title}</h2>
          <button
            type="button"
            className="dialog-close"
            aria-label="Close"
            data-testid={`${id}.close`}
            onClick={onClose}
          >
            ✕
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
