/** The lesson list: every shipped lesson with its summary and the learner's progress. */
import { useEffect, useState } from 'react';
import { lessonCatalog } from './lessonSource';
import type { LessonSummary } from './lessonSource';
import '../learn.css';
import { usePlayground } from '../../store';
import { LearnDialog } from '../LearnDialog';

export function LessonListDialog() {
  const close = usePlayground((s) => s.setLearnDialog);
  const openLesson = usePlayground((s) => s.openLesson);
  const progress = usePlayground((s) => s.lessonProgress);
  const [lessons, setLessons] = useState<LessonSummary[] | null>(null);

  useEffect(() => {
    let live = true;
    void lessonCatalog().then((list) => {
      if (live) setLessons(list);
    });
    return () => {
      live = false;
    };
  }, []);

  return (
    <LearnDialog id="lessons" title="Lessons" onClose={() => close(null)}>
      <p className="muted">
        Each step says what to change. Press Apply to see it happen, or write the policy yourself and press
        Check: the playground compares your connections with the step&apos;s.
      </p>
      {lessons === null ? (
        <p role="status">Loading the lessons…</p>
      ) : (
        <ul className="learn-list">
          {lessons.map((l) => {
            const p = progress[l.id];
            const last = Math.min(p?.lastStep ?? 1, l.steps);
            return (
              <li key={l.id}>
                <button
                  type="button"
                  className="learn-item"
                  data-testid="lessons.item"
                  data-lesson={l.id}
                  onClick={() => void openLesson(l.id, last, 'resume')}
                >
                  <span className="learn-item__title">{l.title}</span>
                  <span className="learn-item__text">{l.summary}</span>
                  <span className="learn-item__tags" data-testid="lessons.progress">
                    {l.steps} steps · {p?.passed.length ?? 0} checked
                    {p && last > 1 ? ` · continue at step ${last}` : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </LearnDialog>
  );
}
