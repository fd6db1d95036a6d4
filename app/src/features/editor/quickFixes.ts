/**
 * Quick fixes: the engine's lints carry their fixes as text edits of the policies text
 * (`Diagnostic.fixes`, docs/lints.md); this offers them as Monaco code actions on the markers they
 * belong to (the light bulb, Ctrl+.) and applies the one chosen as a single undoable edit.
 */
import type { Diagnostic, Fix } from '@playground/evaluator';
import type * as MonacoApi from 'monaco-editor';
import type { IDisposable, editor as MonacoEditor, languages } from 'monaco-editor';
import { isPoliciesSource, toEditorRange, type EditorRange } from './markers';

/** The diagnostics shown as markers, and the text their ranges are in (with the model version that had it). */
export interface QuickFixSource {
  diagnostics: Diagnostic[];
  text: string;
  versionId: number;
}

/**
 * Whether the model still holds the text the fixes were computed for. An edit that leaves the text
 * as it was (typing over an auto-closed bracket) bumps the version: the text is compared then.
 */
export function isCurrent(
  source: QuickFixSource,
  model: Pick<MonacoEditor.ITextModel, 'getVersionId' | 'getValue'>,
): boolean {
  if (model.getVersionId() === source.versionId) return true;
  if (model.getValue() !== source.text) return false;
  source.versionId = model.getVersionId();
  return true;
}

/** What Monaco tells a code action provider about a marker. */
export interface MarkerAt extends EditorRange {
  code?: string | { value: string };
}

const codeOf = (marker: MarkerAt): string | undefined =>
  typeof marker.code === 'string' ? marker.code : marker.code?.value;

/**
 * The fixes of the diagnostics a marker shows: same code, same start, same last line (Monaco clamps
 * the end column of a marker that runs to the end of its line, so that is not compared).
 */
export function fixesForMarker(diagnostics: Diagnostic[], lineCount: number, marker: MarkerAt): Fix[] {
  const code = codeOf(marker);
  return diagnostics.flatMap((d) => {
    if (!d.fixes?.length || d.code !== code || !d.range || !isPoliciesSource(d.source)) return [];
    const r = toEditorRange(d.range, lineCount);
    const same =
      r !== null &&
      r.startLine === marker.startLine &&
      r.startColumn === marker.startColumn &&
      r.endLine === marker.endLine;
    return same ? d.fixes : [];
  });
}

/** A fix's edits as offsets into the text it was computed for (Monaco turns them into positions). */
export function fixEdits(fix: Fix): { startOffset: number; endOffset: number; text: string }[] {
  return fix.edits.map((e) => ({
    startOffset: e.range.offset,
    endOffset: e.range.offset + e.range.length,
    text: e.text,
  }));
}

type Monaco = typeof MonacoApi;

/**
 * Registers the code actions of the policies editor. `current` gives the diagnostics behind its
 * markers; actions are offered only while the text is the one they were computed for.
 */
export function registerQuickFixes(
  monaco: Monaco,
  editor: MonacoEditor.IStandaloneCodeEditor,
  current: () => QuickFixSource | null,
): IDisposable {
  const apply = (_accessor: unknown, fix: Fix, source: QuickFixSource) => {
    const model = editor.getModel();
    if (!model || !isCurrent(source, model)) return;
    const edits = fixEdits(fix).map((e) => ({
      range: monaco.Range.fromPositions(model.getPositionAt(e.startOffset), model.getPositionAt(e.endOffset)),
      text: e.text,
      forceMoveMarkers: true,
    }));
    // executeEdits pushes no undo stop of its own: one before and one after make the fix one Ctrl+Z.
    editor.pushUndoStop();
    editor.executeEdits('quick-fix', edits);
    editor.pushUndoStop();
    const last = edits.at(-1);
    if (last) editor.revealLineInCenterIfOutsideViewport(last.range.startLineNumber);
    editor.focus();
  };
  const command = editor.addCommand(0, apply);
  const provider: languages.CodeActionProvider = {
    provideCodeActions(model, _range, context) {
      const source = current();
      if (!command || !source || model !== editor.getModel() || !isCurrent(source, model))
        return { actions: [], dispose: () => undefined };
      const actions = context.markers
        .filter((m) => m.source === 'playground')
        .flatMap((marker) =>
          fixesForMarker(source.diagnostics, model.getLineCount(), {
            startLine: marker.startLineNumber,
            startColumn: marker.startColumn,
            endLine: marker.endLineNumber,
            endColumn: marker.endColumn,
            code: marker.code,
          }).map((fix): languages.CodeAction => ({
            title: fix.title,
            kind: 'quickfix',
            diagnostics: [marker],
            command: { id: command, title: fix.title, arguments: [fix, source] },
          })),
        );
      const [only] = actions;
      if (only && actions.length === 1) only.isPreferred = true;
      return { actions, dispose: () => undefined };
    },
  };
  return monaco.languages.registerCodeActionProvider('yaml', provider, {
    providedCodeActionKinds: ['quickfix'],
  });
}
