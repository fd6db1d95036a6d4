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
  it('keeps policies lines as they are (the engine evaluates the policies as their own part)', () => {
    expect(toEditorRange(range(3, 3, 4, 9), 40)).toEqual({
      startLine: 3,
      startColumn: 3,
      endLine: 4,
      endColumn: 9,
    });
  });
  it('does not count the line a block ends on when it ends at its first column', () => {
    expect(toEditorRange(range(2, 1, 9, 1), 40)).toMatchObject({ startLine: 2, endLine: 8 });
    expect(toEditorRange(range(2, 1, 2, 1), 40)).toMatchObject({ startLine: 2, endLine: 2 });
  });
  it('drops ranges outside the text and clamps their ends to it', () => {
    expect(toEditorRange(range(50, 1, 52, 4), 40)).toBeNull();
    expect(toEditorRange(range(38, 1, 52, 4), 40)).toMatchObject({ startLine: 38, endLine: 40 });
  });
  it('turns located policies diagnostics into markers, skipping unlocated and Mesh/Probes ones', () => {
    const diagnostics: Diagnostic[] = [
      {
        code: 'yaml.syntax',
        severity: 'error',
        message: 'bad',
        document: 1,
        range: range(2, 1, 2, 5),
        source: 'policies',
      },
      { code: 'x', severity: 'warning', message: 'no range', document: -1, range: null },
      {
        code: 'probes.unknown-endpoint',
        severity: 'error',
        message: 'p',
        document: 0,
        range: range(3, 1, 3, 4),
        source: 'probes',
      },
    ];
    expect(diagnosticsToMarkers(diagnostics, 10)).toEqual([
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
