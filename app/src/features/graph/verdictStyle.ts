/**
 * the visual language of docs/workspace-format.md for verdicts: colour is never the only signal — each verdict also has
 * its own line pattern, icon (VerdictIcon) and words. The canvas and the legend both draw from
 * here, so they cannot drift apart. Line patterns, told apart without colour: solid (allowed over
 * mTLS; denied and JWT rejected, which their icons tell apart), long dashes (allowed in plain text),
 * dash-dot (mTLS failure), dots (no route), fine dots (pending).
 */
import type { ProbeResult, Verdict } from '@playground/evaluator';

/** SVG `stroke-dasharray` values, in user units at the canvas's 2px line. */
export const DASH = {
  plainText: '12 5',
  mtlsFailure: '9 3 2 3',
  noRoute: '2 4',
  pending: '1 3',
} as const;

export interface VerdictLook {
  /** CSS variable holding the colour (themes set it). */
  color: string;
  dash: string | undefined;
  words: string;
}

export function verdictLook(verdict: Verdict | 'pending', mtls: boolean | null): VerdictLook {
  switch (verdict) {
    case 'allowed':
      return mtls
        ? { color: 'var(--verdict-allowed)', dash: undefined, words: 'allowed, over mutual TLS' }
        : { color: 'var(--verdict-allowed)', dash: DASH.plainText, words: 'allowed, in plain text' };
    case 'denied':
      return {
        color: 'var(--verdict-denied)',
        dash: undefined,
        words: 'denied by authorization policy',
      };
    case 'custom-denied':
      return {
        color: 'var(--verdict-denied)',
        dash: undefined,
        words: 'denied by the external authorizer',
      };
    case 'unauthenticated':
      return {
        color: 'var(--verdict-unauthenticated)',
        dash: undefined,
        words: 'unauthenticated: the token was rejected',
      };
    case 'audience-rejected':
      return {
        color: 'var(--verdict-unauthenticated)',
        dash: undefined,
        words: "rejected: the token's audience is not allowed",
      };
    case 'mtls-failure':
      return {
        color: 'var(--verdict-mtls)',
        dash: DASH.mtlsFailure,
        words: 'mutual TLS failure: the TLS modes do not meet',
      };
    case 'no-route':
      return { color: 'var(--verdict-noroute)', dash: DASH.noRoute, words: 'no route' };
    case 'invalid':
      return { color: 'var(--verdict-noroute)', dash: DASH.noRoute, words: 'invalid probe' };
    case 'pending':
      return { color: 'var(--verdict-pending)', dash: DASH.pending, words: 'being evaluated' };
  }
}

const endpoint = (key: string) => {
  if (key === 'external') return 'outside the mesh';
  const [ns, name] = key.split('/');
  return name === undefined ? key : `${name} in ${ns}`;
};

/** The sentence a screen reader hears for an edge. */
export function edgeAriaLabel(
  from: string,
  to: string,
  port: number,
  result: ProbeResult | undefined,
  stale: boolean | 'evaluating',
): string {
  const look = verdictLook(result?.verdict ?? 'pending', result?.mtls ?? null);
  const status = result ? `, status ${result.status}` : '';
  const why =
    stale === 'evaluating'
      ? ' (stale: being evaluated again)'
      : stale
        ? ' (stale: the YAML does not parse)'
        : '';
  return `Probe from ${endpoint(from)} to ${endpoint(to)} port ${port}: ${look.words}${status}${why}`;
}
