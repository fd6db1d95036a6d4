import type { Diagnostic, ProbeResult, TraceStep } from '@playground/evaluator';

/** `file:line:column: severity code: message`, the form editors and CI annotate. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const where = d.range ? `${file}:${d.range.start.line}:${d.range.start.column}` : file;
  return `${where}: ${d.severity} ${d.code}: ${d.message}`;
}

/** Diagnostics that mean the file could not be read as a workspace at all (exit 2). */
export function isInvalidInput(d: Diagnostic): boolean {
  return d.severity === 'error' && (d.code.startsWith('yaml.') || d.code.startsWith('workspace.'));
}

const MARK: Record<TraceStep['outcome'], string> = { pass: '✓', fail: '✗', info: '·', skip: '–' };

export function formatTrace(file: string, trace: readonly TraceStep[]): string[] {
  return trace.map((s) => {
    const where = s.range ? `  (${file}:${s.range.start.line})` : '';
    return `  ${s.hop ? `[hop ${s.hop + 1}] ` : ''}${MARK[s.outcome]} ${s.stage}: ${s.message}${where}`;
  });
}

export function outcomeOf(r: ProbeResult): string {
  return `${r.status} ${r.verdict}${r.mtls === null ? '' : r.mtls ? ' (mTLS)' : ' (plaintext)'}`;
}
