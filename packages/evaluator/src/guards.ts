/**
 * Shape guards for decoded data (YAML, JSON, JWT payloads), shared by the evaluator, the lessons
 * and the app so that every reader narrows `unknown` the same way.
 */

/** A decoded mapping: any non-null object that is not a list. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `spec.rules[0].from` for `['spec', 'rules', 0, 'from']` (kubectl's spelling of a field path). */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}
