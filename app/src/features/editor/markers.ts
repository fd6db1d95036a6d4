/**
 * Maps engine diagnostics and trace ranges onto the policies editor. The engine evaluates the
 * workspace as parts, so a range of the policies part is already in editor lines; ranges of the
 * Mesh and Probes parts have no place in the editor.
 */
import type { Diagnostic, SourceRange, WorkspaceSource } from '@playground/evaluator';

export interface EditorRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** A policies range as Monaco lines, clamped to the text (it may have changed since it was computed). */
export function toEditorRange(range: SourceRange, lineCount: number): EditorRange | null {
  const { start, end } = range;
  if (start.line < 1 || start.line > lineCount) return null;
  // A YAML block ends where the next line begins (column 1): that line is not part of it.
  const endLine = end.column <= 1 && end.line > start.line ? end.line - 1 : end.line;
  return {
    startLine: start.line,
    startColumn: start.column,
    endLine: Math.min(Math.max(endLine, start.line), lineCount),
    endColumn: end.column <= 1 && end.line > start.line ? Number.MAX_SAFE_INTEGER : end.column,
  };
}

export interface EditorMarker extends EditorRange {
  severity: Diagnostic['severity'];
  message: string;
  code: string;
  /** The istio.io page a lint links to. */
  docs?: string;
}

export const isPoliciesSource = (source: WorkspaceSource | undefined): boolean =>
  source === undefined || source === 'policies';

export function diagnosticsToMarkers(diagnostics: Diagnostic[], lineCount: number): EditorMarker[] {
  return diagnostics.flatMap((d) => {
    const r = d.range && isPoliciesSource(d.source) ? toEditorRange(d.range, lineCount) : null;
    return r
      ? [
          {
            ...r,
            severity: d.severity,
            message: d.message,
            code: d.code,
            ...(d.docs ? { docs: d.docs } : {}),
          },
        ]
      : [];
  });
}
