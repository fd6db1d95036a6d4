/**
 * The YAML difference between the baseline's policies and the current ones, in Monaco's diff editor
 * (read-only). Loaded lazily with Monaco; its models and editor are disposed when it closes.
 */
import { useEffect, useRef } from 'react';
import { usePlayground, usePlaygroundStore } from '../../store';
import { monaco } from '../editor/monacoSetup';

export default function PolicyDiffDialog() {
  const store = usePlaygroundStore();
  const host = useRef<HTMLDivElement | null>(null);
  const before = usePlayground((s) => s.reviewBaseline?.policies ?? '');
  const after = usePlayground((s) => s.workspace.policies);
  const theme = usePlayground((s) => s.theme);
  const close = () => store.getState().setPolicyDiffOpen(false);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const original = monaco.editor.createModel(before, 'yaml');
    const modified = monaco.editor.createModel(after, 'yaml');
    const editor = monaco.editor.createDiffEditor(el, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      theme: theme === 'dark' ? 'vs-dark' : 'vs',
    });
    editor.setModel({ original, modified });
    return () => {
      editor.dispose();
      original.dispose();
      modified.dispose();
    };
  }, [before, after, theme]);

  return (
    <div className="dialog-backdrop" role="presentation">
      <div
        className="dialog policy-diff"
        role="dialog"
        aria-modal="true"
        aria-labelledby="policy-diff-title"
        data-testid="review.diff"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            close();
          }
        }}
      >
        <header>
          <h2 id="policy-diff-title">Policy changes since the baseline</h2>
          <button type="button" aria-label="Close" data-testid="review.diff.close" onClick={close} autoFocus>
            ✕
          </button>
        </header>
        <p className="muted">
          Left: the baseline&rsquo;s policies. Right: the current ones. Read-only.
          {before === after ? ' The policies are the same.' : ''}
        </p>
        <div className="policy-diff__editor" ref={host} data-testid="review.diff.editor" />
      </div>
    </div>
  );
}
