/** The toolbar: examples, share, import/export, undo/redo, matrix, legend, theme, layout. */
import { useRef, useState } from 'react';
import { serializeWorkspace } from '@playground/evaluator';
import { EXAMPLES } from '../../state/examples';
import { usePlayground, usePlaygroundStore } from '../../store';
import { saveTheme } from '../../state/persistence';
import { readWorkspaceText } from '../../state/workspaceText';
import { useMeshActions } from '../graph/useMeshActions';
import { shareUrl } from '../share/shareLink';
import { download, kubectlYaml } from './download';
import { LearnButtons } from '../LearnLayer';

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
      </div>
    </div>
  );
}

export function Toolbar() {
  const store = usePlaygroundStore();
  const canUndo = usePlayground((s) => s.past.length > 0);
  const canRedo = usePlayground((s) => s.future.length > 0);
  const theme = usePlayground((s) => s.theme);
  const canvasOnly = usePlayground((s) => s.canvasOnly);
  const legendOpen = usePlayground((s) => s.legendOpen);
  const stale = usePlayground((s) => s.verdicts?.stale ?? false);
  const title = usePlayground(
    (s) => s.workspace.metadata.title ?? s.workspace.metadata.name ?? 'Untitled workspace',
  );
  const actions = useMeshActions();
  const fileInput = useRef<HTMLInputElement | null>(null);
  const [share, setShare] = useState<string | null>(null);
  const state = () => store.getState();
  const text = () => serializeWorkspace(state().workspace).text;

  return (
    <header className="toolbar" role="toolbar" aria-label="Playground toolbar">
      <h1 className="toolbar__title">
        Istio Policy Playground <span className="muted">— {title}</span>
      </h1>
      <label className="toolbar__examples">
        <span className="sr-only">Examples</span>
        <select
          data-testid="toolbar.examples"
          value=""
          onChange={(e) => {
            const example = EXAMPLES.find((x) => x.id === e.target.value);
            const read = example ? readWorkspaceText(example.text) : null;
            if (read?.ok) state().replaceWorkspace(read.parts);
          }}
        >
          <option value="">Examples…</option>
          {EXAMPLES.map((x) => (
            <option key={x.id} value={x.id}>
              {x.title}
            </option>
          ))}
        </select>
      </label>
      <LearnButtons />
      <button
        type="button"
        data-testid="toolbar.undo"
        disabled={!canUndo}
        onClick={() => state().undo()}
        aria-label="Undo canvas or inspector change"
      >
        ↶ Undo
      </button>
      <button
        type="button"
        data-testid="toolbar.redo"
        disabled={!canRedo}
        onClick={() => state().redo()}
        aria-label="Redo"
      >
        ↷ Redo
      </button>
      <button type="button" data-testid="toolbar.addNamespace" onClick={() => actions.addNamespace()}>
        + Namespace
      </button>
      <button
        type="button"
        data-testid="toolbar.addWorkload"
        onClick={() => {
          const sel = state().selection;
          const ns =
            sel?.kind === 'namespace'
              ? sel.name
              : sel?.kind === 'workload'
                ? sel.key.split('/')[0]
                : state().workspace.mesh.namespaces?.[0]?.name;
          actions.addWorkload(ns ?? 'default');
        }}
      >
        + Workload
      </button>
      <button type="button" data-testid="toolbar.matrix" onClick={() => state().toggle('matrixOpen')}>
        ▦ Matrix
      </button>
      <button
        type="button"
        data-testid="toolbar.share"
        onClick={() => void shareUrl(location, text()).then(setShare)}
      >
        Share
      </button>
      <button type="button" data-testid="toolbar.import" onClick={() => fileInput.current?.click()}>
        Import…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".yaml,.yml,text/yaml"
        hidden
        data-testid="toolbar.importFile"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          void file.text().then((content) => {
            const read = readWorkspaceText(content);
            if (read.ok) {
              state().replaceWorkspace(read.parts);
              state().setNotice({
                kind: 'info',
                message: `Imported ${file.name}. Undo brings the previous workspace back.`,
              });
            } else
              state().setNotice({
                kind: 'error',
                message: `${file.name} cannot be imported: ${read.message}. Your workspace is unchanged.`,
              });
          });
        }}
      />
      <button
        type="button"
        data-testid="toolbar.export"
        onClick={() => download(`${state().workspace.metadata.name ?? 'workspace'}.yaml`, text())}
      >
        Export workspace
      </button>
      <button
        type="button"
        data-testid="toolbar.exportPolicies"
        onClick={() => download('istio-policies.yaml', kubectlYaml(state().workspace.policies))}
      >
        Export for kubectl
      </button>
      <button
        type="button"
        data-testid="toolbar.legend"
        aria-expanded={legendOpen}
        onClick={() => state().toggle('legendOpen')}
      >
        Legend
      </button>
      <button
        type="button"
        data-testid="toolbar.canvasOnly"
        aria-pressed={canvasOnly}
        onClick={() => state().toggle('canvasOnly')}
      >
        {canvasOnly ? 'Show panels' : 'Canvas only'}
      </button>
      <button
        type="button"
        data-testid="toolbar.theme"
        aria-label={`Switch to ${theme === 'light' ? 'dark' : 'light'} theme`}
        onClick={() => {
          const next = theme === 'light' ? 'dark' : 'light';
          state().setTheme(next);
          saveTheme(next);
        }}
      >
        {theme === 'light' ? '☾ Dark' : '☀ Light'}
      </button>
      {stale ? (
        <span className="stale-badge" role="status" data-testid="stale">
          ⚠ YAML does not parse: verdicts are stale
        </span>
      ) : null}
      {share ? <ShareDialog url={share} onClose={() => setShare(null)} /> : null}
    </header>
  );
}
