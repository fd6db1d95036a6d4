/** The notice bar: share-link results, errors, and the one-click way back to the previous work. */
import { usePlayground } from '../../store';

export function NoticeBar() {
  const notice = usePlayground((s) => s.notice);
  const setNotice = usePlayground((s) => s.setNotice);
  const restoreWorkspace = usePlayground((s) => s.restoreWorkspace);
  if (!notice) return null;
  const previous = notice.previous;
  return (
    <div
      className={`notice notice-${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
      data-kind={notice.kind}
    >
      <span data-testid="notice.message">{notice.message}</span>
      {previous ? (
        <button
          type="button"
          data-testid="notice.restore"
          onClick={() => {
            // The workspace shown now is set aside in its turn: File ▸ Recent workspaces has both.
            if (restoreWorkspace(previous))
              setNotice({ kind: 'info', message: 'Your previous workspace is back.' });
          }}
        >
          Restore my previous workspace
        </button>
      ) : null}
      <button type="button" aria-label="Dismiss" data-testid="notice.dismiss" onClick={() => setNotice(null)}>
        ✕
      </button>
    </div>
  );
}
