/**
 * The one application store. It holds the workspace as the user edits it (metadata, Mesh spec,
 * the Istio resources text shown in Monaco, Probes spec), the latest answer of the evaluation
 * worker, the selection and view settings. Derived data (nodes, edges, markers) is computed by
 * selectors and components, never stored.
 */
import { create } from 'zustand';
import type {
  Diagnostic,
  Evaluation,
  MeshSpec,
  ProbeResult,
  ProbeSpec,
  ProbesSpec,
  WorkloadFacts,
  WorkloadSpec,
  WorkspaceMetadata,
  WorkspaceParts,
} from '@playground/evaluator';
import { DEFAULT_WORKSPACE } from './defaultWorkspace';
import { readWorkspaceText } from './workspaceText';
import { createLessonSlice, type LessonSlice } from './lessonSlice';

export type Selection =
  | { kind: 'workload'; key: string }
  | { kind: 'namespace'; name: string }
  | { kind: 'probe'; index: number }
  | { kind: 'external' }
  | null;

/** Lines to reveal and highlight in the editor (Monaco lines, 1-based). */
export interface EditorHighlight {
  ranges: { startLine: number; endLine: number; startColumn?: number; endColumn?: number }[];
  /** Changes on every request so the same range can be revealed twice. */
  nonce: number;
}

export interface Notice {
  kind: 'error' | 'info';
  message: string;
  /** Workspace text the user had before a share link replaced it: one click restores it. */
  previous?: string;
}

/** The worker's latest answer plus what the UI keeps while the YAML does not parse. */
export interface Verdicts {
  probes: ProbeResult[];
  workloads: WorkloadFacts[];
  diagnostics: Diagnostic[];
  evaluation: Evaluation;
  policiesLine: number;
  /** The YAML did not parse: the probes/workloads shown are the last good ones. */
  stale: boolean;
}

interface Snapshot {
  metadata: WorkspaceMetadata;
  mesh: MeshSpec;
  probes: ProbesSpec;
}

export type Theme = 'light' | 'dark';

export interface PlaygroundState extends WorkspaceParts {
  verdicts: Verdicts | null;
  /** Latest serialised workspace text (from the worker), used by autosave. */
  savedText: string | null;
  selection: Selection;
  highlight: EditorHighlight | null;
  past: Snapshot[];
  future: Snapshot[];
  theme: Theme;
  notice: Notice | null;
  matrixOpen: boolean;
  legendOpen: boolean;
  canvasOnly: boolean;
  /** Increments when the whole workspace is replaced (example, import, link): the canvas refits. */
  epoch: number;
}

export interface PlaygroundActions {
  setPolicies(text: string): void;
  /** A canvas or inspector change: recorded for undo. */
  editMesh(update: (mesh: MeshSpec) => MeshSpec, probes?: (probes: ProbesSpec) => ProbesSpec): void;
  editProbes(update: (probes: ProbesSpec) => ProbesSpec): void;
  /** Node positions: recorded for undo too, but without re-evaluating anything else. */
  setLayout(positions: Record<string, { x: number; y: number }>): void;
  replaceWorkspace(parts: WorkspaceParts): void;
  undo(): void;
  redo(): void;
  select(selection: Selection): void;
  highlightLines(ranges: EditorHighlight['ranges']): void;
  receive(evaluation: Evaluation, policiesLine: number, text: string): void;
  setTheme(theme: Theme): void;
  setNotice(notice: Notice | null): void;
  toggle(view: 'matrixOpen' | 'legendOpen' | 'canvasOnly'): void;
}

export type Store = PlaygroundState & PlaygroundActions & LessonSlice;

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
      (d.code === 'yaml.syntax' || d.code === 'yaml.duplicate-key' || d.code === 'workspace.too-large'),
  );
}

export function createPlaygroundStore(initial: WorkspaceParts = defaultParts()) {
  return create<Store>()((set, get) => {
    const snapshot = (): Snapshot => ({ metadata: get().metadata, mesh: get().mesh, probes: get().probes });
    const record = () => set((s) => ({ past: [...s.past, snapshot()].slice(-HISTORY_LIMIT), future: [] }));
    return {
      ...createLessonSlice(set, get),
      ...initial,
      verdicts: null,
      savedText: null,
      selection: null,
      highlight: null,
      past: [],
      future: [],
      theme: 'light',
      notice: null,
      matrixOpen: false,
      legendOpen: false,
      canvasOnly: false,
      epoch: 0,

      setPolicies: (policies) => set({ policies }),
      editMesh: (update, probes) => {
        record();
        set((s) => ({ mesh: update(s.mesh), probes: probes ? probes(s.probes) : s.probes }));
      },
      editProbes: (update) => {
        record();
        set((s) => ({ probes: update(s.probes) }));
      },
      setLayout: (positions) => {
        record();
        set((s) => ({ mesh: { ...s.mesh, layout: { ...s.mesh.layout, ...positions } } }));
      },
      replaceWorkspace: (parts) => {
        record();
        set((s) => ({ ...parts, selection: null, highlight: null, epoch: s.epoch + 1 }));
      },
      undo: () => {
        const { past } = get();
        const previous = past[past.length - 1];
        if (!previous) return;
        set((s) => ({ ...previous, past: s.past.slice(0, -1), future: [snapshot(), ...s.future] }));
      },
      redo: () => {
        const [next, ...rest] = get().future;
        if (!next) return;
        set((s) => ({ ...next, past: [...s.past, snapshot()], future: rest }));
      },
      select: (selection) => set({ selection }),
      highlightLines: (ranges) =>
        set((s) => ({ highlight: { ranges, nonce: (s.highlight?.nonce ?? 0) + 1 } })),
      receive: (evaluation, policiesLine, text) =>
        set((s) => {
          const stale = isUnparsable(evaluation.diagnostics) && s.verdicts !== null;
          const keep = stale && s.verdicts ? s.verdicts : null;
          return {
            savedText: text,
            verdicts: {
              probes: keep ? keep.probes : evaluation.probes,
              workloads: keep ? keep.workloads : evaluation.workloads,
              diagnostics: evaluation.diagnostics,
              evaluation: keep ? keep.evaluation : evaluation,
              policiesLine,
              stale,
            },
          };
        }),
      setTheme: (theme) => set({ theme }),
      setNotice: (notice) => set({ notice }),
      toggle: (view) => set((s) => ({ [view]: !s[view] }) as Pick<PlaygroundState, typeof view>),
    };
  });
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;

// --- pure helpers used by actions in components ---------------------------------------------

export const workloadKey = (w: Pick<WorkloadSpec, 'name' | 'namespace'>): string =>
  `${w.namespace}/${w.name}`;

/** Renames a workload everywhere it is named: the mesh, the layout and every probe. */
export function renameWorkload(
  mesh: MeshSpec,
  probes: ProbesSpec,
  from: string,
  to: { name: string; namespace: string },
) {
  const next = `${to.namespace}/${to.name}`;
  const workloads = (mesh.workloads ?? []).map((w) =>
    workloadKey(w) === from ? { ...w, name: to.name, namespace: to.namespace } : w,
  );
  const layout = { ...mesh.layout };
  if (layout[from]) {
    layout[next] = layout[from];
    delete layout[from];
  }
  const rename = (p: ProbeSpec): ProbeSpec => ({
    ...p,
    from: p.from === from ? next : p.from,
    to: p.to === from ? next : p.to,
  });
  return {
    mesh: { ...mesh, workloads, layout },
    probes: { ...probes, probes: (probes.probes ?? []).map(rename) },
  };
}
