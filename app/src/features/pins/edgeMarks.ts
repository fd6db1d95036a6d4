/**
 * What a saved expectation adds to a probe edge: test hooks (`data-expect`, `data-expect-mtls`,
 * `data-pass`), its accessible description, and the `≠ 200` mark of a broken one's label.
 */
import type { ProbeEdgeModel } from '../graph/model';
import { brokenMark, expectationText, hasExpectation } from './pins';

type EdgeExpectation = Pick<ProbeEdgeModel, 'expect' | 'expectMtls' | 'result'>;

/** Additive test hooks: empty strings where the probe has no expectation (or no result yet). */
export function expectationAttributes(e: EdgeExpectation): Record<string, string> {
  const pass = e.result?.pass;
  return {
    'data-expect': e.expect ?? '',
    'data-expect-mtls': e.expectMtls === null ? '' : String(e.expectMtls),
    'data-pass': pass === null || pass === undefined ? '' : String(pass),
  };
}

/** The edge's accessible description: what it is expected to do, and whether it does. */
export function expectationAria(e: EdgeExpectation): string {
  const spec = { expect: e.expect ?? undefined, expectMtls: e.expectMtls ?? undefined };
  if (!hasExpectation(spec) || !e.result || e.result.pass === null) return '';
  return `expected ${expectationText(spec)}: ${e.result.pass ? 'holds' : 'broken'}`;
}

/** The label's mark for a broken expectation (`≠ 200`), '' otherwise. */
export const edgeBrokenMark = (e: EdgeExpectation): string => brokenMark(e.expect, e.expectMtls, e.result);

export const isBroken = (e: EdgeExpectation): boolean => e.result?.pass === false;
