/**
 * The toolbar, one row down to 1280 px: the title, the examples, four menus (File, Export, Learn, View),
 * and the actions used all the time (Undo/Redo, + Namespace, + Workload, Share) kept visible.
 */
import { useState } from 'react';
import { serializeWorkspace } from '@playground/evaluator';
import { EXAMPLES } from '../../state/examples';
import { usePlayground, usePlaygroundStore } from '../../store';
import { saveTheme } from '../../state/persistence';
import { useMeshActions } from '../graph/useMeshActions';
import { BrokenExpectations } from '../pins/BrokenExpectations';
import { ExportMenu } from '../export/ExportMenu';
import { shareUrl } from '../share/shareLink';
import { download, kubectlYaml } from './download';
import { LearnMenuItems } from '../LearnLayer';
import { Menu, MenuItem } from './Menu';
import { readWorkspaceText } from '../../state/workspaceText';
import { RecentDialog } from '../recent/RecentDialog';
import { ImportDialog } from '../import/ImportDialog';
import { openImported } from '../import/openImported';
import { isPlaygroundWorkspace } from '../import/preview';
import { ReviewShare } from '../review/ReviewShare';

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

function FileMenu() {
  const store = usePlaygroundStore();
  const state = () => store.getState();
  const text = () => serializeWorkspace(state().workspace).text;
  return (
    <>
      <Menu label="File" id="file">
        <MenuItem testId="toolbar.import" onSelect={() => state().openImport()}>
          Import…
        </MenuItem>
        <MenuItem testId="toolbar.recent" onSelect={() => state().setRecentOpen(true)}>
          Recent workspaces…
        </MenuItem>
        <MenuItem
          testId="toolbar.export"
          onSelect={() => download(`${state().workspace.metadata.name ?? 'workspace'}.yaml`, text())}
        >
          Export workspace
        </MenuItem>
        <MenuItem
          testId="toolbar.exportPolicies"
          onSelect={() => download('istio-policies.yaml', kubectlYaml(state().workspace.policies))}
        >
          Export for kubectl
        </MenuItem>
      </Menu>
      {/* A direct way in for a file chosen elsewhere (and the journeys' hook): see the onChange. */}
      <input
        type="file"
        accept=".yaml,.yml,text/yaml"
        hidden
        data-testid="toolbar.importFile"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          void file.text().then((content) => {
            // A workspace file opens as it is; cluster objects and manifests go through the dialog,
            // which shows what it read before anything is replaced.
            if (isPlaygroundWorkspace(content)) openImported(state(), file.name, content);
            else state().openImport([file]);
          });
        }}
      />
    </>
  );
}

function ViewMenu() {
  const store = usePlaygroundStore();
  const theme = usePlayground((s) => s.theme);
  const canvasOnly = usePlayground((s) => s.canvasOnly);
  const legendOpen = usePlayground((s) => s.legendOpen);
  const matrixOpen = usePlayground((s) => s.matrixOpen);
  const reviewOpen = usePlayground((s) => s.reviewOpen);
  const state = () => store.getState();
  return (
    <Menu label="View" id="view">
      <MenuItem testId="toolbar.matrix" checked={matrixOpen} onSelect={() => state().toggle('matrixOpen')}>
        ▦ Matrix
      </MenuItem>
      <MenuItem testId="toolbar.legend" checked={legendOpen} onSelect={() => state().toggle('legendOpen')}>
        Legend
      </MenuItem>
      <MenuItem
        testId="toolbar.canvasOnly"
        checked={canvasOnly}
        onSelect={() => state().toggle('canvasOnly')}
      >
        Canvas only
      </MenuItem>
      <MenuItem
        testId="toolbar.theme"
        checked={theme === 'dark'}
        onSelect={() => {
          const next = theme === 'light' ? 'dark' : 'light';
          state().setTheme(next);
          saveTheme(next);
        }}
      >
        Dark theme
      </MenuItem>
      <MenuItem testId="toolbar.review" checked={reviewOpen} onSelect={() => state().openReview()}>
        Review changes…
      </MenuItem>
      <MenuItem testId="toolbar.tidy" onSelect={() => state().tidyLayout()}>
        Tidy up the layout
      </MenuItem>
    </Menu>
  );
}

export function Toolbar() {
  const store = usePlaygroundStore();
  const canUndo = usePlayground((s) => s.past.length > 0);
  const canRedo = usePlayground((s) => s.future.length > 0);
  const stale = usePlayground((s) => s.verdicts?.stale ?? false);
  const title = usePlayground(
    (s) => s.workspace.metadata.title ?? s.workspace.metadata.name ?? 'Untitled workspace',
  );
  const recentOpen = usePlayground((s) => s.recentOpen);
  const importOpen = usePlayground((s) => s.importOpen);
  const actions = useMeshActions();
  const [share, setShare] = useState<string | null>(null);
  const state = () => store.getState();
  const text = () => serializeWorkspace(state().workspace).text;

  return (
    <header className="toolbar" role="toolbar" aria-label="Playground toolbar">
      <h1 className="toolbar__title" title={`Istio Policy Playground — ${title}`}>
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
            if (!read?.ok) return;
            state().closeLesson();
            if (serializeWorkspace(read.parts).text !== text()) state().setAside();
            state().replaceWorkspace(read.parts);
            // A banner about what was shown before would now describe the wrong workspace.
            state().setNotice(null);
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
      <FileMenu />
      <ExportMenu />
      <Menu label="Learn" id="learn">
        <LearnMenuItems />
      </Menu>
      <ViewMenu />
      <span className="toolbar__sep" aria-hidden="true" />
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
      <button
        type="button"
        className="toolbar__share"
        data-testid="toolbar.share"
        onClick={() => void shareUrl(location, text()).then(setShare)}
      >
        Share
      </button>
      {stale ? (
        <span
          className="stale-badge"
          role="status"
          data-testid="stale"
          title="YAML does not parse: verdicts are stale"
        >
          ⚠ Stale: YAML does not parse
        </span>
      ) : null}
      <BrokenExpectations />
      {share ? <ShareDialog url={share} onClose={() => setShare(null)} /> : null}
      {recentOpen ? <RecentDialog /> : null}
      {importOpen ? <ImportDialog /> : null}
    </header>
  );
}
