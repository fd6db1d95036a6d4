/**
 * Putting a lesson step's workspace in place (Apply, opening a lesson, moving between steps) with as
 * small a change as possible, so the canvas keeps its layout and view when only policies change.
 */
import { splitWorkspace } from '@playground/evaluator';
import type { WorkspaceParts } from '@playground/evaluator';
import type { Notice } from '../../state/types';
import { readWorkspaceText } from '../../state/workspaceText';
import type { LessonEngine } from './engine';
import type { LoadedLesson } from './lessonSource';

/**
 * How a step's workspace is put in place:
 * - `apply`: the step's own policies (the Apply button, presenter and embed navigation);
 * - `start`: the previous step's policies, so the learner writes this step's; at step 1 the base
 *   workspace's own policies (the routing a lesson builds on, such as an ingress Gateway);
 * - `keep`: the learner's current policies (Prev/Next while learning);
 * - `resume`: `keep` when the workspace already is this step's mesh and probes (a reload), else `start`.
 */
export type StepMode = 'apply' | 'start' | 'keep' | 'resume';

/** What installing needs from the store. */
export interface InstallHost {
  workspace: WorkspaceParts;
  replaceWorkspace(parts: WorkspaceParts): void;
  setPolicies(text: string): void;
  setNotice(notice: Notice | null): void;
  /** Keeps the workspace shown in the history of recent workspaces before it is replaced. */
  setAside(): void;
  /** The lesson open now: a step of a lesson closed meanwhile is not installed. */
  lesson: LoadedLesson | null;
}

/** The mesh without its layout: dragging nodes does not make a workspace another step's. */
const meshKey = (parts: Pick<WorkspaceParts, 'mesh'>): string =>
  JSON.stringify({ ...parts.mesh, layout: undefined });
const sameStage = (a: Pick<WorkspaceParts, 'mesh' | 'probes'>, b: Pick<WorkspaceParts, 'mesh' | 'probes'>) =>
  meshKey(a) === meshKey(b) && JSON.stringify(a.probes) === JSON.stringify(b.probes);

/**
 * The policies a learner starts step `step` (1-based) from: the previous step's. Step 1 starts from
 * the base's own policies, so resources the whole lesson relies on (a Gateway and VirtualService the
 * narration says are "in the editor") are there from the first step instead of every probe 404ing.
 */
export function startPolicies(loaded: LoadedLesson, step: number): string {
  if (step > 1) return loaded.lesson.steps[step - 2]?.policies ?? '';
  return splitWorkspace(loaded.base).policies;
}

/** The policies shown at a step, by mode (see {@link StepMode}). */
function policiesFor(
  loaded: LoadedLesson,
  step: number,
  mode: StepMode,
  current: WorkspaceParts,
  target: WorkspaceParts,
): string {
  if (mode === 'apply') return target.policies;
  const keep = mode === 'keep' || (mode === 'resume' && sameStage(current, target));
  return keep ? current.policies : startPolicies(loaded, step);
}

/** Replaces the shown workspace by `target` with `policies`, touching only what differs. */
function putInPlace(host: InstallHost, target: WorkspaceParts, policies: string, aside: boolean): void {
  const current = host.workspace;
  if (sameStage(current, target)) {
    if (current.policies === policies) return;
    if (aside) host.setAside();
    host.setPolicies(policies);
    return;
  }
  if (aside) host.setAside();
  const sameMesh = meshKey(current) === meshKey(target);
  host.replaceWorkspace({ ...target, mesh: sameMesh ? current.mesh : target.mesh, policies });
}

export type Install = (loaded: LoadedLesson, step: number, mode: StepMode, aside?: boolean) => Promise<void>;

/**
 * The installer of step workspaces. Only the latest call may install its workspace (keys can be
 * pressed quickly). `aside`: the workspace shown is kept in the history first if it is about to
 * change (opening a lesson).
 */
export function createStepInstaller(get: () => InstallHost, engine: LessonEngine): Install {
  let installing = 0;
  /** The workspace of step `step` (1-based) after Apply. */
  const stepParts = async (loaded: LoadedLesson, step: number): Promise<WorkspaceParts | null> => {
    const read = readWorkspaceText(await engine.workspace(loaded.lesson, loaded.base, step - 1));
    return read.ok ? read.parts : null;
  };
  return async (loaded, step, mode, aside = false) => {
    const ticket = ++installing;
    let target: WorkspaceParts | null;
    try {
      target = await stepParts(loaded, step);
    } catch (error) {
      const message = `This step cannot be shown: ${error instanceof Error ? error.message : String(error)}`;
      get().setNotice({ kind: 'error', message });
      return;
    }
    if (!target || ticket !== installing || get().lesson !== loaded) return;
    const host = get();
    putInPlace(host, target, policiesFor(loaded, step, mode, host.workspace, target), aside);
  };
}
