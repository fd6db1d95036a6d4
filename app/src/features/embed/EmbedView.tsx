/**
 * `?embed=1`: only the canvas of a workspace (`#w=`), an example (`#example=`) or a lesson step
 * (`#lesson=…&step=…`), read-only, with a link to open the same thing in the full playground. Edits
 * are blocked around the canvas (no drag, no handles, no Delete key) rather than inside it.
 */
import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from '../graph/Canvas';
import { useLearnRouting, START_LOCATION } from '../routing/useLearnRouting';
import { playgroundHref } from '../routing/route';
import '../learn.css';
import { usePlayground } from '../../store';

export function EmbedView() {
  useLearnRouting();
  const title = usePlayground((s) => s.workspace.metadata.title ?? s.workspace.metadata.name ?? 'Workspace');
  const loaded = usePlayground((s) => s.lesson);
  const step = usePlayground((s) => s.lessonStep);
  const notice = usePlayground((s) => s.notice);

  useEffect(() => {
    document.documentElement.classList.add('embed');
    // The canvas deletes the selection on Delete/Backspace from a document listener: stop those
    // keys before it (window, capture phase) so nothing can be removed in an embed.
    const block = (e: KeyboardEvent) => {
      if (e.key === 'Delete' || e.key === 'Backspace') e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', block, true);
    return () => {
      document.documentElement.classList.remove('embed');
      window.removeEventListener('keydown', block, true);
    };
  }, []);

  // The address as opened: a share link's payload is stripped from the bar once it is read.
  const href = playgroundHref(START_LOCATION?.href ?? window.location.href);
  const current = loaded?.lesson.steps[step - 1];
  return (
    <div className="embed-view" data-testid="embed">
      <header className="embed-view__header">
        <span className="embed-view__title" data-testid="embed.title">
          {current && loaded ? `${loaded.lesson.title} — step ${step}: ${current.title}` : title}
        </span>
        <a className="embed-view__open" href={href} target="_blank" rel="noopener" data-testid="embed.open">
          Open in playground ↗
        </a>
      </header>
      {notice?.kind === 'error' ? (
        <p className="embed-view__error" role="alert" data-testid="embed.error">
          {notice.message}
        </p>
      ) : null}
      <div className="embed-view__canvas">
        <ReactFlowProvider>
          <Canvas />
        </ReactFlowProvider>
      </div>
    </div>
  );
}
