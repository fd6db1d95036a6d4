/**
 * Linear-time glob matching for values where Istio turns `*` into the regex `.*` (today only
 * `namespaces`/`source.namespace`, which istio/istio `matcher/string.go` and `model/generator.go`
 * compile to an RE2 regex over the peer's URI SAN: `.*`, then `/ns/`, the value with each `*` as
 * `.*`, then `/` and `.*`). Envoy runs that
 * regex on RE2, in linear time; a backtracking engine takes minutes on `*a*a*a…*b`. Here the glob
 * is matched without any regex: the literal pieces between the stars are placed leftmost in turn,
 * which finds a match whenever one exists. Each `*` stands for RE2's `.*`, so it never spans a
 * `\n`; a value containing a newline takes a slower but still polynomial path.
 */

/** A full match of `text` against `pieces[0] * pieces[1] * … * pieces[k]` (one `*` between each). */
export type GlobMatcher = (text: string) => boolean;

/** Compiles a glob given as its literal pieces; `['', 'x', '']` is `*x*`. */
export function compileGlob(pieces: readonly string[]): GlobMatcher {
  if (pieces.length === 0) return () => false;
  const parts = [...pieces];
  if (parts.length === 1) {
    const only = parts[0] as string;
    return (text) => text === only;
  }
  const withNewline = parts.some((p) => p.includes('\n'));
  return (text) =>
    !withNewline && text.indexOf('\n') !== -1
      ? false
      : withNewline
        ? globTable(parts, text)
        : globGreedy(parts, text);
}

/**
 * No `\n` in the pattern: a `\n` in the text can never be matched, and without one the pieces can
 * be placed leftmost in turn (a later placement never helps the pieces after it). Each piece is
 * searched once from where the previous one ended, so the work is linear in the text for a
 * bounded piece length (`indexOf`).
 */
function globGreedy(parts: readonly string[], text: string): boolean {
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (text.length < first.length + last.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let pos = first.length;
  const limit = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const piece = parts[i] as string;
    const at = text.indexOf(piece, pos);
    if (at === -1 || at + piece.length > limit) return false;
    pos = at + piece.length;
  }
  return pos <= limit;
}

/**
 * A pattern with a `\n` in a piece (only reachable with a quoted YAML value): one pass over the
 * text keeping the set of reachable pattern positions, time O(text × pattern), no backtracking.
 */
function globTable(parts: readonly string[], text: string): boolean {
  // Pattern as a sequence of tokens: a character, or a star (-1).
  const tokens: number[] = [];
  parts.forEach((p, i) => {
    if (i > 0) tokens.push(-1);
    for (let j = 0; j < p.length; j++) tokens.push(p.charCodeAt(j));
  });
  const m = tokens.length;
  let live = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  const close = (set: Uint8Array) => {
    for (let j = 0; j < m; j++) if (set[j] && tokens[j] === -1) set[j + 1] = 1;
  };
  live[0] = 1;
  close(live);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    next.fill(0);
    let any = false;
    for (let j = 0; j < m; j++) {
      if (!live[j]) continue;
      const t = tokens[j] as number;
      if (t === -1) {
        if (c !== 10) {
          next[j] = 1;
          any = true;
        }
      } else if (t === c) {
        next[j + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    close(next);
    [live, next] = [next, live];
  }
  return live[m] === 1;
}
