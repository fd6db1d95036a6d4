/**
 * Pins: saved expectations. Pinning a probe writes its current outcome into the Probes document as
 * `expect: "<status>"`, plus `expectMtls` when it connected (mtls not null), so the CLI's `test`
 * asserts it in CI. A pin the current policies break is flagged on its edge and counted in the
 * toolbar. Everything here is pure: the inspector and the toolbar call it through the store.
 */
import type { ProbeResult, ProbeSpec, ProbesSpec } from '@playground/evaluator';

/** The outcome a pin saves: what the client observed and how it travelled. */
export interface PinnedOutcome {
  status: string;
  mtls: boolean | null;
}

/** Writes `expect` (and `expectMtls`, or removes it when the probe never connected) on probe `index` only. */
export function pinProbe(probes: ProbesSpec, index: number, outcome: PinnedOutcome): ProbesSpec {
  return editProbe(probes, index, (p) => {
    const { expectMtls: _drop, ...rest } = p;
    return outcome.mtls === null
      ? { ...rest, expect: outcome.status }
      : { ...rest, expect: outcome.status, expectMtls: outcome.mtls };
  });
}

/** Removes `expect` and `expectMtls` from probe `index` only. */
export function unpinProbe(probes: ProbesSpec, index: number): ProbesSpec {
  return editProbe(probes, index, (p) => {
    const { expect: _expect, expectMtls: _mtls, ...rest } = p;
    return rest;
  });
}

function editProbe(probes: ProbesSpec, index: number, change: (p: ProbeSpec) => ProbeSpec): ProbesSpec {
  const list = probes.probes ?? [];
  if (!list[index]) return probes;
  return { ...probes, probes: list.map((p, i) => (i === index ? change(p) : p)) };
}

export const hasExpectation = (p: Pick<ProbeSpec, 'expect' | 'expectMtls'>): boolean =>
  p.expect !== undefined || p.expectMtls !== undefined;

/**
 * Where a probe stands against its expectation:
 * - `none`: it has none; `pending`: no current result to compare with;
 * - `pinned`: it holds, and names exactly the current outcome (pinning again would change nothing);
 * - `holds`: it holds, written another way (a verdict such as `denied`, or without `expectMtls`);
 * - `broken`: the current policies break it.
 */
export type ExpectationState = 'none' | 'pending' | 'pinned' | 'holds' | 'broken';

export function expectationState(probe: ProbeSpec, result: ProbeResult | undefined): ExpectationState {
  if (!hasExpectation(probe)) return 'none';
  if (!result || result.pass === null) return 'pending';
  if (!result.pass) return 'broken';
  const same =
    probe.expect === result.status &&
    (result.mtls === null ? probe.expectMtls === undefined : probe.expectMtls === result.mtls);
  return same ? 'pinned' : 'holds';
}

const transport = (mtls: boolean): string => (mtls ? 'mTLS' : 'plain text');

/** An expectation in words: `200 over mTLS`, `403`, `plain text`. */
export function expectationText(p: Pick<ProbeSpec, 'expect' | 'expectMtls'>): string {
  const how = p.expectMtls === undefined ? '' : transport(p.expectMtls);
  if (p.expect === undefined) return how;
  return how ? `${p.expect} over ${how}` : p.expect;
}

/** An outcome in words: `200 over mTLS`, `000`. */
export const outcomeText = (o: PinnedOutcome): string =>
  o.mtls === null ? o.status : `${o.status} over ${transport(o.mtls)}`;

/**
 * What a broken expectation adds to its edge's label: `≠ 200` when the status (or verdict) differs,
 * else the transport that was expected (`≠ mTLS`). Empty unless the expectation is broken.
 */
export function brokenMark(
  expect: string | null,
  expectMtls: boolean | null,
  result: ProbeResult | undefined,
): string {
  if (!result || result.pass !== false) return '';
  if (expect !== null && expect !== result.status && expect !== result.verdict) return `≠ ${expect}`;
  return expectMtls === null ? '≠ expected' : `≠ ${transport(expectMtls)}`;
}

/** Indices of the probes whose expectation the current policies break, in document order. */
export function brokenExpectations(results: readonly ProbeResult[] | undefined): number[] {
  return (results ?? []).filter((r) => r.pass === false).map((r) => r.index);
}

/** The broken probe to select after `current` (the first one when none of them is selected). */
export function nextBroken(broken: readonly number[], current: number | null): number | undefined {
  if (!broken.length) return undefined;
  const at = current === null ? -1 : broken.indexOf(current);
  return broken[(at + 1) % broken.length];
}
