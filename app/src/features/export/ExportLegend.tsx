/**
 * The legend drawn into an exported image: the workspace's title, then the rows of the app's legend
 * (toolbar/Legend) for the outcomes the canvas shows, and the broken-expectation mark when one is
 * shown. It lives in the canvas only while the image is taken (see canvasImage.ts).
 */
import type { Verdict } from '@playground/evaluator';
import { LEGEND_ROWS, SampleLine } from '../toolbar/Legend';
import { verdictLook } from '../graph/verdictStyle';
import { iconFor, VerdictIcon } from '../graph/VerdictIcon';

/** An outcome as the canvas draws it (colour, dashes, icon): verdicts that look alike share a row. */
export const lookKey = (verdict: Verdict | 'pending', mtls: boolean | null): string => {
  const look = verdictLook(verdict, mtls);
  return `${look.color}|${look.dash ?? ''}|${iconFor(verdict, mtls)}`;
};

export function ExportLegend({
  title,
  shown,
  broken,
}: {
  title: string;
  /** `lookKey`s of the edges on the canvas; every row when empty. */
  shown: ReadonlySet<string>;
  broken: boolean;
}) {
  const rows = LEGEND_ROWS.filter(([v, m]) => shown.size === 0 || shown.has(lookKey(v, m)));
  return (
    <section className="export-legend" data-testid="export-legend">
      <h2 className="export-legend__title">{title}</h2>
      <ul className="plain-list">
        {rows.map(([verdict, mtls]) => {
          const look = verdictLook(verdict, mtls);
          return (
            <li key={`${verdict}-${String(mtls)}`} className="export-legend__entry">
              <SampleLine color={look.color} dash={look.dash} />
              <span className="export-legend__icon" style={{ color: look.color }}>
                <VerdictIcon name={iconFor(verdict, mtls)} />
              </span>
              <span>{look.words}</span>
            </li>
          );
        })}
        {broken ? (
          <li className="export-legend__entry">
            <span className="export-legend__broken">≠ 200</span>
            <span>an expectation the policies break</span>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
