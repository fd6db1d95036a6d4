import type { SourceRange, WorkspaceSource } from './types';

/** A path into a YAML document's value: keys and sequence indices. */
export type NodePath = readonly (string | number)[];

/**
 * One YAML document of a workspace, parsed with source positions. Produced by `parse.ts`;
 * consumed by the resource readers (`resources/*`) and the workspace reader.
 */
export interface ParsedDocument {
  /** 0-based index of the document in the workspace (after `kind: List` expansion, items share it). */
  index: number;
  /** The document's value as plain data (objects have a null prototype-free copy; see parse.ts). */
  value: unknown;
  apiVersion: string | null;
  kind: string | null;
  /** Whole-document range. */
  range: SourceRange;
  /** Range of the value at `path`; falls back to the nearest ancestor that exists. */
  rangeOf(path: NodePath): SourceRange;
  /** Range of the key at `path` (the last segment must be a map key); falls back to `rangeOf`. */
  keyRangeOf(path: NodePath): SourceRange;
  /** For `kind: List` items: the path prefix of the item inside the document (`['items', i]`). */
  basePath: NodePath;
  /**
   * Where the document's text starts in the whole workspace (0-based offset and line), and a memo
   * that lives as long as the document's text is unchanged: readers keep their results there and
   * shift their ranges when only the document's position moved.
   */
  origin?: { offset: number; line: number };
  memo?: Map<string, unknown>;
  /** The workspace part the document was parsed from (parts evaluation only); positions are relative to it. */
  source?: WorkspaceSource;
}
