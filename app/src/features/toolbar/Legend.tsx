/** The legend of DESIGN's visual language. */
import type { Verdict } from '@playground/evaluator';
import { usePlayground } from '../../store';
import { verdictLook } from '../graph/verdictStyle';
import { iconFor, VerdictIcon } from '../graph/VerdictIcon';

const ROWS: [Verdict, boolean | null][] = [
  ['allowed', true],
  ['allowed', false],
  ['denied', null],
  ['unauthenticated', null],
  ['mtls-failure', null],
  ['no-route', null],
];

export function Legend() {
  const open = usePlayground((s) => s.legendOpen);
  if (!open) return null;
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
      <ul className="plain-list">
        {ROWS.map(([verdict, mtls]) => {
          const look = verdictLook(verdict, mtls);
          return (
            <li key={`${verdict}-${String(mtls)}`}>
              <svg width="48" height="10" aria-hidden="true">
                <line
                  x1="0"
                  y1="5"
                  x2="48"
                  y2="5"
                  stroke={look.color}
                  strokeWidth="3"
                  strokeDasharray={look.dash}
                />
              </svg>{' '}
              <VerdictIcon name={iconFor(verdict, mtls)} /> {look.words}
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
