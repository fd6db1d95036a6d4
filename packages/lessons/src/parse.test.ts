import { describe, expect, it } from 'vitest';
import { parseLesson } from './index';
import { baseText } from './node-loader';

const VALID = `id: tiny
title: A tiny lesson
summary: One step.
base: authn-setup
steps:
  - title: Nothing yet
    narration: No policy.
    policies: ''
    expect:
      sleep.foo to httpbin.foo: "200"
      sleep.legacy to httpbin.foo: 200
`;

const codes = (text: string, baseTextValue?: string) =>
  parseLesson(text, baseTextValue === undefined ? {} : { baseText: baseTextValue }).diagnostics.map(
    (d) => d.code,
  );

describe('parseLesson', () => {
  it('reads a valid lesson, accepting an unquoted numeric status', () => {
    const { lesson, diagnostics } = parseLesson(VALID, { baseText: baseText('authn-setup') });
    expect(diagnostics).toEqual([]);
    expect(lesson?.id).toBe('tiny');
    expect(lesson?.steps[0]?.expect).toEqual({
      'sleep.foo to httpbin.foo': '200',
      'sleep.legacy to httpbin.foo': '200',
    });
    expect(lesson?.steps[0]?.policies).toBe('');
  });

  it('reports broken YAML with its line, without throwing', () => {
    const { lesson, diagnostics } = parseLesson('id: x\nsteps: [\n  - {title: "a"\n');
    expect(lesson).toBeNull();
    expect(diagnostics[0]?.code).toBe('lesson.yaml');
    expect(diagnostics[0]?.line).toBeGreaterThan(0);
  });

  it('rejects a file that is not a map', () => {
    expect(codes('- a\n- b\n')).toEqual(['lesson.not-a-map']);
    expect(codes('')).toEqual(['lesson.not-a-map']);
  });

  it('rejects a bad id, missing fields and unknown fields', () => {
    expect(codes(VALID.replace('id: tiny', 'id: Tiny Lesson'))).toEqual(['lesson.bad-id']);
    expect(codes(VALID.replace('title: A tiny lesson\n', ''))).toEqual(['lesson.missing-field']);
    expect(codes(VALID.replace('    narration: No policy.\n', ''))).toEqual(['lesson.missing-field']);
    expect(codes(VALID.replace("    policies: ''\n", ''))).toEqual(['lesson.missing-field']);
    expect(codes(VALID.replace('    expect:', '    expcet:'))).toEqual([
      'lesson.unknown-field',
      'lesson.missing-field',
    ]);
    expect(codes(`${VALID}author: me\n`)).toEqual(['lesson.unknown-field']);
  });

  it('points at the line of the problem', () => {
    const { diagnostics } = parseLesson(VALID.replace('    expect:', '    expcet:'));
    expect(diagnostics[0]?.path).toBe('steps[0].expcet');
    expect(diagnostics[0]?.line).toBe(9);
    expect(diagnostics[1]?.path).toBe('steps[0].expect');
  });

  it('rejects lessons without steps', () => {
    expect(codes(VALID.slice(0, VALID.indexOf('steps:')))).toEqual(['lesson.no-steps']);
    expect(codes(VALID.slice(0, VALID.indexOf('steps:')) + 'steps: []\n')).toEqual(['lesson.no-steps']);
  });

  it('rejects an outcome outside the vocabulary, and an unquoted 000', () => {
    expect(codes(VALID.replace('"200"', 'ok'))).toEqual(['lesson.bad-expect']);
    expect(codes(VALID.replace('"200"', '000'))).toEqual(['lesson.bad-expect']);
    expect(codes(VALID.replace('"200"', 'mtls-failure'))).toEqual([]);
  });

  it('rejects an expectation for a probe that neither the base nor a step has', () => {
    const base = baseText('authn-setup');
    const typo = VALID.replace('sleep.foo to httpbin.foo', 'sleep.foo to httbin.foo');
    expect(codes(typo)).toEqual([]); // without the base, names cannot be checked
    const { diagnostics } = parseLesson(typo, { baseText: base });
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['lesson.unknown-probe', 'steps[0].expect.sleep.foo to httbin.foo'],
    ]);
  });

  it("accepts a step's added probe from that step on, and rejects a duplicate name", () => {
    const base = baseText('authn-setup');
    const added = VALID.replace(
      "    policies: ''\n",
      "    policies: ''\n    probes:\n      probes:\n        - {name: extra, from: foo/sleep, to: bar/httpbin, port: 8000}\n",
    ).replace('sleep.legacy to httpbin.foo: 200', 'extra: "200"');
    expect(codes(added, base)).toEqual([]);
    const duplicate = added.replace('name: extra', 'name: sleep.foo to httpbin.bar');
    expect(codes(duplicate, base)).toEqual(['lesson.duplicate-probe', 'lesson.unknown-probe']);
    const broken = added.replace(', port: 8000', '');
    expect(codes(broken, base)).toEqual(['lesson.bad-probe']);
  });
});

describe('parseLesson: the declaration (schema.ts)', () => {
  const ADDED = VALID.replace(
    "    policies: ''\n",
    "    policies: ''\n    probes:\n      tokens: {alice: {raw: abc}}\n      probes:\n        - {name: extra, from: foo/sleep, to: bar/httpbin, port: 8000, request: {path: /ip}}\n",
  );

  it("reads a step's added probes into typed data", () => {
    const { lesson, diagnostics } = parseLesson(ADDED);
    expect(diagnostics).toEqual([]);
    expect(lesson?.steps[0]?.probes).toEqual({
      tokens: { alice: { raw: 'abc' } },
      probes: [{ name: 'extra', from: 'foo/sleep', to: 'bar/httpbin', port: 8000, request: { path: '/ip' } }],
    });
  });

  const found = (text: string) => parseLesson(text).diagnostics.map((d) => [d.code, d.path, d.line]);

  it('reports each malformed field of an added probe at its path and line', () => {
    expect(found(ADDED.replace('port: 8000', 'port: 0'))).toEqual([
      ['lesson.bad-probe', 'steps[0].probes.probes[0]', 12],
    ]);
    expect(found(ADDED.replace('port: 8000', 'port: 8000, epxect: "200"'))).toEqual([
      ['lesson.unknown-field', 'steps[0].probes.probes[0].epxect', 12],
    ]);
    expect(found(ADDED.replace('{alice: {raw: abc}}', '[alice]'))).toEqual([
      ['lesson.bad-probes', 'steps[0].probes.tokens', 10],
    ]);
    expect(
      found(ADDED.replace('    probes:\n      tokens', '    probes:\n      now: yesterday\n      tokens')),
    ).toEqual([['lesson.bad-probes', 'steps[0].probes.now', 10]]);
  });

  it('reports issues of the lesson and its steps at their lines', () => {
    expect(found(VALID.replace('base: authn-setup', 'base: Authn Setup'))).toEqual([
      ['lesson.bad-base', 'base', 4],
    ]);
    expect(found(VALID.replace('    narration: No policy.', '    narration: "  "'))).toEqual([
      ['lesson.missing-field', 'steps[0].narration', 7],
    ]);
    expect(found(VALID.replace('steps:\n', 'steps:\n  - just text\n'))).toEqual([
      ['lesson.bad-step', 'steps[0]', 6],
    ]);
  });
});
