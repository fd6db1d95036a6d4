/** The page: toolbar, then editor | canvas | inspector side by side (resizable). */
import { lazy, Suspense, useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { usePlayground } from './store';
import { Canvas } from './features/graph/Canvas';
import { Inspector } from './features/inspector/Inspector';
import { MatrixView } from './features/matrix/MatrixView';
import { NoticeBar } from './features/share/Notice';
import { Legend } from './features/toolbar/Legend';
import { Toolbar } from './features/toolbar/Toolbar';
import { Splitter } from './features/layout/Splitter';
import { EmbedView } from './features/embed/EmbedView';
import { LearnLayer, LessonPanelSlot } from './features/LearnLayer';

const PolicyEditor = lazy(() => import('./features/editor/PolicyEditor'));

export function App() {
  const theme = usePlayground((s) => s.theme);
  const canvasOnly = usePlayground((s) => s.canvasOnly);
  const matrixOpen = usePlayground((s) => s.matrixOpen);
  const embedded = usePlayground((s) => s.embedded);
  const [editorWidth, setEditorWidth] = useState(() => Math.round(window.innerWidth * 0.3));
  const [inspectorWidth, setInspectorWidth] = useState(340);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  if (embedded) return <EmbedView />;
  return (
    <div className="app">
      <a className="skip-link" href="#canvas-region">
        Skip to the canvas
      </a>
      <a className="skip-link" href="#inspector">
        Skip to the inspector
      </a>
      <Toolbar />
      <LearnLayer />
      <NoticeBar />
      <Legend />
      <main
        className={`panels${canvasOnly ? ' canvas-only' : ''}`}
        style={
          canvasOnly
            ? undefined
            : { gridTemplateColumns: `${editorWidth}px 6px minmax(200px, 1fr) 6px ${inspectorWidth}px` }
        }
      >
        {canvasOnly ? null : (
          <>
            <section className="panel editor-panel" aria-label="Policy editor">
              <Suspense fallback={<div className="editor-loading">Loading the editor…</div>}>
                <PolicyEditor />
              </Suspense>
            </section>
            <Splitter
              label="Resize the editor"
              value={editorWidth}
              min={200}
              max={Math.max(300, window.innerWidth - 500)}
              onChange={setEditorWidth}
            />
          </>
        )}
        <section className="panel canvas-panel" aria-label="Mesh canvas" id="canvas-region" tabIndex={-1}>
          <ReactFlowProvider>
            <Canvas />
          </ReactFlowProvider>
          <LessonPanelSlot />
        </section>
        {canvasOnly ? null : (
          <>
            <Splitter
              label="Resize the inspector"
              value={inspectorWidth}
              min={220}
              max={Math.max(300, window.innerWidth - 500)}
              onChange={setInspectorWidth}
              invert
            />
            <Inspector />
          </>
        )}
      </main>
      {matrixOpen ? <MatrixView /> : null}
    </div>
  );
}
