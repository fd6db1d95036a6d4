/**
 * The notices of the session's health, each with its own way out:
 * - a slow evaluation the watchdog stopped, naming what was slow;
 * - another tab saved the workspace: load theirs or keep mine (autosave waits for the choice);
 * - the autosaved entry could not be read: download the raw text (kept in a backup until dismissed).
 */
import { usePlayground } from '../../store';
import { removeCorruptBackups } from '../../state/persistence';
import { corruptDownload } from './corruptDownload';
import { readWorkspaceText } from '../../state/workspaceText';
import './health.css';

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function SlowNotice() {
  const slow = usePlayground((s) => s.slowEvaluation);
  const setHealth = usePlayground((s) => s.setHealth);
  if (!slow) return null;
  return (
    <div className="notice notice-error health-notice" role="alert" data-testid="notice.slow">
      <span className="health-notice__text">
        <strong>Evaluation stopped after 2 s.</strong>{' '}
        {slow.culprit === null ? (
          <span data-testid="notice.slow.culprit" data-state="searching">
            Finding the document that made it slow…
          </span>
        ) : (
          <span data-testid="notice.slow.culprit" data-state="found">
            It was slow in <b>{slow.culprit}</b>.
          </span>
        )}{' '}
        The verdicts shown are not for this text; your next edit is evaluated again.
      </span>
      <button
        type="button"
        className="health-notice__close"
        aria-label="Dismiss"
        onClick={() => setHealth({ slowEvaluation: null })}
      >
        ✕
      </button>
    </div>
  );
}

function ConflictNotice() {
  const theirs = usePlayground((s) => s.tabConflict);
  const setHealth = usePlayground((s) => s.setHealth);
  const replaceWorkspace = usePlayground((s) => s.replaceWorkspace);
  if (theirs === null) return null;
  const read = readWorkspaceText(theirs);
  return (
    <div className="notice notice-info health-notice" role="alert" data-testid="notice.tabs">
      <span className="health-notice__text">
        <strong>This workspace was changed in another tab.</strong> Autosave is paused here until you choose
        which one to keep.
      </span>
      <button
        type="button"
        className="health-notice__primary"
        data-testid="notice.tabs.theirs"
        disabled={!read.ok}
        title={read.ok ? undefined : `The other tab's workspace cannot be read: ${read.message}`}
        onClick={() => {
          if (read.ok) replaceWorkspace(read.parts);
          setHealth({ tabConflict: null });
        }}
      >
        Load theirs
      </button>
      <button type="button" data-testid="notice.tabs.mine" onClick={() => setHealth({ tabConflict: null })}>
        Keep mine
      </button>
    </div>
  );
}

function CorruptNotice() {
  const kept = usePlayground((s) => s.corruptAutosaves);
  const setHealth = usePlayground((s) => s.setHealth);
  const newest = kept.at(-1);
  if (newest === undefined) return null;
  const read = readWorkspaceText(newest);
  const several = kept.length > 1;
  return (
    <div
      className="notice notice-error health-notice"
      role="alert"
      data-testid="notice.corrupt"
      data-count={kept.length}
    >
      <span className="health-notice__text">
        {several ? (
          <strong>{kept.length} autosaved workspaces could not be read.</strong>
        ) : (
          <strong>Your autosaved workspace could not be read.</strong>
        )}{' '}
        The default workspace is shown; the saved {several ? 'texts are' : 'text is'} kept in this browser
        until you discard {several ? 'them' : 'it'}.
        {read.ok ? null : (
          <span className="health-notice__detail" data-testid="notice.corrupt.reason">
            Reason{several ? ' (the latest)' : ''}: {read.message}
          </span>
        )}
      </span>
      <button
        type="button"
        className="health-notice__primary"
        data-testid="notice.corrupt.download"
        onClick={() => {
          const file = corruptDownload(kept);
          download(file.text, file.name);
        }}
      >
        {several ? 'Download them' : 'Download it'}
      </button>
      <button
        type="button"
        data-testid="notice.corrupt.dismiss"
        onClick={() => {
          removeCorruptBackups();
          setHealth({ corruptAutosaves: [] });
        }}
      >
        {several ? 'Discard them' : 'Discard it'}
      </button>
    </div>
  );
}

export function HealthNotices() {
  return (
    <>
      <CorruptNotice />
      <ConflictNotice />
      <SlowNotice />
    </>
  );
}
