/** The legend of the visual language of docs/workspace-format.md, drawn from the same looks as the canvas's edges. */
import type { Verdict } from '@playground/evaluator';
import { usePlayground } from '../../store';
import { verdictLook } from '../graph/verdictStyle';
import { iconFor, VerdictIcon } from '../graph/VerdictIcon';

export const LEGEND_ROWS: [Verdict, boolean | null][] = [
  ['allowed', true],
  ['allowed', false],
  ['denied', null],
  ['unauthenticated', null],
  ['mtls-failure', null],
  ['no-route', null],
];

/** A stretch of edge: the canvas's 2px line, long enough to show a whole dash pattern. */
export function SampleLine({ color, dash }: { color: string; dash: string | undefined }) {
  return (
    <svg className="legend__line" width="44" height="10" aria-hidden="true">
      <line
        x1="1"
        y1="5"
        x2="43"
        y2="5"
        stroke={color}
        strokeWidth="2"
        strokeDasharray={dash}
        data-testid="legend.line"
      />
    </svg>
  );
}

export function Legend() {
  const open = usePlayground((s) => s.legendOpen);
  if (!open) return null;
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
      <ul className="plain-list">
        {LEGEND_ROWS.map(([verdict, mtls]) => {
          const look = verdictLook(verdict, mtls);
          return (
            <li
              key={`${verdict}-${String(mtls)}`}
              className="legend__entry"
              data-testid="legend.entry"
              data-verdict={verdict}
              data-mtls={mtls === null ? undefined : String(mtls)}
            >
              <SampleLine color={look.color} dash={look.dash} />
              <VerdictIcon name={iconFor(verdict, mtls)} />
              <span>{look.words}</span>
            </li>
          );
        })}
      </ul>
      <p className="muted">
        Workloads show their proxy (sidecar, none, gateway) and effective PeerAuthentication mode with its
        origin.
      </p>
    </section>
  );
}
