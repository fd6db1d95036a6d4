/**
 * The page: toolbar, then editor | canvas | side column side by side (resizable). The side column
 * holds the lesson (when one is open) above the inspector, so the lesson never covers the graph it
 * talks about; with the panels hidden (canvas only, presenting) it holds the lesson alone.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { usePlayground } from './store';
import { Canvas } from './features/graph/Canvas';
import { Inspector } from './features/inspector/Inspector';
import { MatrixView } from './features/matrix/MatrixView';
import { NoticeBar } from './features/share/Notice';
import { HealthNotices } from './features/health/HealthNotices';
import { Legend } from './features/toolbar/Legend';
import { Toolbar } from './features/toolbar/Toolbar';
import { Splitter } from './features/layout/Splitter';
import { EmbedView } from './features/embed/EmbedView';
import { LearnLayer, LessonPanelSlot } from './features/LearnLayer';
import { PageDrop } from './features/import/PageDrop';

const PolicyEditor = lazy(() => import('./features/editor/PolicyEditor'));
/** Loaded when a review opens: it is no part of the first paint. */
const ReviewBanner = lazy(() => import('./features/review/ReviewBanner'));

/** A lesson column on its own (canvas only, presenting): wide enough for presenter-size narration. */
const lessonColumnWidth = () => Math.round(Math.min(620, Math.max(360, window.innerWidth * 0.3)));

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function App() {
  const theme = usePlayground((s) => s.theme);
  const canvasOnly = usePlayground((s) => s.canvasOnly);
  const matrixOpen = usePlayground((s) => s.matrixOpen);
  const embedded = usePlayground((s) => s.embedded);
  const lessonOpen = usePlayground((s) => s.lesson !== null);
  const presenting = usePlayground((s) => s.presenting);
  const selected = usePlayground((s) => s.selection !== null);
  const reviewOpen = usePlayground((s) => s.reviewOpen);
  // The canvas gets the most room: at 1280 px the side panels take about half the width together.
  const [editorWidth, setEditorWidth] = useState(() => clamp(Math.round(window.innerWidth * 0.25), 280, 460));
  const [inspectorWidth, setInspectorWidth] = useState(() =>
    clamp(Math.round(window.innerWidth * 0.22), 280, 360),
  );
  const [lessonWidth, setLessonWidth] = useState(lessonColumnWidth);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  if (embedded) return <EmbedView />;
  // Presenting, the column belongs to the lesson at presenter size; the inspector joins it only
  // when something is selected (a trace to show the room).
  const lessonColumn = lessonOpen && (canvasOnly || presenting);
  const showInspector = !canvasOnly && (!presenting || selected || !lessonOpen);
  const side = lessonColumn ? lessonWidth : canvasOnly ? null : inspectorWidth;
  const columns = [
    ...(canvasOnly ? [] : [`${editorWidth}px`, '6px']),
    'minmax(200px, 1fr)',
    ...(side === null ? [] : ['6px', `${side}px`]),
  ].join(' ');
  return (
    <div className="app">
      <a className="skip-link" href="#canvas-region">
        Skip to the canvas
      </a>
      <a className="skip-link" href="#inspector">
        Skip to the inspector
      </a>
      <Toolbar />
      <PageDrop />
      <LearnLayer />
      <NoticeBar />
      {reviewOpen ? (
        <Suspense fallback={null}>
          <ReviewBanner />
        </Suspense>
      ) : null}
      <HealthNotices />
      <Legend />
      <main className={`panels${canvasOnly ? ' canvas-only' : ''}`} style={{ gridTemplateColumns: columns }}>
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
        </section>
        {side === null ? null : (
          <>
            <Splitter
              label={lessonColumn ? 'Resize the lesson' : 'Resize the inspector'}
              value={side}
              min={220}
              max={Math.max(300, window.innerWidth - 500)}
              onChange={lessonColumn ? setLessonWidth : setInspectorWidth}
              invert
            />
            <div className={`side-column${showInspector ? '' : ' side-column--lesson'}`}>
              <LessonPanelSlot />
              {showInspector ? <Inspector /> : null}
            </div>
          </>
        )}
      </main>
      {matrixOpen ? <MatrixView /> : null}
    </div>
  );
}
