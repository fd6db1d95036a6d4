/**
 * Presenter mode: large type and high contrast (the `presenter` class on <html>), the editor hidden
 * unless asked for, a visible step indicator, and the keyboard driving the lesson (see keys.ts).
 * The step is in the address, so a reload comes back to it.
 */
import { useEffect } from 'react';
import { presenterCommand } from './keys';
import { presentEditor } from './presenterEditor';
import { MenuItem } from '../toolbar/Menu';
import '../learn.css';
import { usePlayground, usePlaygroundStore } from '../../store';

/** The toolbar's way in (also `?present=1`): an entry of the Learn menu. */
export function PresentButton() {
  const presenting = usePlayground((s) => s.presenting);
  const setPresenting = usePlayground((s) => s.setPresenting);
  return (
    <MenuItem testId="toolbar.present" checked={presenting} onSelect={() => setPresenting(!presenting)}>
      Present
    </MenuItem>
  );
}

export function PresenterMode() {
  const store = usePlaygroundStore();
  const presenting = usePlayground((s) => s.presenting);
  const loaded = usePlayground((s) => s.lesson);
  const step = usePlayground((s) => s.lessonStep);
  const canvasOnly = usePlayground((s) => s.canvasOnly);

  // Large type and contrast for the whole page; the editor starts hidden, and comes back on exit.
  useEffect(() => {
    if (!presenting) return;
    const root = document.documentElement;
    root.classList.add('presenter');
    const hadEditor = !store.getState().canvasOnly;
    if (hadEditor) store.getState().toggle('canvasOnly');
    return () => {
      root.classList.remove('presenter');
      if (hadEditor && store.getState().canvasOnly) store.getState().toggle('canvasOnly');
    };
  }, [presenting, store]);

  // Only while the editor is shown: Monaco stays unloaded for a canvas-only talk.
  useEffect(() => {
    if (!presenting || canvasOnly) return;
    return presentEditor(store.getState().theme);
  }, [presenting, canvasOnly, store]);

  useEffect(() => {
    if (!presenting) return;
    const onKey = (e: KeyboardEvent) => {
      const command = presenterCommand(e);
      if (!command) return;
      const s = store.getState();
      if (command === 'editor') s.toggle('canvasOnly');
      else if (!s.lesson) return;
      else if (command === 'next') void s.goToStep(s.lessonStep + 1);
      else if (command === 'previous') void s.goToStep(s.lessonStep - 1);
      else void s.applyLessonStep();
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting, store]);

  if (!presenting) return null;
  const count = loaded?.lesson.steps.length ?? 0;
  const s = store.getState();
  return (
    <div className="presenter-bar" data-testid="presenter" role="region" aria-label="Presenter controls">
      {loaded ? (
        <>
          <span className="presenter-bar__title">{loaded.lesson.title}</span>
          <span
            className="presenter-bar__step"
            data-testid="presenter.step"
            data-step={step}
            aria-live="polite"
          >
            Step {step} / {count}
          </span>
          <span className="presenter-bar__keys muted">→ next · ← previous · r reset · e editor</span>
          <button
            type="button"
            data-testid="presenter.prev"
            disabled={step <= 1}
            onClick={() => void s.goToStep(step - 1)}
          >
            ←
          </button>
          <button type="button" data-testid="presenter.reset" onClick={() => void s.applyLessonStep()}>
            Reset step
          </button>
          <button
            type="button"
            data-testid="presenter.next"
            disabled={step >= count}
            onClick={() => void s.goToStep(step + 1)}
          >
            →
          </button>
        </>
      ) : (
        <>
          <span className="presenter-bar__title">Presenter mode</span>
          <button type="button" data-testid="presenter.lessons" onClick={() => s.setLearnDialog('lessons')}>
            Choose a lesson
          </button>
        </>
      )}
      <button
        type="button"
        data-testid="presenter.editor"
        aria-pressed={!canvasOnly}
        onClick={() => s.toggle('canvasOnly')}
      >
        {canvasOnly ? 'Show editor' : 'Hide editor'}
      </button>
      <button type="button" data-testid="presenter.exit" onClick={() => s.setPresenting(false)}>
        Exit
      </button>
    </div>
  );
}
