/**
 * Which probe of a baseline workspace is which probe of the current one (docs/workspace-format.md "Review").
 *
 * Two probes are the same probe when their names match; a probe whose name has no partner (it was
 * renamed, or has no name) is the same as one whose request is the same: from, to, port, method,
 * path, host, headers and token. Both passes pair in list order, so duplicates pair up one by one
 * and reordering a Probes list changes nothing.
 */
import type { ProbeSpec } from '../types';

/** A probe's request with the defaults filled in, as the diff reports it. */
export interface ProbeRequestSummary {
  method: string;
  path: string;
}

export const DEFAULT_METHOD = 'GET';
export const DEFAULT_PATH = '/';

export function requestSummary(spec: ProbeSpec | undefined): ProbeRequestSummary {
  return {
    method: (spec?.request?.method ?? DEFAULT_METHOD).toUpperCase(),
    path: spec?.request?.path ?? DEFAULT_PATH,
  };
}

/** Everything that says what a probe sends, in a canonical string (header names case-insensitive). */
export function requestIdentity(spec: ProbeSpec): string {
  const request = spec.request ?? {};
  const headers = Object.entries(request.headers ?? {})
    .map(([k, v]) => [k.toLowerCase(), String(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const tokens = request.tokens?.map((t) => [t.token, t.in ?? '', t.prefix ?? '']) ?? [];
  return JSON.stringify([
    spec.from,
    spec.to,
    spec.port,
    requestSummary(spec).method,
    requestSummary(spec).path,
    request.host ?? '',
    headers,
    request.token ?? '',
    tokens,
  ]);
}

export interface ProbeMatch {
  /** `[beforeIndex, afterIndex]`, in the current (after) list's order. */
  pairs: [number, number][];
  /** Indices of the current list with no partner in the baseline. */
  added: number[];
  /** Indices of the baseline list with no partner in the current workspace. */
  removed: number[];
}

/** Pairs the probes of two lists; `undefined` entries (dropped probes) never pair. */
export function matchProbes(
  before: readonly (ProbeSpec | undefined)[],
  after: readonly (ProbeSpec | undefined)[],
): ProbeMatch {
  const partnerOfAfter = new Map<number, number>();
  const takenBefore = new Set<number>();

  const pairBy = (key: (spec: ProbeSpec) => string | null) => {
    const waiting = new Map<string, number[]>();
    before.forEach((spec, i) => {
      if (!spec || takenBefore.has(i)) return;
      const k = key(spec);
      if (k === null) return;
      const list = waiting.get(k);
      if (list) list.push(i);
      else waiting.set(k, [i]);
    });
    after.forEach((spec, j) => {
      if (!spec || partnerOfAfter.has(j)) return;
      const k = key(spec);
      const i = k === null ? undefined : waiting.get(k)?.shift();
      if (i === undefined) return;
      partnerOfAfter.set(j, i);
      takenBefore.add(i);
    });
  };
  pairBy((spec) => (spec.name ? `name:${spec.name}` : null));
  pairBy((spec) => `request:${requestIdentity(spec)}`);

  const pairs: [number, number][] = [];
  const added: number[] = [];
  after.forEach((spec, j) => {
    if (!spec) return;
    const i = partnerOfAfter.get(j);
    if (i === undefined) added.push(j);
    else pairs.push([i, j]);
  });
  const removed = before.flatMap((spec, i) => (spec && !takenBefore.has(i) ? [i] : []));
  return { pairs, added, removed };
}
