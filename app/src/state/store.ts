/**
 * The core of the one application store: the workspace document (`state.workspace`) with its undo
 * history, and the session state around it (selection, view settings, the engine's latest answer).
 * Derived data (nodes, edges, markers) is computed by selectors and components, never stored.
 *
 * This module imports nothing from `features/`: features add their own slices, and the app's
 * composition root (`../store.tsx`) puts them together with the injected engines.
 */
import { create } from 'zustand';
import type { Diagnostic, Evaluation, MeshSpec, ProbesSpec, WorkspaceParts } from '@playground/evaluator';
import { DEFAULT_WORKSPACE } from './defaultWorkspace';
import { readWorkspaceText } from './workspaceText';
import type {
  EditorHighlight,
  Notice,
  PanelToggle,
  Selection,
  Theme,
  Verdicts,
  WorkspaceSnapshot,
} from './types';

export type * from './types';

export interface CoreState {
  /** The workspace document: what is autosaved, shared, exported and undone. */
  workspace: WorkspaceParts;
  past: WorkspaceSnapshot[];
  future: WorkspaceSnapshot[];
  verdicts: Verdicts | null;
  selection: Selection;
  highlight: EditorHighlight | null;
  theme: Theme;
  notice: Notice | null;
  matrixOpen: boolean;
  legendOpen: boolean;
  canvasOnly: boolean;
  /** Increments when the whole workspace is replaced (example, import, link): the canvas lays out and refits. */
  epoch: number;
  /** An evaluation has been awaited for a while: the verdicts shown are the previous ones. */
  evaluating: boolean;
  /** The watchdog stopped an evaluation; `culprit` names what was slow (null while it is being found). */
  slowEvaluation: { culprit: string | null } | null;
  /** Another tab saved the workspace: its text, until the user loads it or keeps this one. */
  tabConflict: string | null;
  /** Autosaved entries that could not be read, oldest first: raw, kept under backup keys until discarded. */
  corruptAutosaves: readonly string[];
}

/** The session's health flags, set by the worker and autosave connections (`sync.ts`, `main.tsx`). */
export type HealthState = Pick<
  CoreState,
  'evaluating' | 'slowEvaluation' | 'tabConflict' | 'corruptAutosaves'
>;

export interface CoreActions {
  setPolicies(text: string): void;
  /** A canvas or inspector change: recorded for undo. */
  editMesh(update: (mesh: MeshSpec) => MeshSpec, probes?: (probes: ProbesSpec) => ProbesSpec): void;
  editProbes(update: (probes: ProbesSpec) => ProbesSpec): void;
  /** Node positions: recorded for undo too. `replace` drops every stored position first (Tidy up). */
  setLayout(positions: Record<string, { x: number; y: number }>, replace?: boolean): void;
  replaceWorkspace(parts: WorkspaceParts): void;
  undo(): void;
  redo(): void;
  select(selection: Selection): void;
  highlightLines(ranges: EditorHighlight['ranges']): void;
  clearHighlight(): void;
  receive(evaluation: Evaluation): void;
  setTheme(theme: Theme): void;
  setNotice(notice: Notice | null): void;
  setHealth(health: Partial<HealthState>): void;
  toggle(view: PanelToggle): void;
}

export type CoreStore = CoreState & CoreActions;

/** zustand's `set`, narrowed to what a slice may write. */
export type SliceSet<T> = (partial: Partial<T> | ((state: T) => Partial<T>)) => void;

const HISTORY_LIMIT = 100;

export function defaultParts(): WorkspaceParts {
  const read = readWorkspaceText(DEFAULT_WORKSPACE);
  if (!read.ok) throw new Error(`the default workspace is invalid: ${read.message}`);
  return read.parts;
}

/** A YAML syntax problem means the text could not be read: keep the last good verdicts. */
export function isUnparsable(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some(
    (d) =>
      d.severity === 'error' &&
      ['yaml.syntax', 'yaml.duplicate-key', 'yaml.too-deep', 'workspace.too-large'].includes(d.code),
  );
}

const snapshotOf = (
  { metadata, mesh, probes, policies }: WorkspaceParts,
  withPolicies = false,
): WorkspaceSnapshot => (withPolicies ? { metadata, mesh, probes, policies } : { metadata, mesh, probes });

/** The core slice, to spread into a store creator: `...createCoreSlice(initial)(set, get)`. */
export function createCoreSlice(initial: WorkspaceParts) {
  return (set: SliceSet<CoreStore>, get: () => CoreStore): CoreStore => {
    /** Records the current snapshot for undo, then applies `next` to the workspace. */
    const commit = (next: (w: WorkspaceParts) => Partial<WorkspaceParts>, whole = false) =>
      set((s) => ({
        past: [...s.past, snapshotOf(s.workspace, whole)].slice(-HISTORY_LIMIT),
        future: [],
        workspace: { ...s.workspace, ...next(s.workspace) },
      }));
    return {
      workspace: initial,
      past: [],
      future: [],
      verdicts: null,
      selection: null,
      highlight: null,
      theme: 'light',
      notice: null,
      matrixOpen: false,
      legendOpen: false,
      canvasOnly: false,
      epoch: 0,
      evaluating: false,
      slowEvaluation: null,
      tabConflict: null,
      corruptAutosaves: [],

      // An edit moves lines, so a highlight of the old lines is dropped.
      setPolicies: (policies) =>
        set((s) =>
          s.workspace.policies === policies
            ? {}
            : { workspace: { ...s.workspace, policies }, highlight: null },
        ),
      editMesh: (update, probes) =>
        commit((w) => ({ mesh: update(w.mesh), probes: probes ? probes(w.probes) : w.probes })),
      editProbes: (update) => commit((w) => ({ probes: update(w.probes) })),
      setLayout: (positions, replace = false) =>
        commit((w) => ({
          mesh: { ...w.mesh, layout: replace ? { ...positions } : { ...w.mesh.layout, ...positions } },
        })),
      replaceWorkspace: (parts) => {
        commit(() => parts, true);
        set((s) => ({ selection: null, highlight: null, epoch: s.epoch + 1 }));
      },
      undo: () => {
        const previous = get().past.at(-1);
        if (!previous) return;
        set((s) => ({
          workspace: { ...s.workspace, ...previous },
          past: s.past.slice(0, -1),
          future: [snapshotOf(s.workspace, previous.policies !== undefined), ...s.future],
        }));
      },
      redo: () => {
        const [next, ...rest] = get().future;
        if (!next) return;
        set((s) => ({
          workspace: { ...s.workspace, ...next },
          past: [...s.past, snapshotOf(s.workspace, next.policies !== undefined)],
          future: rest,
        }));
      },
      select: (selection) =>
        set((s) =>
          JSON.stringify(s.selection) === JSON.stringify(selection) ? {} : { selection, highlight: null },
        ),
      highlightLines: (ranges) =>
        set((s) => ({ highlight: { ranges, nonce: (s.highlight?.nonce ?? 0) + 1 } })),
      clearHighlight: () => set((s) => (s.highlight ? { highlight: null } : {})),
      receive: (evaluation) =>
        set((s) => {
          const stale = isUnparsable(evaluation.diagnostics) && s.verdicts !== null;
          const keep = stale && s.verdicts ? s.verdicts : null;
          return {
            verdicts: {
              probes: keep ? keep.probes : evaluation.probes,
              workloads: keep ? keep.workloads : evaluation.workloads,
              diagnostics: evaluation.diagnostics,
              evaluation: keep ? keep.evaluation : evaluation,
              stale,
            },
          };
        }),
      setTheme: (theme) => set({ theme }),
      setNotice: (notice) => set({ notice }),
      setHealth: (health) => set(health),
      toggle: (view) => set((s) => ({ [view]: !s[view] }) as Pick<CoreState, typeof view>),
    };
  };
}

/** A store with the core slice only (tests, tools); the app composes more slices in `../store.tsx`. */
export function createCoreStore(initial: WorkspaceParts = defaultParts()) {
  return create<CoreStore>()((set, get) => createCoreSlice(initial)(set, get));
}

export type CoreStoreApi = ReturnType<typeof createCoreStore>;
