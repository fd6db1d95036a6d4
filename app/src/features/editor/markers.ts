/** Maps engine diagnostics and trace ranges (whole-workspace lines) onto the policies editor. */
import type { Diagnostic, SourceRange } from '@playground/evaluator';

export interface EditorRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** A whole-text range as Monaco lines, or null when it lies outside the policies section. */
export function toEditorRange(
  range: SourceRange,
  policiesLine: number,
  lineCount: number,
): EditorRange | null {
  let startLine = range.start.line - policiesLine + 1;
  let startColumn = range.start.column;
  const endLine = range.end.line - policiesLine + 1;
  // A document's range may begin on the `---` separator just before the policies section.
  if (startLine < 1 && endLine >= 1) {
    startLine = 1;
    startColumn = 1;
  }
  if (startLine < 1 || startLine > lineCount) return null;
  return {
    startLine,
    startColumn,
    endLine: Math.min(Math.max(endLine, startLine), lineCount),
    endColumn: range.end.column,
  };
}

export interface EditorMarker extends EditorRange {
  severity: Diagnostic['severity'];
  message: string;
  code: string;
}

export function diagnosticsToMarkers(
  diagnostics: Diagnostic[],
  policiesLine: number,
  lineCount: number,
): EditorMarker[] {
  return diagnostics.flatMap((d) => {
    const r = d.range ? toEditorRange(d.range, policiesLine, lineCount) : null;
    return r ? [{ ...r, severity: d.severity, message: d.message, code: d.code }] : [];
  });
}
