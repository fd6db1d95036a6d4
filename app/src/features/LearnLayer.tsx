/**
 * The learning features mounted once in the app: the address routing, the gallery and lesson-list
 * dialogs, the presenter bar; and the toolbar's Learn menu entries that open them.
 */
import { lazy, Suspense } from 'react';
import { PresentButton, PresenterMode } from './presenter/PresenterMode';
import { MenuItem } from './toolbar/Menu';
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

/** The lesson panel, loaded with the first lesson opened; mount it at the top of the side column. */
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

/** The toolbar's Learn menu entries. */
export function LearnMenuItems() {
  const open = usePlayground((s) => s.setLearnDialog);
  return (
    <>
      <MenuItem testId="toolbar.gallery" onSelect={() => open('gallery')}>
        Gallery…
      </MenuItem>
      <MenuItem testId="toolbar.lessons" onSelect={() => open('lessons')}>
        Lessons…
      </MenuItem>
      <PresentButton />
    </>
  );
}
