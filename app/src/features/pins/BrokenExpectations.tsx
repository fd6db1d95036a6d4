/**
 * The toolbar's count of broken expectations ("2 expectations broken"), hidden when there is none.
 * A click selects the first broken probe, the next click the next one, so the inspector shows what
 * was expected and what happens now.
 */
import { memo, useMemo } from 'react';
import { usePlayground, usePlaygroundStore } from '../../store';
import { brokenExpectations, nextBroken } from './pins';
import './pins.css';

export const BrokenExpectations = memo(function BrokenExpectations() {
  const store = usePlaygroundStore();
  const results = usePlayground((s) => s.verdicts?.probes);
  const broken = useMemo(() => brokenExpectations(results), [results]);
  if (!broken.length) return null;
  const words = `${broken.length} expectation${broken.length === 1 ? '' : 's'} broken`;
  return (
    <button
      type="button"
      className="broken-expectations"
      data-testid="toolbar.brokenExpectations"
      data-count={broken.length}
      title={`${words}: the current policies change outcomes that were pinned. Select the next one.`}
      onClick={() => {
        const { selection, select } = store.getState();
        const next = nextBroken(broken, selection?.kind === 'probe' ? selection.index : null);
        if (next !== undefined) select({ kind: 'probe', index: next });
      }}
    >
      <span className="broken-expectations__mark" aria-hidden="true">
        ≠
      </span>
      {words}
    </button>
  );
});
