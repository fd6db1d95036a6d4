import { readFileSync, statSync } from 'node:fs';
import { WORKSPACE_SIZE_LIMIT } from '@playground/evaluator';

/** Reads a workspace file, refusing what is not a readable file or is over the size limit. */
export function readWorkspaceFile(file: string): { text: string } | { error: string } {
  try {
    const size = statSync(file).size;
    if (size > WORKSPACE_SIZE_LIMIT)
      return { error: `${file}: ${size} bytes is over the ${WORKSPACE_SIZE_LIMIT} byte limit` };
    return { text: readFileSync(file, 'utf8') };
  } catch (error) {
    return { error: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
