/**
 * The toolbar, one row down to 1280 px: the title, the examples, four menus (File, Export, Learn, View),
 * and the actions used all the time (Undo/Redo, + Namespace, + Workload, Share) kept visible.
 */
import { usePlayground, usePlaygroundStore, type Store } from '../../store';
import { useMeshActions } from '../graph/useMeshActions';
import { BrokenExpectations } from '../pins/BrokenExpectations';
import { ExportMenu } from '../export/ExportMenu';
import { LearnMenuItems } from '../LearnLayer';
import { RecentDialog } from '../recent/RecentDialog';
import { ImportDialog } from '../import/ImportDialog';
import { ExamplesSelect } from './ExamplesSelect';
import { FileMenu } from './FileMenu';
import { Menu } from './Menu';
import { useShareDialog } from './ShareDialog';
import { ViewMenu } from './ViewMenu';

function ToolbarTitle() {
  const title = usePlayground(
    (s) => s.workspace.metadata.title ?? s.workspace.metadata.name ?? 'Untitled workspace',
  );
  return (
    <h1 className="toolbar__title" title={`Istio Policy Playground — ${title}`}>
      Istio Policy Playground <span className="muted">— {title}</span>
    </h1>
  );
}

function LearnMenu() {
  return (
    <Menu label="Learn" id="learn">
      <LearnMenuItems />
    </Menu>
  );
}

function UndoRedo() {
  const store = usePlaygroundStore();
  const canUndo = usePlayground((s) => s.past.length > 0);
  const canRedo = usePlayground((s) => s.future.length > 0);
  return (
    <>
      <button
        type="button"
        data-testid="toolbar.undo"
        disabled={!canUndo}
        onClick={() => store.getState().undo()}
        aria-label="Undo canvas or inspector change"
      >
        ↶ Undo
      </button>
      <button
        type="button"
        data-testid="toolbar.redo"
        disabled={!canRedo}
        onClick={() => store.getState().redo()}
        aria-label="Redo"
      >
        ↷ Redo
      </button>
    </>
  );
}

/** Where + Workload puts a workload: the selected namespace, the selected workload's, or the first one. */
function namespaceForNewWorkload(state: Store): string {
  const sel = state.selection;
  const ns =
    sel?.kind === 'namespace'
      ? sel.name
      : sel?.kind === 'workload'
        ? sel.key.split('/')[0]
        : state.workspace.mesh.namespaces?.[0]?.name;
  return ns ?? 'default';
}

function AddButtons() {
  const store = usePlaygroundStore();
  const actions = useMeshActions();
  return (
    <>
      <button type="button" data-testid="toolbar.addNamespace" onClick={() => actions.addNamespace()}>
        + Namespace
      </button>
      <button
        type="button"
        data-testid="toolbar.addWorkload"
        onClick={() => actions.addWorkload(namespaceForNewWorkload(store.getState()))}
      >
        + Workload
      </button>
    </>
  );
}

function StaleBadge() {
  const stale = usePlayground((s) => s.verdicts?.stale ?? false);
  return stale ? (
    <span
      className="stale-badge"
      role="status"
      data-testid="stale"
      title="YAML does not parse: verdicts are stale"
    >
      ⚠ Stale: YAML does not parse
    </span>
  ) : null;
}

export function Toolbar() {
  const recentOpen = usePlayground((s) => s.recentOpen);
  const importOpen = usePlayground((s) => s.importOpen);
  const share = useShareDialog();
  return (
    <header className="toolbar" role="toolbar" aria-label="Playground toolbar">
      <ToolbarTitle />
      <ExamplesSelect />
      <FileMenu />
      <ExportMenu />
      <LearnMenu />
      <ViewMenu />
      <span className="toolbar__sep" aria-hidden="true" />
      <UndoRedo />
      <AddButtons />
      <button type="button" className="toolbar__share" data-testid="toolbar.share" onClick={share.open}>
        Share
      </button>
      <StaleBadge />
      <BrokenExpectations />
      {share.dialog}
      {recentOpen ? <RecentDialog /> : null}
      {importOpen ? <ImportDialog /> : null}
    </header>
  );
}
