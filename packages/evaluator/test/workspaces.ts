/** The golden workspaces and docs/semantics.md vectors, for tests that check a property on all of them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspaceFile {
  /** `golden/<file>` or `vectors/<file>`. */
  name: string;
  text: string;
}

/** `root` is this folder; a bundled script (which has its own `import.meta.dirname`) passes it. */
export function workspaceFiles(root: string = import.meta.dirname): WorkspaceFile[] {
  return ['golden', 'vectors'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(root, dir, f), 'utf8') })),
  );
}
