import type { Diagnostic, MatrixEntry } from './types';

export async function matrixOfWorkspace(
  text: string,
  options: { now?: Date } = {},
): Promise<{ entries: MatrixEntry[]; diagnostics: Diagnostic[] }> {
  void text;
  void options;
  throw new Error('matrixOfWorkspace: being implemented');
}

export function formatMatrixLine(entry: Omit<MatrixEntry, 'line'>): string {
  void entry;
  throw new Error('formatMatrixLine: being implemented');
}
