import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@playground/evaluator';
import { diagnosticsToMarkers, toEditorRange } from './markers';

const range = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, column: c1 },
  end: { line: l2, column: c2 },
  offset: 0,
  length: 0,
});

describe('editor ranges', () => {
  it('shifts whole-text lines so the policies section starts at editor line 1', () => {
    expect(toEditorRange(range(20, 3, 21, 9), 18, 40)).toEqual({
      startLine: 3,
      startColumn: 3,
      endLine: 4,
      endColumn: 9,
    });
  });
  it('starts a document range that begins on the separator before the policies at line 1', () => {
    expect(toEditorRange(range(17, 1, 30, 1), 18, 40)).toEqual({
      startLine: 1,
      startColumn: 1,
      endLine: 13,
      endColumn: 1,
    });
  });
  it('drops ranges in the Mesh or Probes documents', () => {
    expect(toEditorRange(range(5, 1, 5, 4), 18, 40)).toBeNull();
    expect(toEditorRange(range(80, 1, 80, 4), 18, 40)).toBeNull();
  });
  it('turns located diagnostics into markers and skips unlocated ones', () => {
    const diagnostics: Diagnostic[] = [
      { code: 'yaml.syntax', severity: 'error', message: 'bad', document: 1, range: range(19, 1, 19, 5) },
      { code: 'x', severity: 'warning', message: 'no range', document: -1, range: null },
    ];
    expect(diagnosticsToMarkers(diagnostics, 18, 10)).toEqual([
      {
        startLine: 2,
        startColumn: 1,
        endLine: 2,
        endColumn: 5,
        severity: 'error',
        message: 'bad',
        code: 'yaml.syntax',
      },
    ]);
  });
});
