/**
 * Reading a lesson file. Never throws: every problem is a LessonDiagnostic, and a lesson is returned
 * only when there are none, so the app never walks a half-valid lesson. The file is checked against
 * its declaration (schema.ts); each issue's path is reported with its line in the file.
 */
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { core } from 'zod/mini';
import { formatPath, isRecord, splitWorkspace, type ProbeSpec } from '@playground/evaluator';
import { EXPECTED_STATUSES, EXPECTED_VERDICTS } from './outcomes';
import { AddedProbe, Lesson as LessonSchema } from './schema';
import type { Lesson, LessonDiagnostic } from './types';

const EXPECTED: readonly string[] = [...new Set<string>([...EXPECTED_STATUSES, ...EXPECTED_VERDICTS])];
const LESSON_KEYS = ['id', 'title', 'summary', 'base', 'steps'];
const STEP_KEYS = ['title', 'narration', 'policies', 'probes', 'expect', 'hint'];
const PROBES_KEYS = ['now', 'tokens', 'jwks', 'probes'];

export interface ParseLessonOptions {
  /** The base workspace's text. When given, every `expect` name must be one of its probes or a step's addition. */
  baseText?: string;
}

type Segment = string | number;

class Reporter {
  readonly diagnostics: LessonDiagnostic[] = [];
  private readonly seen = new Set<string>();
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Reports once per code and path: several issues of one field or probe make one diagnostic. */
  error(code: string, path: Segment[], message: string): void {
    const where = formatPath(path);
    if (this.seen.has(`${code} ${where}`)) return;
    this.seen.add(`${code} ${where}`);
    const diagnostic: LessonDiagnostic = { code, severity: 'error', message, path: where };
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
}

/** The fields an object at `path` may have, for the unknown-field message. */
function allowedAt(path: readonly Segment[]): string[] {
  if (path.length === 0) return LESSON_KEYS;
  if (path.length === 2) return STEP_KEYS;
  if (path.length === 3) return PROBES_KEYS;
  return Object.keys(AddedProbe.shape);
}

/** One schema issue as the lesson diagnostic that names it (`lesson.missing-field`, …). */
function reportIssue(issue: core.$ZodIssue, report: Reporter): void {
  const path = issue.path.filter((s): s is Segment => typeof s !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      report.error(
        'lesson.unknown-field',
        [...path, key],
        `unknown field "${key}" (allowed: ${allowedAt(path).join(', ')})`,
      );
    }
    return;
  }
  const [top, index, field, sub, item] = path;
  const text = formatPath(path);
  if (top === undefined) {
    report.error('lesson.not-a-map', [], 'a lesson file is a map with id, title, summary, base and steps');
  } else if (top === 'steps' && index === undefined) {
    report.error('lesson.no-steps', ['steps'], 'steps must be a non-empty list');
  } else if (top === 'steps' && field === undefined) {
    report.error('lesson.bad-step', path, `${text} must be a map`);
  } else if (top === 'steps' && field === 'expect' && sub !== undefined) {
    report.error(
      'lesson.bad-expect',
      path.slice(0, 4),
      `"${sub}": expected outcome must be one of ${EXPECTED.join(', ')} (quote statuses such as "000")`,
    );
  } else if (top === 'steps' && field === 'expect') {
    report.error(
      'lesson.missing-field',
      path,
      `${text} must map at least one probe name to its expected outcome`,
    );
  } else if (top === 'steps' && field === 'probes' && sub === 'probes' && item !== undefined) {
    const at = path.slice(0, 5);
    report.error('lesson.bad-probe', at, `${formatPath(at)} needs a name, from, to and a numeric port`);
  } else if (top === 'steps' && field === 'probes') {
    const at = path.slice(0, 4);
    report.error('lesson.bad-probes', at, `${formatPath(at)} must be like a Probes document's spec`);
  } else if ((top === 'id' || top === 'base') && issue.code === 'invalid_format') {
    report.error(`lesson.bad-${top}`, [top], `${top} must be kebab-case (a file or workspace name)`);
  } else {
    const allowEmpty = field === 'policies';
    report.error('lesson.missing-field', path, `${text} must be a ${allowEmpty ? '' : 'non-empty '}string`);
  }
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
  const parsed = LessonSchema.safeParse(isRecord(raw) ? raw : null);
  if (!parsed.success) {
    for (const issue of orderIssues(parsed.error.issues)) reportIssue(issue, report);
    return { lesson: null, diagnostics: report.diagnostics };
  }
  const lesson: Lesson = parsed.data;
  if (report.diagnostics.length === 0) checkProbeNames(lesson, options.baseText, report);
  return report.diagnostics.length
    ? { lesson: null, diagnostics: report.diagnostics }
    : { lesson, diagnostics: [] };
}

/**
 * An object's unknown fields are reported before the issues inside it, so a misspelt key comes
 * before the missing field it fails to provide. Otherwise the schema's order (the file's) is kept.
 */
function orderIssues(issues: readonly core.$ZodIssue[]): core.$ZodIssue[] {
  const within = (inner: core.$ZodIssue, outer: core.$ZodIssue): boolean =>
    outer.path.every((s, i) => inner.path[i] === s);
  const out: core.$ZodIssue[] = issues.filter((i) => i.code !== 'unrecognized_keys');
  for (const unknown of issues.filter((i) => i.code === 'unrecognized_keys')) {
    const at = out.findIndex((i) => i.code !== 'unrecognized_keys' && within(i, unknown));
    if (at === -1) out.push(unknown);
    else out.splice(at, 0, unknown);
  }
  return out;
}
