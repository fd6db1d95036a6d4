/**
 * File ▸ Recent workspaces: the workspaces that links, examples, lessons, imports and restores
 * replaced, newest first, each one click away. Restoring one sets the shown workspace aside first,
 * so going back and forth never loses anything. The workspace shown now is not listed.
 */
import { useMemo, useState } from 'react';
import { serializeWorkspace } from '@playground/evaluator';
import { RECENT_LIMIT } from '../../state/recent';
import { usePlayground } from '../../store';
import { LearnDialog } from '../LearnDialog';
import '../learn.css';
import './recent.css';

const MINUTE = 60_000;

/** "just now", "5 min ago", "3 h ago", "yesterday", then the date. */
export function relativeTime(then: number, now: number): string {
  const ago = now - then;
  if (then <= 0) return 'earlier';
  if (ago < MINUTE) return 'just now';
  if (ago < 60 * MINUTE) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < 24 * 60 * MINUTE) return `${Math.floor(ago / (60 * MINUTE))} h ago`;
  if (ago < 48 * 60 * MINUTE) return 'yesterday';
  return new Date(then).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

const fullTime = (then: number) =>
  then > 0 ? new Date(then).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';

export function RecentDialog() {
  const recent = usePlayground((s) => s.recent);
  const workspace = usePlayground((s) => s.workspace);
  const setOpen = usePlayground((s) => s.setRecentOpen);
  const restore = usePlayground((s) => s.restoreWorkspace);
  const shown = useMemo(() => {
    const current = serializeWorkspace(workspace).text;
    return recent.filter((e) => e.text !== current);
  }, [recent, workspace]);
  // The times are read as the dialog opens: it is short-lived.
  const [now] = useState(() => Date.now());

  return (
    <LearnDialog id="recent" title="Recent workspaces" onClose={() => setOpen(false)}>
      <p className="muted recent-intro">
        Opening a link, an example or a lesson, or importing a file, keeps the workspace it replaced here, in
        this browser (the last {RECENT_LIMIT}).
      </p>
      {shown.length === 0 ? (
        <p className="recent-empty" data-testid="recent.empty">
          Nothing here yet: the workspaces you replace will be listed here.
        </p>
      ) : (
        <ol className="learn-list recent-list" aria-label="Recent workspaces, newest first">
          {shown.map((entry, index) => (
            <li key={entry.id}>
              <button
                type="button"
                className="learn-item recent-item"
                data-testid="recent.item"
                data-title={entry.title}
                onClick={() => restore(entry.text)}
                autoFocus={index === 0}
              >
                <span className="learn-item__title recent-item__title" title={entry.title}>
                  {entry.title}
                </span>
                <time
                  className="recent-item__time"
                  dateTime={entry.savedAt > 0 ? new Date(entry.savedAt).toISOString() : undefined}
                  title={fullTime(entry.savedAt)}
                  data-testid="recent.time"
                >
                  {relativeTime(entry.savedAt, now)}
                </time>
                {entry.summary ? <span className="learn-item__text">{entry.summary}</span> : null}
              </button>
            </li>
          ))}
        </ol>
      )}
    </LearnDialog>
  );
}
