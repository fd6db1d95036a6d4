/**
 * Public API of @playground/lessons: the lesson files' ids, the parser, and the two operations the
 * lesson panel needs (Apply a step, Check the learner's workspace). Free of Node APIs: the app loads
 * the YAML files itself (Vite import.meta.glob) and passes their text in.
 */
export type * from './types';
export { EXPECTED_STATUSES, EXPECTED_VERDICTS } from './outcomes';
export { parseLesson, type ParseLessonOptions } from './parse';
export { lessonWorkspace } from './workspace';
export { checkStep } from './check';

/** The lessons shipped in packages/lessons/lessons/, in the order the app lists them. */
export const LESSON_IDS = ['mtls-strict', 'jwt-ingress', 'namespace-isolation', 'pitfalls'] as const;

export type LessonId = (typeof LESSON_IDS)[number];
