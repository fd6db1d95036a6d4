/**
 * The lesson operations run directly with the lessons package. Used inside lessons.worker.ts, and
 * by unit tests; the page itself never imports this module (see engine.ts).
 */
import { checkStep, LESSON_IDS, lessonWorkspace, parseLesson } from '@playground/lessons';
import type { LessonEngine } from './engine';

export const inProcessEngine: LessonEngine = {
  order: async () => LESSON_IDS,
  parse: async (text, baseText) => {
    const { lesson, diagnostics } = parseLesson(text, baseText === undefined ? {} : { baseText });
    const first = diagnostics[0];
    return lesson
      ? { lesson }
      : { lesson: null, problem: first ? `${first.path}: ${first.message}` : 'invalid' };
  },
  workspace: async (lesson, baseText, stepIndex) => lessonWorkspace(lesson, baseText, stepIndex),
  check: (lesson, stepIndex, text) => checkStep(lesson, stepIndex, text),
};
