/**
 * The canvas's view state in the one store (composed in `../../store.tsx`): which namespaces the
 * user collapsed or expanded, and the filter bar. Session state only: it is neither undone nor
 * saved with the workspace, and a replaced workspace (new `epoch`) starts from the defaults again
 * (collapsed above 40 workloads, no filter).
 */
import type { CoreState } from '../../state/store';
import { NO_FILTER } from './bigMesh';
import type { CanvasFilter } from './bigMesh';

export interface CanvasViewState {
  /** Per namespace: true collapsed, false expanded; absent: the default. Valid for `collapseEpoch`. */
  collapseOverrides: Readonly<Record<string, boolean>>;
  collapseEpoch: number;
  canvasFilter: CanvasFilter;
  filterEpoch: number;
  /** The filter bar shown or not, as the user chose (null: shown above 40 workloads or while a filter is on). */
  filterBarOpen: boolean | null;
}

export interface CanvasViewActions {
  setCollapsed(namespaces: readonly string[], collapsed: boolean): void;
  setCanvasFilter(filter: Partial<CanvasFilter>): void;
  setFilterBarOpen(open: boolean): void;
}

export type CanvasViewSlice = CanvasViewState & CanvasViewActions;

type Get = () => Pick<CoreState, 'epoch'> & CanvasViewState;

export function createCanvasViewSlice(
  set: (partial: Partial<CanvasViewState>) => void,
  get: Get,
): CanvasViewSlice {
  return {
    collapseOverrides: {},
    collapseEpoch: 0,
    canvasFilter: NO_FILTER,
    filterEpoch: 0,
    filterBarOpen: null,
    setFilterBarOpen: (open) => set({ filterBarOpen: open }),
    setCollapsed: (namespaces, collapsed) => {
      const s = get();
      const current = s.collapseEpoch === s.epoch ? s.collapseOverrides : {};
      const next = { ...current };
      for (const ns of namespaces) next[ns] = collapsed;
      set({ collapseOverrides: next, collapseEpoch: s.epoch });
    },
    setCanvasFilter: (filter) => {
      const s = get();
      const current = s.filterEpoch === s.epoch ? s.canvasFilter : NO_FILTER;
      set({ canvasFilter: { ...current, ...filter }, filterEpoch: s.epoch });
    },
  };
}

const NONE: Readonly<Record<string, boolean>> = {};

/** The overrides that apply to the workspace shown (narrow selector). */
export const selectCollapseOverrides = (s: Pick<CoreState, 'epoch'> & CanvasViewState) =>
  s.collapseEpoch === s.epoch ? s.collapseOverrides : NONE;

export const selectCanvasFilter = (s: Pick<CoreState, 'epoch'> & CanvasViewState) =>
  s.filterEpoch === s.epoch ? s.canvasFilter : NO_FILTER;
