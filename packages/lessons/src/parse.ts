/**
 * Reading a lesson file. Never throws: every problem is a LessonDiagnostic, and a lesson is returned
 * only when there are none, so the app never walks a half-valid lesson.
 */
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { splitWorkspace, type ProbeSpec, type ProbesSpec } from '@playground/evaluator';
import {
  EXPECTED_STATUSES,
  EXPECTED_VERDICTS,
  type Lesson,
  type LessonDiagnostic,
  type LessonStep,
} from './types';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LESSON_KEYS = new Set(['id', 'title', 'summary', 'base', 'steps']);
const STEP_KEYS = new Set(['title', 'narration', 'policies', 'probes', 'expect', 'hint']);
const PROBES_KEYS = new Set(['now', 'tokens', 'jwks', 'probes']);
const EXPECTED: ReadonlySet<string> = new Set<string>([...EXPECTED_STATUSES, ...EXPECTED_VERDICTS]);

export interface ParseLessonOptions {
  /** The base workspace's text. When given, every `expect` name must be one of its probes or a step's addition. */
  baseText?: string;
}

type Segment = string | number;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function pathText(path: Segment[]): string {
  return path.reduce<string>(
    (out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${s}` : s),
    '',
  );
}

class Reporter {
  readonly diagnostics: LessonDiagnostic[] = [];
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  error(code: string, path: Segment[], message: string): void {
    const diagnostic: LessonDiagnostic = { code, severity: 'error', message, path: pathText(path) };
    const line = this.lineOf(path);
    if (line !== undefined) diagnostic.line = line;
    this.diagnostics.push(diagnostic);
  }

  /** The line of the key (or list item) at `path`; the nearest enclosing node's line when it is absent. */
  private lineOf(path: Segment[]): number | undefined {
    for (let depth = path.length; depth >= 0; depth--) {
      const parent: unknown =
        depth === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, depth - 1), true);
      const last = path[depth - 1];
      let node: unknown = parent;
      if (depth > 0 && isMap(parent)) {
        node = parent.items.find((pair) => isScalar(pair.key) && pair.key.value === last)?.key;
      } else if (depth > 0 && isSeq(parent) && typeof last === 'number') {
        node = parent.items[last];
      } else if (depth > 0) {
        node = undefined;
      }
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }

  unknownKeys(record: Record<string, unknown>, allowed: Set<string>, path: Segment[]): void {
    for (const key of Object.keys(record)) {
      if (!allowed.has(key)) {
        this.error(
          'lesson.unknown-field',
          [...path, key],
          `unknown field "${key}" (allowed: ${[...allowed].join(', ')})`,
        );
      }
    }
  }

  text(
    record: Record<string, unknown>,
    key: string,
    path: Segment[],
    options: { allowEmpty?: boolean } = {},
  ): string {
    const value = record[key];
    if (typeof value !== 'string' || (!options.allowEmpty && value.trim() === '')) {
      this.error(
        'lesson.missing-field',
        [...path, key],
        `${pathText([...path, key])} must be a ${options.allowEmpty ? '' : 'non-empty '}string`,
      );
      return '';
    }
    return value;
  }
}

/** A YAML `200` is a number; accept it as the status it clearly means (but not `000`, which YAML reads as 0). */
function expectedValue(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return String(value);
  return typeof value === 'string' ? value : null;
}

function readExpect(raw: unknown, path: Segment[], report: Reporter): Record<string, string> {
  const expect: Record<string, string> = {};
  if (!isRecord(raw) || Object.keys(raw).length === 0) {
    report.error(
      'lesson.missing-field',
      path,
      `${pathText(path)} must map at least one probe name to its expected outcome`,
    );
    return expect;
  }
  for (const [name, value] of Object.entries(raw)) {
    const outcome = expectedValue(value);
    if (outcome === null || !EXPECTED.has(outcome)) {
      report.error(
        'lesson.bad-expect',
        [...path, name],
        `"${name}": expected outcome must be one of ${[...EXPECTED].join(', ')} (quote statuses such as "000")`,
      );
      continue;
    }
    expect[name] = outcome;
  }
  return expect;
}

function readProbeAdditions(raw: unknown, path: Segment[], report: Reporter): ProbesSpec | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) {
    report.error('lesson.bad-probes', path, `${pathText(path)} must be a map like a Probes document's spec`);
    return undefined;
  }
  report.unknownKeys(raw, PROBES_KEYS, path);
  const probes = raw.probes;
  if (probes !== undefined) {
    if (!Array.isArray(probes)) {
      report.error(
        'lesson.bad-probes',
        [...path, 'probes'],
        `${pathText([...path, 'probes'])} must be a list of probes`,
      );
    } else {
      probes.forEach((p: unknown, i) => {
        const at = [...path, 'probes', i];
        if (!isRecord(p) || typeof p.name !== 'string' || p.name.trim() === '') {
          report.error('lesson.bad-probe', at, `${pathText(at)} needs a name`);
        } else if (typeof p.from !== 'string' || typeof p.to !== 'string' || typeof p.port !== 'number') {
          report.error('lesson.bad-probe', at, `probe "${p.name}" needs from, to and a numeric port`);
        }
      });
    }
  }
  for (const key of ['tokens', 'jwks'] as const) {
    if (raw[key] !== undefined && !isRecord(raw[key])) {
      report.error('lesson.bad-probes', [...path, key], `${pathText([...path, key])} must be a map`);
    }
  }
  if (raw.now !== undefined && typeof raw.now !== 'string') {
    report.error(
      'lesson.bad-probes',
      [...path, 'now'],
      `${pathText([...path, 'now'])} must be an RFC 3339 string`,
    );
  }
  return raw as ProbesSpec;
}

function readStep(raw: unknown, index: number, report: Reporter): LessonStep | null {
  const path: Segment[] = ['steps', index];
  if (!isRecord(raw)) {
    report.error('lesson.bad-step', path, `${pathText(path)} must be a map`);
    return null;
  }
  report.unknownKeys(raw, STEP_KEYS, path);
  const step: LessonStep = {
    title: report.text(raw, 'title', path),
    narration: report.text(raw, 'narration', path),
    policies: report.text(raw, 'policies', path, { allowEmpty: true }),
    expect: readExpect(raw.expect, [...path, 'expect'], report),
  };
  const probes = readProbeAdditions(raw.probes, [...path, 'probes'], report);
  if (probes) step.probes = probes;
  if (raw.hint !== undefined) step.hint = report.text(raw, 'hint', path);
  return step;
}

/** Every probe name each step can see: the base's, then each step's additions, in order. */
function checkProbeNames(lesson: Lesson, baseText: string | undefined, report: Reporter): void {
  const known = new Set<string>();
  if (baseText !== undefined) {
    const base = splitWorkspace(baseText);
    for (const p of base.probes.probes ?? []) if (p.name) known.add(p.name);
  }
  lesson.steps.forEach((step, i) => {
    (step.probes?.probes ?? []).forEach((p: ProbeSpec, j) => {
      if (!p.name) return;
      if (known.has(p.name)) {
        report.error(
          'lesson.duplicate-probe',
          ['steps', i, 'probes', 'probes', j],
          `probe "${p.name}" already exists`,
        );
      }
      known.add(p.name);
    });
    if (baseText === undefined) return;
    for (const name of Object.keys(step.expect)) {
      if (!known.has(name)) {
        report.error(
          'lesson.unknown-probe',
          ['steps', i, 'expect', name],
          `step ${i + 1} expects "${name}", which is neither a probe of base "${lesson.base}" nor added by a step so far`,
        );
      }
    }
  });
}

/** Parse and validate a lesson file. `lesson` is null whenever `diagnostics` is not empty. */
export function parseLesson(
  text: string,
  options: ParseLessonOptions = {},
): { lesson: Lesson | null; diagnostics: LessonDiagnostic[] } {
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { lesson: null, diagnostics: [{ code: 'lesson.yaml', severity: 'error', message, path: '' }] };
  }
  const report = new Reporter(doc, lines);
  if (doc.errors.length) {
    for (const err of doc.errors) {
      report.diagnostics.push({
        code: 'lesson.yaml',
        severity: 'error',
        message: err.message,
        path: '',
        line: lines.linePos(err.pos[0]).line,
      });
    }
    return { lesson: null, diagnostics: report.diagnostics };
  }
  const raw: unknown = doc.toJS();
  if (!isRecord(raw)) {
    report.error('lesson.not-a-map', [], 'a lesson file is a map with id, title, summary, base and steps');
    return { lesson: null, diagnostics: report.diagnostics };
  }
  report.unknownKeys(raw, LESSON_KEYS, []);
  const id = report.text(raw, 'id', []);
  if (id && !KEBAB.test(id)) report.error('lesson.bad-id', ['id'], `id "${id}" must be kebab-case`);
  const base = report.text(raw, 'base', []);
  if (base && !KEBAB.test(base))
    report.error('lesson.bad-base', ['base'], `base "${base}" must be a workspace name`);
  const lesson: Lesson = {
    id,
    title: report.text(raw, 'title', []),
    summary: report.text(raw, 'summary', []),
    base,
    steps: [],
  };
  if (!Array.isArray(raw.steps) || raw.steps.length === 0) {
    report.error('lesson.no-steps', ['steps'], 'steps must be a non-empty list');
  } else {
    raw.steps.forEach((s: unknown, i) => {
      const step = readStep(s, i, report);
      if (step) lesson.steps.push(step);
    });
  }
  if (report.diagnostics.length === 0) checkProbeNames(lesson, options.baseText, report);
  return report.diagnostics.length
    ? { lesson: null, diagnostics: report.diagnostics }
    : { lesson, diagnostics: [] };
}
