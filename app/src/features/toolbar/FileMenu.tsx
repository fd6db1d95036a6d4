/** The toolbar's File menu: import, recent workspaces, the two exports, and the hidden file input. */
import { serializeWorkspace } from '@playground/evaluator';
import { usePlaygroundStore } from '../../store';
import { openImported } from '../import/openImported';
import { isPlaygroundWorkspace } from '../import/preview';
import { download, kubectlYaml } from './download';
import { Menu, MenuItem } from './Menu';

export function FileMenu() {
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
