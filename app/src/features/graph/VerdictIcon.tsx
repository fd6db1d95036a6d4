/**
 * Small SVG icons of the visual language (no emoji font needed): closed lock (mTLS), open lock
 * (plain text), ✕ (denied), key (JWT rejected), broken lock (mTLS failure), ∅ (no route).
 */
import type { Verdict } from '@playground/evaluator';

export type IconName = 'lock' | 'open-lock' | 'cross' | 'key' | 'broken-lock' | 'none' | 'pending';

export function iconFor(verdict: Verdict | 'pending', mtls: boolean | null): IconName {
  switch (verdict) {
    case 'allowed':
      return mtls ? 'lock' : 'open-lock';
    case 'denied':
    case 'custom-denied':
      return 'cross';
    case 'unauthenticated':
    case 'audience-rejected':
      return 'key';
    case 'mtls-failure':
      return 'broken-lock';
    case 'no-route':
    case 'invalid':
      return 'none';
    case 'pending':
      return 'pending';
  }
}

const body = <rect x="3" y="7" width="10" height="7" rx="1.5" />;

export function VerdictIcon({ name }: { name: IconName }) {
  return (
    <svg
      className="verdict-icon"
      viewBox="0 0 16 16"
      width="12"
      height="12"
      aria-hidden="true"
      data-icon={name}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
    >
      {name === 'lock' ? (
        <>
          {body}
          <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
        </>
      ) : null}
      {name === 'open-lock' ? (
        <>
          {body}
          <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0" />
        </>
      ) : null}
      {name === 'broken-lock' ? (
        <>
          <path d="M3 7h4l-1 3 2 1-1 3H3zM9 7h4v7H9l1-3-2-1z" />
          <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
        </>
      ) : null}
      {name === 'cross' ? <path d="M4 4l8 8M12 4l-8 8" strokeWidth="2.2" /> : null}
      {name === 'key' ? (
        <>
          <circle cx="5" cy="8" r="2.6" />
          <path d="M7.6 8H14M11.5 8v2.5M13.5 8v2" />
        </>
      ) : null}
      {name === 'none' ? (
        <>
          <circle cx="8" cy="8" r="4.5" />
          <path d="M4 12l8-8" />
        </>
      ) : null}
      {name === 'pending' ? <path d="M4 8h.01M8 8h.01M12 8h.01" strokeWidth="2.4" /> : null}
    </svg>
  );
}
