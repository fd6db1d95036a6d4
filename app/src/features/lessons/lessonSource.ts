/**
 * Where the app gets lessons: the lesson files (packages/lessons/lessons/*.yaml) and their base
 * workspaces (packages/lessons/bases first, then the evaluator's golden files, as the lessons
 * package's README says), through lazy Vite globs, parsed and validated by the lesson engine.
 */
import type { Lesson } from '@playground/lessons';
import type { LessonEngine } from './engine';
import { workerEngine } from './workerEngine';
import { exampleLoader } from '../../state/examples';

type Loaders = Record<string, () => Promise<string>>;

const LESSON_FILES = import.meta.glob('../../../../packages/lessons/lessons/*.yaml', {
  query: '?raw',
  import: 'default',
}) as Loaders;
const LESSON_BASES = import.meta.glob('../../../../packages/lessons/bases/*.yaml', {
  query: '?raw',
  import: 'default',
}) as Loaders;

const idOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1).replace(/\.yaml$/, '');
const byId = (files: Loaders) => new Map(Object.entries(files).map(([path, load]) => [idOf(path), load]));

const LESSONS = byId(LESSON_FILES);
const LESSON_BASE_LOADERS = byId(LESSON_BASES);
/** The lessons package's own bases first, then the golden workspaces (shared with the gallery). */
const baseLoader = (name: string) => LESSON_BASE_LOADERS.get(name) ?? exampleLoader(name);

/** Lesson ids known without loading anything (the file names): what `#lesson=` may name. */
export const LESSON_FILE_IDS: readonly string[] = [...LESSONS.keys()].sort();

export const isLessonId = (id: string): boolean => LESSONS.has(id);

export interface LoadedLesson {
  lesson: Lesson;
  /** The base workspace's text (its mesh and probes are the lesson's). */
  base: string;
}

export type LessonLoad = { ok: true; value: LoadedLesson } | { ok: false; message: string };

const caches = new WeakMap<LessonEngine, Map<string, Promise<LessonLoad>>>();

async function read(id: string, engine: LessonEngine): Promise<LessonLoad> {
  const load = LESSONS.get(id);
  if (!load) return { ok: false, message: `there is no lesson named "${id}"` };
  const text = await load();
  const first = await engine.parse(text);
  if (!first.lesson)
    return { ok: false, message: `the lesson file ${id}.yaml is invalid (${first.problem ?? ''})` };
  const name = first.lesson.base;
  const baseLoad = baseLoader(name);
  if (!baseLoad) return { ok: false, message: `the lesson's base workspace "${name}" is missing` };
  const base = await baseLoad();
  const parsed = await engine.parse(text, base);
  if (!parsed.lesson)
    return {
      ok: false,
      message: `the lesson file ${id}.yaml does not match its base (${parsed.problem ?? ''})`,
    };
  return { ok: true, value: { lesson: parsed.lesson, base } };
}

/** A lesson and its base, parsed and validated once per id. */
export function loadLesson(id: string, engine: LessonEngine = workerEngine): Promise<LessonLoad> {
  let cache = caches.get(engine);
  if (!cache) {
    cache = new Map();
    caches.set(engine, cache);
  }
  let p = cache.get(id);
  if (!p) {
    p = read(id, engine).catch((error: unknown) => {
      // A failing worker is not a bad lesson: the next attempt tries again.
      cache?.delete(id);
      return { ok: false as const, message: error instanceof Error ? error.message : String(error) };
    });
    cache.set(id, p);
  }
  return p;
}

export interface LessonSummary {
  id: string;
  title: string;
  summary: string;
  steps: number;
}

/** Every valid lesson for the list, in the lessons package's display order (LESSON_IDS), then the rest. */
export async function lessonCatalog(engine: LessonEngine = workerEngine): Promise<LessonSummary[]> {
  const shipped = await engine.order();
  const order = (id: string) => {
    const i = shipped.indexOf(id);
    return i === -1 ? shipped.length : i;
  };
  const ids = [...LESSON_FILE_IDS].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const loaded = await Promise.all(ids.map((id) => loadLesson(id, engine)));
  return loaded.flatMap((l) =>
    l.ok
      ? [
          {
            id: l.value.lesson.id,
            title: l.value.lesson.title,
            summary: l.value.lesson.summary,
            steps: l.value.lesson.steps.length,
          },
        ]
      : [],
  );
}
