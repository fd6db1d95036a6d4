/**
 * A document that repeats one mistake thousands of times (a 3,000-item list of integers where
 * strings belong, a pasted binary) lists the first {@link MAX_DIAGNOSTICS_PER_CODE} diagnostics of
 * each code, then one more of the same code and severity that counts the rest. Nobody reads the
 * 3,001st marker, and building them cost more than evaluating the workspace (a fuzzed 250 KB
 * workspace spent 400 ms, most of it collecting garbage, on 63,000 diagnostics).
 */
import type { Diagnostic } from './types';

export const MAX_DIAGNOSTICS_PER_CODE = 100;

export class DiagnosticCap {
  private readonly counts = new Map<string, number>();
  private readonly summaries = new Map<string, { diagnostic: Diagnostic; more: number }>();

  /**
   * Whether one more diagnostic of `code` should be listed. When it should not, the diagnostic is
   * counted on the summary, made by `summary` the first time (pushed by the caller, then kept up
   * to date here).
   */
  admit(code: string, summary: () => Diagnostic, push: (d: Diagnostic) => void): boolean {
    const seen = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, seen);
    if (seen <= MAX_DIAGNOSTICS_PER_CODE) return true;
    let entry = this.summaries.get(code);
    if (!entry) {
      entry = { diagnostic: summary(), more: 0 };
      this.summaries.set(code, entry);
      push(entry.diagnostic);
    }
    entry.more += 1;
    entry.diagnostic.message = `${entry.more} more ${code} ${entry.more === 1 ? 'problem' : 'problems'} in this document, not listed one by one`;
    return false;
  }
}
