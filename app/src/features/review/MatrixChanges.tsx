/**
 * The matrix with "changes only" on: only the cells whose outcome changed since the baseline, each
 * as `before → after` (the old one struck through), in a grid of the clients and services involved.
 *
 * Test hooks: `matrix.changes` (`data-count`), one `matrix.change` per changed cell with `data-from`,
 * `data-to`, `data-port`, `data-before`, `data-after` (statuses; empty when the cell is new or gone).
 */
import { useMemo } from 'react';
import type { MatrixEntry } from '@playground/evaluator';
import { usePlayground } from '../../store';
import { iconFor, VerdictIcon } from '../graph/VerdictIcon';
import { matrixChanges } from './matrixChanges';
import './review.css';

export function MatrixChanges({ entries }: { entries: MatrixEntry[] }) {
  const baseline = usePlayground((s) =>
    s.baselineMatrix && s.baselineMatrix.of === s.reviewBaseline ? s.baselineMatrix.entries : null,
  );
  const changes = useMemo(() => (baseline ? matrixChanges(baseline, entries) : null), [baseline, entries]);
  if (!changes) return <p>Evaluating the baseline…</p>;
  if (changes.length === 0)
    return (
      <p data-testid="matrix.changes" data-count="0">
        No connection of the matrix changed since the baseline.
      </p>
    );
  const clients = [...new Set(changes.map((c) => c.from))];
  const servers = [...new Set(changes.map((c) => `${c.to}:${c.port}`))];
  const cell = new Map(changes.map((c) => [`${c.from}|${c.to}:${c.port}`, c]));
  return (
    <table className="matrix-grid matrix-changes" data-testid="matrix.changes" data-count={changes.length}>
      <caption className="sr-only">Changed connections: before → after</caption>
      <thead>
        <tr>
          <th scope="col">client \ server</th>
          {servers.map((s) => (
            <th key={s} scope="col">
              {s}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {clients.map((c) => (
          <tr key={c}>
            <th scope="row">{c}</th>
            {servers.map((s) => {
              const change = cell.get(`${c}|${s}`);
              if (!change) return <td key={s} className="cell" aria-label="unchanged" />;
              const { before, after } = change;
              return (
                <td
                  key={s}
                  className={`cell cell--changed verdict-${after?.verdict ?? 'pending'}`}
                  data-testid="matrix.change"
                  data-from={change.from}
                  data-to={change.to}
                  data-port={String(change.port)}
                  data-before={before?.status ?? ''}
                  data-after={after?.status ?? ''}
                >
                  <span className="was">
                    {before ? (
                      <>
                        <VerdictIcon name={iconFor(before.verdict, before.mtls)} /> {before.status}
                      </>
                    ) : (
                      'none'
                    )}
                  </span>
                  {' → '}
                  {after ? (
                    <>
                      <VerdictIcon name={iconFor(after.verdict, after.mtls)} /> {after.status}
                    </>
                  ) : (
                    'gone'
                  )}
                  <span className="sr-only">
                    {' '}
                    was {before?.verdict ?? 'absent'}, now {after?.verdict ?? 'absent'}
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
