/**
 * The lesson panel, docked at the top of the side column (never over the canvas): the step's
 * narration, Apply / Check, Prev / Next, progress, and the Check's answer naming every connection
 * that differs and why. Test hooks (stable):
 * `lesson-panel` with `data-lesson`/`data-step`, `lesson-check` with `data-result="pass|fail"`.
 */
import { useState } from 'react';
import type { LessonCheckResult } from './lessonSlice';
import { Markdown } from './markdown';
import '../learn.css';
import { usePlayground, usePlaygroundStore } from '../../store';

function CheckResult({ check, hint }: { check: LessonCheckResult; hint: string | undefined }) {
  const { result } = check;
  return (
    <section
      className={`lesson-check lesson-check--${result.pass ? 'pass' : 'fail'}`}
      data-testid="lesson-check"
      data-result={result.pass ? 'pass' : 'fail'}
      role="status"
      aria-live="polite"
    >
      {result.pass ? (
        <p>
          <strong>✓ Every connection matches this step.</strong>
        </p>
      ) : (
        <>
          <p>
            <strong>
              ✗ {result.differences.length} connection{result.differences.length === 1 ? '' : 's'} differ
              {result.differences.length === 1 ? 's' : ''} from this step:
            </strong>
          </p>
          <ul className="lesson-check__list">
            {result.differences.map((d) => (
              <li key={d.probe} data-testid="lesson.difference" data-probe={d.probe}>
                <span className="lesson-check__probe">{d.probe}</span>: expected <code>{d.expected}</code>,
                got <code>{d.actual}</code>
                {d.verdict !== 'missing' && d.verdict !== d.actual ? ` (${d.verdict})` : ''}
                {d.why ? <span className="lesson-check__why"> — {d.why}</span> : null}
              </li>
            ))}
          </ul>
          {result.diagnostics.length ? (
            <p data-testid="lesson.diagnostics">
              The editor has {result.diagnostics.length} error{result.diagnostics.length === 1 ? '' : 's'}:{' '}
              {result.diagnostics[0]?.message}
            </p>
          ) : null}
          {hint ? <p className="lesson-check__hint">Hint: {hint}</p> : null}
        </>
      )}
    </section>
  );
}

export function LessonPanel() {
  const loaded = usePlayground((s) => s.lesson);
  const id = usePlayground((s) => s.lessonId);
  const step = usePlayground((s) => s.lessonStep);
  const busy = usePlayground((s) => s.lessonBusy);
  const check = usePlayground((s) => s.lessonCheck);
  const progress = usePlayground((s) => (s.lessonId ? s.lessonProgress[s.lessonId] : undefined));
  const presenting = usePlayground((s) => s.presenting);
  // Actions never change: read them once instead of subscribing to the whole store.
  const actions = usePlaygroundStore().getState();
  const [collapsed, setCollapsed] = useState(false);
  if (!loaded || !id || step < 1) return null;
  const { lesson } = loaded;
  const current = lesson.steps[step - 1];
  if (!current) return null;
  const count = lesson.steps.length;
  const shownCheck = check && check.lessonId === id && check.step === step ? check : null;

  return (
    <aside
      className={`lesson-panel${collapsed ? ' lesson-panel--collapsed' : ''}${presenting ? ' lesson-panel--present' : ''}`}
      data-testid="lesson-panel"
      data-lesson={id}
      data-step={step}
      aria-label={`Lesson: ${lesson.title}`}
    >
      <header className="lesson-panel__header">
        <h2 className="lesson-panel__title">{lesson.title}</h2>
        <button
          type="button"
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Show the lesson' : 'Fold the lesson'}
          data-testid="lesson.fold"
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
        <button
          type="button"
          aria-label="Close the lesson"
          data-testid="lesson.close"
          onClick={actions.closeLesson}
        >
          ✕
        </button>
      </header>
      <ol className="lesson-steps" aria-label="Steps" data-testid="lesson.progress">
        {lesson.steps.map((s, i) => {
          const n = i + 1;
          const passed = progress?.passed.includes(n) ?? false;
          return (
            <li key={n}>
              <button
                type="button"
                className={`lesson-dot${passed ? ' lesson-dot--passed' : ''}`}
                aria-current={n === step ? 'step' : undefined}
                aria-label={`Step ${n}: ${s.title}${passed ? ' (checked)' : ''}`}
                data-testid="lesson.dot"
                data-passed={passed}
                onClick={() => void actions.goToStep(n)}
              >
                {passed ? '✓' : n}
              </button>
            </li>
          );
        })}
      </ol>
      {collapsed ? null : (
        <>
          <h3 className="lesson-panel__step" data-testid="lesson.stepTitle">
            Step {step} of {count}: {current.title}
          </h3>
          <Markdown className="lesson-narration" source={current.narration} />
          <div className="lesson-actions">
            <button
              type="button"
              data-testid="lesson.prev"
              disabled={step <= 1}
              onClick={() => void actions.goToStep(step - 1)}
            >
              ← Previous
            </button>
            <button type="button" data-testid="lesson.apply" onClick={() => void actions.applyLessonStep()}>
              Apply
            </button>
            <button
              type="button"
              className="lesson-actions__primary"
              data-testid="lesson.checkButton"
              disabled={busy}
              onClick={() => void actions.checkLessonStep()}
            >
              {busy ? 'Checking…' : 'Check'}
            </button>
            <button
              type="button"
              data-testid="lesson.next"
              disabled={step >= count}
              onClick={() => void actions.goToStep(step + 1)}
            >
              Next →
            </button>
          </div>
          {shownCheck ? <CheckResult check={shownCheck} hint={current.hint} /> : null}
        </>
      )}
    </aside>
  );
}
