/**
 * The inspector's pin controls for one probe: "Expect this outcome" writes the current outcome into
 * the Probes document (one undo step, like every inspector edit), and an expectation that is there
 * is shown with whether it holds, with "Remove expectation".
 */
import { memo } from 'react';
import type { ProbeResult, ProbeSpec } from '@playground/evaluator';
import { usePlayground } from '../../store';
import { expectationState, expectationText, outcomeText, pinProbe, unpinProbe } from './pins';
import './pins.css';

export const PinControls = memo(function PinControls({
  index,
  probe,
  result,
  stale,
}: {
  index: number;
  probe: ProbeSpec;
  result: ProbeResult | undefined;
  stale: boolean;
}) {
  const editProbes = usePlayground((s) => s.editProbes);
  const state = expectationState(probe, result);
  const expected = expectationText(probe);
  // A stale or missing result is no outcome to save.
  const outcome = result && !stale ? { status: result.status, mtls: result.mtls } : null;
  const pinned = state === 'pinned';
  return (
    <div className="pin" data-testid="inspector.probe.expectation" data-state={state}>
      {state === 'none' ? null : (
        <p className={`pin__status pin__status--${state}`} role="status">
          {state === 'broken' ? (
            <>
              <span className="pin__mark" aria-hidden="true">
                ≠
              </span>{' '}
              Expected <strong>{expected}</strong>
              {outcome ? (
                <>
                  , now <strong>{outcomeText(outcome)}</strong>
                </>
              ) : null}
              : the current policies break this expectation.
            </>
          ) : state === 'pending' ? (
            <>
              Expected <strong>{expected}</strong>
            </>
          ) : (
            <>
              <span className="pin__mark" aria-hidden="true">
                ✓
              </span>{' '}
              Expected <strong>{expected}</strong>: it holds.
            </>
          )}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          data-testid="inspector.probe.pin"
          data-pinned={String(pinned)}
          disabled={!outcome || pinned}
          title={
            outcome
              ? `Save ${outcomeText(outcome)} as this probe's expected outcome (expect in the Probes document)`
              : undefined
          }
          onClick={() => {
            if (outcome) editProbes((ps) => pinProbe(ps, index, outcome));
          }}
        >
          {pinned ? 'Expected ✓' : state === 'broken' ? 'Expect this outcome instead' : 'Expect this outcome'}
        </button>
        {state === 'none' ? null : (
          <button
            type="button"
            className="link"
            data-testid="inspector.probe.unpin"
            onClick={() => editProbes((ps) => unpinProbe(ps, index))}
          >
            Remove expectation
          </button>
        )}
      </div>
    </div>
  );
});
