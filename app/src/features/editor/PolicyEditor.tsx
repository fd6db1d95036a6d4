/**
 * The policies editor (lazily loaded with Monaco): the workspace's Istio resources as YAML.
 * Shows the engine's diagnostics as markers next to monaco-yaml's schema markers, highlights the
 * lines a trace step points at, and the policies that apply to the selected workload.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import Editor from '@monaco-editor/react';
import type { OnMount } from '@monaco-editor/react';
import type { editor as MonacoEditor } from 'monaco-editor';
import { usePlayground } from '../../store';
import { monaco, POLICIES_URI } from './monacoSetup';
import { diagnosticsToMarkers, toEditorRange } from './markers';
import { registerQuickFixes, type QuickFixSource } from './quickFixes';
import { keepTabForNavigation } from './tabNavigation';
import type { TabState } from './tabNavigation';

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

/** `editContext: false` keeps the space bar out of React Flow's hands (a Monaco 0.53+ option; harmless before). */
const EDITOR_OPTIONS: MonacoEditor.IStandaloneEditorConstructionOptions & { editContext?: boolean } = {
  editContext: false,
  minimap: { enabled: false },
  fontSize: 13,
  tabSize: 2,
  insertSpaces: true,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  wordWrap: 'on',
  quickSuggestions: { other: true, comments: false, strings: true },
  // Sticky lines from indentation (YAML's structure) rather than the outline model, which asks the
  // YAML worker for every document's symbols again on each keystroke.
  stickyScroll: { enabled: true, defaultModel: 'indentationModel' },
  // Enter always starts a new line; Tab accepts a suggestion. With 'on' (or 'smart', which still
  // accepts any suggestion that changes the text) a late completion popup swallows the line break.
  acceptSuggestionOnEnter: 'off',
  ariaLabel:
    'Istio policies (YAML). Tab moves on until you type; once you have typed, press Escape then Tab to leave the editor. Alt+F1 for accessibility help.',
};

/** Says how to leave the editor, in the words for what the next Tab will do. */
function TabHint({ state }: { state: TabState }) {
  if (!state.focused) return null;
  return (
    <div className="editor-hint" aria-hidden="true" data-testid="editor.hint">
      {state.tabMovesFocus ? (
        <>
          <kbd>Tab</kbd> moves on · type to edit
        </>
      ) : (
        <>
          <kbd>Esc</kbd> then <kbd>Tab</kbd> to leave the editor
        </>
      )}
    </div>
  );
}

export default function PolicyEditor() {
  const policies = usePlayground((s) => s.workspace.policies);
  const setPolicies = usePlayground((s) => s.setPolicies);
  const verdicts = usePlayground((s) => s.verdicts);
  const highlight = usePlayground((s) => s.highlight);
  const selection = usePlayground((s) => s.selection);
  const theme = usePlayground((s) => s.theme);
  const editorRef = useRef<MonacoEditor.IStandaloneCodeEditor | null>(null);
  const traceDecorations = useRef<MonacoEditor.IEditorDecorationsCollection | null>(null);
  const policyDecorations = useRef<MonacoEditor.IEditorDecorationsCollection | null>(null);
  const containerRef = useRef<HTMLDivElement | null>(null);
  const [tabState, setTabState] = useState<TabState>({ focused: false, tabMovesFocus: true });
  const quickFixSource = useRef<QuickFixSource | null>(null);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    const tab = keepTabForNavigation(editor, setTabState);
    const quickFixes = registerQuickFixes(monaco, editor, () => quickFixSource.current);
    editor.onDidDispose(() => {
      tab.dispose();
      quickFixes.dispose();
    });
    traceDecorations.current = editor.createDecorationsCollection();
    policyDecorations.current = editor.createDecorationsCollection();
    containerRef.current?.setAttribute('data-ready', 'true');
  };

  // Engine diagnostics → markers (owner "playground"; monaco-yaml owns the schema markers).
  // Most keystrokes leave the markers as they were: resetting them re-renders every squiggle.
  const shownMarkers = useRef<{ model: MonacoEditor.ITextModel; signature: string } | null>(null);
  useEffect(() => {
    const model = monaco.editor.getModel(monaco.Uri.parse(POLICIES_URI));
    if (!model || !verdicts) return;
    // The latest answer is for the text as it is now, or for one a keystroke older (then a newer
    // answer is on its way): the quick fixes are offered for this version of the text only.
    quickFixSource.current = {
      diagnostics: verdicts.diagnostics,
      text: model.getValue(),
      versionId: model.getVersionId(),
    };
    const markers = diagnosticsToMarkers(verdicts.diagnostics, model.getLineCount());
    const signature = JSON.stringify(markers);
    const shown = shownMarkers.current;
    if (shown?.model === model && shown.signature === signature) return;
    shownMarkers.current = { model, signature };
    monaco.editor.setModelMarkers(
      model,
      'playground',
      markers.map((m) => ({
        ...m,
        startLineNumber: m.startLine,
        endLineNumber: m.endLine,
        severity: SEVERITY[m.severity],
        message: m.message,
        // The code links to the istio.io page behind a lint (shown in the marker's hover).
        code: m.docs ? { value: m.code, target: monaco.Uri.parse(m.docs) } : m.code,
        source: 'playground',
      })),
    );
  }, [verdicts]);

  // A trace step (or a policy link) asked for some lines: reveal and highlight them.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    if (!highlight) {
      // Cleared on deselect, on edits and when a lesson step is applied.
      traceDecorations.current?.clear();
      containerRef.current?.removeAttribute('data-highlight-lines');
      return;
    }
    const ranges = highlight.ranges;
    traceDecorations.current?.set(
      ranges.map((r) => ({
        range: new monaco.Range(r.startLine, 1, r.endLine, 1),
        options: {
          isWholeLine: true,
          className: 'trace-highlight',
          linesDecorationsClassName: 'trace-highlight-gutter',
        },
      })),
    );
    const first = ranges[0];
    if (first) editor.revealLinesInCenterIfOutsideViewport(first.startLine, first.endLine);
    containerRef.current?.setAttribute(
      'data-highlight-lines',
      ranges.map((r) => `${r.startLine}-${r.endLine}`).join(','),
    );
  }, [highlight]);

  // The selected workload: mark the documents of the policies that apply to it.
  const workloadPolicyLines = useMemo(() => {
    if (selection?.kind !== 'workload' || !verdicts) return [];
    const facts = verdicts.workloads.find((w) => w.key === selection.key);
    if (!facts) return [];
    const docs = new Map(verdicts.evaluation.documents.map((d) => [d.index, d]));
    const lineCount = policies.split('\n').length;
    return facts.policies.flatMap((ref) => {
      const d = docs.get(ref.document);
      const r = d ? toEditorRange(d.range, lineCount) : null;
      return r ? [r] : [];
    });
  }, [selection, verdicts, policies]);

  useEffect(() => {
    policyDecorations.current?.set(
      workloadPolicyLines.map((r) => ({
        range: new monaco.Range(r.startLine, 1, r.endLine, 1),
        options: { isWholeLine: true, className: 'policy-highlight' },
      })),
    );
    containerRef.current?.setAttribute(
      'data-policy-lines',
      workloadPolicyLines.map((r) => `${r.startLine}-${r.endLine}`).join(','),
    );
  }, [workloadPolicyLines]);

  return (
    <div className="policy-editor" ref={containerRef} data-testid="editor">
      <Editor
        path={POLICIES_URI}
        defaultLanguage="yaml"
        value={policies}
        theme={theme === 'dark' ? 'vs-dark' : 'vs'}
        onChange={(value) => setPolicies(value ?? '')}
        onMount={onMount}
        options={EDITOR_OPTIONS}
        loading={<div className="editor-loading">Loading the editor…</div>}
      />
      <TabHint state={tabState} />
    </div>
  );
}
