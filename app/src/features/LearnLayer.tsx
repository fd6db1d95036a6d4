/**
 * The learning features mounted once in the app: the address routing, the gallery and lesson-list
 * dialogs, the presenter bar; and the toolbar's buttons that open them.
 */
import { lazy, Suspense } from 'react';
import { PresentButton, PresenterMode } from './presenter/PresenterMode';
import { useLearnRouting } from './routing/useLearnRouting';
import './learn.css';
import { usePlayground } from '../store';

// Loaded when first opened: they stay out of the page's entry chunk.
const GalleryDialog = lazy(() =>
  import('./gallery/GalleryDialog').then((m) => ({ default: m.GalleryDialog })),
);
const LessonListDialog = lazy(() =>
  import('./lessons/LessonList').then((m) => ({ default: m.LessonListDialog })),
);
const LessonPanelView = lazy(() => import('./lessons/LessonPanel').then((m) => ({ default: m.LessonPanel })));

/** The lesson panel, loaded with the first lesson opened; mount it inside the canvas panel. */
export function LessonPanelSlot() {
  const open = usePlayground((s) => s.lesson !== null);
  return open ? (
    <Suspense fallback={null}>
      <LessonPanelView />
    </Suspense>
  ) : null;
}

export function LearnLayer() {
  useLearnRouting();
  const dialog = usePlayground((s) => s.learnDialog);
  return (
    <>
      <PresenterMode />
      <Suspense fallback={null}>
        {dialog === 'gallery' ? <GalleryDialog /> : null}
        {dialog === 'lessons' ? <LessonListDialog /> : null}
      </Suspense>
    </>
  );
}

export function LearnButtons() {
  const open = usePlayground((s) => s.setLearnDialog);
  return (
    <>
      <button type="button" data-testid="toolbar.gallery" onClick={() => open('gallery')}>
        Gallery
      </button>
      <button type="button" data-testid="toolbar.lessons" onClick={() => open('lessons')}>
        Lessons
      </button>
      <PresentButton />
    </>
  );
}
