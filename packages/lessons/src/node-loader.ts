/**
 * Test-only loading of lesson files and their base workspaces from disk (Node fs). The app loads the
 * same files with import.meta.glob; this module is not exported from the package.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLesson } from './parse';
import type { Lesson } from './types';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where a lesson's `base` may live: the lessons package's own bases first, then the evaluator's golden files. */
export const BASE_DIRS = [join(PACKAGE_DIR, 'bases'), join(PACKAGE_DIR, '../evaluator/test/golden')];

export function lessonText(id: string): string {
  return readFileSync(join(PACKAGE_DIR, 'lessons', `${id}.yaml`), 'utf8');
}

export function baseText(name: string): string {
  for (const dir of BASE_DIRS) {
    const file = join(dir, `${name}.yaml`);
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new Error(`no base workspace named ${name} in ${BASE_DIRS.join(' or ')}`);
}

/** A lesson with its base text; throws with the diagnostics if the file is not valid. */
export function loadLesson(id: string): { lesson: Lesson; base: string } {
  const text = lessonText(id);
  const first = parseLesson(text);
  if (!first.lesson) throw new Error(`${id}: ${JSON.stringify(first.diagnostics, null, 2)}`);
  const base = baseText(first.lesson.base);
  const { lesson, diagnostics } = parseLesson(text, { baseText: base });
  if (!lesson) throw new Error(`${id}: ${JSON.stringify(diagnostics, null, 2)}`);
  return { lesson, base };
}
