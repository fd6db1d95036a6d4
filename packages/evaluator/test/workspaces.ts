/** The golden workspaces and SEMANTICS vectors, for tests that check a property on all of them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspaceFile {
  /** `golden/<file>` or `vectors/<file>`. */
  name: string;
  text: string;
}

export function workspaceFiles(): WorkspaceFile[] {
  return ['golden', 'vectors'].flatMap((dir) =>
    readdirSync(join(import.meta.dirname, dir))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(import.meta.dirname, dir, f), 'utf8') })),
  );
}
