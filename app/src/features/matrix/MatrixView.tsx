/**
 * The reachability matrix: every client × every Service port with the default request, as a grid
 * (the table equivalent of the graph) and as text printed like the seeds; copy as text.
 */
import { useEffect, useMemo, useState } from 'react';
import type { MatrixEntry } from '@playground/evaluator';
import { usePlayground, usePlaygroundStore } from '../../store';
import { evaluationClient } from '../../worker/client';
import { verdictLook } from '../graph/verdictStyle';
import { iconFor, VerdictIcon } from '../graph/VerdictIcon';
import { MatrixChanges } from '../review/MatrixChanges';

export function MatrixView() {
  const store = usePlaygroundStore();
  const toggle = usePlayground((s) => s.toggle);
  const mesh = usePlayground((s) => s.workspace.mesh);
  const policies = usePlayground((s) => s.workspace.policies);
  const probes = usePlayground((s) => s.workspace.probes);
  const [entries, setEntries] = useState<MatrixEntry[] | null>(null);
  const [copied, setCopied] = useState(false);
  // Review mode: "changes only" shows the cells that differ from the baseline's (features/review).
  const reviewing = usePlayground((s) => s.reviewOpen);
  const [changesOnly, setChangesOnly] = useState(false);

  useEffect(() => {
    const client = evaluationClient();
    const off = client.on('matrix', (answer) => setEntries(answer.entries));
    client.matrix(store.getState().workspace);
    return off;
    // The workspace parts are read from the store; they are listed so every edit re-runs the matrix.
  }, [store, mesh, policies, probes]);

  const grid = useMemo(() => {
    const clients = [...new Set((entries ?? []).map((e) => e.from))];
    const servers = [...new Set((entries ?? []).map((e) => `${e.to}:${e.port}`))];
    const cell = new Map((entries ?? []).map((e) => [`${e.from}|${e.to}:${e.port}`, e]));
    return { clients, servers, cell };
  }, [entries]);
  const text = (entries ?? []).map((e) => e.line).join('\n');

  return (
    <div className="dialog-backdrop" role="presentation">
      <div
        className="dialog matrix"
        role="dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') toggle('matrixOpen');
        }}
        aria-modal="true"
        aria-labelledby="matrix-title"
        data-testid="matrix"
      >
        <header>
          <h2 id="matrix-title">Reachability matrix</h2>
          <button
            type="button"
            onClick={() => toggle('matrixOpen')}
            data-testid="matrix.close"
            autoFocus
            aria-label="Close the matrix"
          >
            ✕
          </button>
        </header>
        <p className="muted">Every client × every Service port, with GET /ip and the default Host.</p>
        {reviewing ? (
          <label className="matrix-changes-toggle">
            <input
              type="checkbox"
              data-testid="matrix.changesOnly"
              checked={changesOnly}
              onChange={(e) => setChangesOnly(e.target.checked)}
            />{' '}
            Changes only (since the review baseline)
          </label>
        ) : null}
        {entries === null ? (
          <p>Evaluating…</p>
        ) : reviewing && changesOnly ? (
          <MatrixChanges entries={entries} />
        ) : (
          <>
            <table className="matrix-grid" data-testid="matrix.grid">
              <caption className="sr-only">
                Status of each client (rows) calling each service port (columns)
              </caption>
              <thead>
                <tr>
                  <th scope="col">client \ server</th>
                  {grid.servers.map((s) => (
                    <th key={s} scope="col">
                      {s}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.clients.map((c) => (
                  <tr key={c}>
                    <th scope="row">{c}</th>
                    {grid.servers.map((s) => {
                      const e = grid.cell.get(`${c}|${s}`);
                      const look = e ? verdictLook(e.verdict, e.mtls) : null;
                      return (
                        <td
                          key={s}
                          className={e ? `cell verdict-${e.verdict}` : 'cell'}
                          data-verdict={e?.verdict}
                          title={look?.words}
                        >
                          {e ? (
                            <>
                              <VerdictIcon name={iconFor(e.verdict, e.mtls)} /> {e.status}
                              <span className="sr-only"> {look?.words}</span>
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            <pre className="matrix-text" data-testid="matrix.text">
              {text}
            </pre>
            <button
              type="button"
              data-testid="matrix.copy"
              onClick={() => {
                void navigator.clipboard?.writeText(text).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy as text'}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
