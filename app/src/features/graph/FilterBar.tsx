/**
 * The canvas filter bar (features/graph/bigMesh.ts): show one namespace, show only denied / mTLS
 * failures / changed probes, and a workload search that dims the workloads it does not match
 * (Enter centres the first match). Test ids: `filter.bar`, `filter.namespace`, `filter.verdict`,
 * `filter.search`.
 */
import { memo } from 'react';
import type { ChangeEvent, KeyboardEvent } from 'react';
import { usePlayground } from '../../store';
import { selectCanvasFilter } from './canvasViewSlice';
import type { VerdictFilter } from './bigMesh';

interface FilterBarProps {
  namespaces: readonly string[];
  /** Enter in the search box: centre the first workload that matches. */
  onFind(search: string): void;
}

export const FilterBar = memo(function FilterBar({ namespaces, onFind }: FilterBarProps) {
  const filter = usePlayground(selectCanvasFilter);
  const setFilter = usePlayground((s) => s.setCanvasFilter);
  const reviewing = usePlayground((s) => s.reviewOpen);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onFind(filter.search);
    } else if (event.key === 'Escape' && filter.search) {
      event.preventDefault();
      setFilter({ search: '' });
    }
  };
  return (
    <div className="filter-bar" role="search" aria-label="Canvas filters" data-testid="filter.bar">
      <select
        aria-label="Show namespace"
        data-testid="filter.namespace"
        value={filter.namespace}
        onChange={(e: ChangeEvent<HTMLSelectElement>) => setFilter({ namespace: e.target.value })}
      >
        <option value="">All namespaces</option>
        {namespaces.map((ns) => (
          <option key={ns} value={ns}>
            {ns}
          </option>
        ))}
      </select>
      <select
        aria-label="Show probes"
        data-testid="filter.verdict"
        value={filter.verdict}
        onChange={(e: ChangeEvent<HTMLSelectElement>) =>
          setFilter({ verdict: e.target.value as VerdictFilter })
        }
      >
        <option value="all">All probes</option>
        <option value="denied">Only denied</option>
        <option value="mtls">Only mTLS failures</option>
        <option value="changed" disabled={!reviewing}>
          Only changed (review)
        </option>
      </select>
      <input
        type="search"
        aria-label="Find a workload (Enter centres the first match)"
        placeholder="Find workload…"
        data-testid="filter.search"
        value={filter.search}
        onChange={(e) => setFilter({ search: e.target.value })}
        onKeyDown={onKeyDown}
      />
    </div>
  );
});
