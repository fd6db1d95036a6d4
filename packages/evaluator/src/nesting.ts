/** A linear pre-parse check of how deep a document's flow collections nest. */
import { MAX_NESTING } from './limits';

/**
 * Where a document's flow collections (`[`, `{`) nest deeper than MAX_NESTING, or -1. Istio
 * resources nest a dozen levels at most; the YAML library takes tens of milliseconds per thousand
 * levels, so a document of nothing but brackets could stall an evaluation. Quoted scalars and
 * comments are skipped; a linear scan.
 */
export function tooDeepAt(text: string): number {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 10 /* \n */ && quote === 39) quote = 0;
      else if (c === 92 /* \ */ && quote === 34) i++;
      continue;
    }
    if (c === 34 || c === 39) quote = c;
    else if (c === 35 /* # */ && (i === 0 || text.charCodeAt(i - 1) <= 32)) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) break;
      i = nl;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}
