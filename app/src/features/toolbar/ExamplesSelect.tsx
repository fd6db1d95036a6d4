/** The toolbar's examples menu: the ready-made workspaces of state/examples.ts. */
import { serializeWorkspace } from '@playground/evaluator';
import { EXAMPLES } from '../../state/examples';
import { readWorkspaceText } from '../../state/workspaceText';
import { usePlaygroundStore, type Store } from '../../store';

/** Opens a menu example in place of the workspace (and of any lesson); the old one goes to the history. */
function openMenuExample(state: Store, id: string): void {
  const example = EXAMPLES.find((x) => x.id === id);
  const read = example ? readWorkspaceText(example.text) : null;
  if (!read?.ok) return;
  state.closeLesson();
  if (serializeWorkspace(read.parts).text !== serializeWorkspace(state.workspace).text) state.setAside();
  state.replaceWorkspace(read.parts);
  // A banner about what was shown before would now describe the wrong workspace.
  state.setNotice(null);
}

export function ExamplesSelect() {
  const store = usePlaygroundStore();
  return (
    <label className="toolbar__examples">
      <span className="sr-only">Examples</span>
      <select
        data-testid="toolbar.examples"
        value=""
        onChange={(e) => openMenuExample(store.getState(), e.target.value)}
      >
        <option value="">Examples…</option>
        {EXAMPLES.map((x) => (
          <option key={x.id} value={x.id}>
            {x.title}
          </option>
        ))}
      </select>
    </label>
  );
}
