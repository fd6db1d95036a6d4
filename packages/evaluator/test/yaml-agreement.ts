/**
 * The rule every plain-reader path must keep (fast-yaml.ts, flow-runs.ts): it answers only where
 * `yaml`, whose diagnostics are the contract, would report no problem and build the very same
 * value.
 */
import { isDeepStrictEqual } from 'node:util';
import { isScalar, parseDocument } from 'yaml';
import { fastDocumentValue } from '../src/fast-yaml';

/**
 * What parse.ts takes from `yaml` for one document: its value, or 'problem' for any error or
 * warning, duplicate keys included (compared as parse.ts compares them: as strings).
 */
export function reference(text: string): { value: unknown } | 'problem' {
  const doc = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: (a, b) => isScalar(a) && isScalar(b) && String(a.value) === String(b.value),
    logLevel: 'silent',
  });
  if (doc.errors.length || doc.warnings.length) return 'problem';
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    return 'problem';
  }
}

/** Why the fast path's answer for `text` is wrong, or null when it is right (or declines). */
export function disagreement(text: string): string | null {
  const fast = fastDocumentValue(text);
  if (!fast) return null;
  const ref = reference(text);
  if (ref === 'problem') return `fast path accepted what yaml reports a problem in:\n${text}`;
  if (!isDeepStrictEqual(fast.value, ref.value))
    return `values differ:\n${text}\nfast: ${JSON.stringify(fast.value)}\nyaml: ${JSON.stringify(ref.value)}`;
  return null;
}
