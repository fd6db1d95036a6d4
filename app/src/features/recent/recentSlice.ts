/**
 * The history of recent workspaces in the store: whatever replaces the workspace (a share link, an
 * example, a lesson, an import, a restore) calls `setAside()` first, so the work shown is kept in
 * the persisted history (`state/recent.ts`) and one click brings it back, after a reload too. An
 * embed never writes: it shows someone else's link inside another page and must not touch the
 * playground's storage.
 */
import { serializeWorkspace } from '@playground/evaluator';
import type { WorkspaceParts } from '@playground/evaluator';
import type { Notice } from '../../state/types';
import { loadRecent, saveRecent } from '../../state/recent';
import type { RecentEntry } from '../../state/recent';
import { readWorkspaceText } from '../../state/workspaceText';

export type { RecentEntry };

export interface RecentSliceState {
  /** The history as last read or written, newest first. */
  recent: RecentEntry[];
  recentOpen: boolean;
}

export interface RecentSliceActions {
  /** Keeps the workspace shown in the history; call it before replacing the workspace. */
  setAside(): void;
  /** Shows `text` instead of the current workspace, which is set aside first. False when unreadable. */
  restoreWorkspace(text: string): boolean;
  /** Reads the history again (another tab may have added to it). */
  refreshRecent(): void;
  setRecentOpen(open: boolean): void;
}

export type RecentSlice = RecentSliceState & RecentSliceActions;

/** What the slice needs from the rest of the store. */
export interface RecentHost {
  workspace: WorkspaceParts;
  embedded: boolean;
  replaceWorkspace(parts: WorkspaceParts): void;
  setNotice(notice: Notice | null): void;
  closeLesson(): void;
}

export const workspaceTitle = (parts: WorkspaceParts): string =>
  parts.metadata.title ?? parts.metadata.name ?? 'Untitled workspace';

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function workspaceSummary(parts: WorkspaceParts): string {
  const policies = parts.policies.split(/^kind:/m).length - 1;
  return [
    count(parts.mesh.namespaces?.length ?? 0, 'namespace'),
    count(parts.mesh.workloads?.length ?? 0, 'workload'),
    count(policies, 'resource'),
    count(parts.probes.probes?.length ?? 0, 'probe'),
  ].join(' · ');
}

export function createRecentSlice(
  set: (partial: Partial<RecentSliceState>) => void,
  get: () => RecentHost & RecentSlice,
): RecentSlice {
  return {
    recent: loadRecent(),
    recentOpen: false,

    setAside: () => {
      const { workspace, embedded } = get();
      if (embedded) return;
      const saved = saveRecent({
        text: serializeWorkspace(workspace).text,
        title: workspaceTitle(workspace),
        summary: workspaceSummary(workspace),
      });
      if (saved) set({ recent: saved });
    },

    restoreWorkspace: (text) => {
      const read = readWorkspaceText(text);
      if (!read.ok) {
        get().setNotice({ kind: 'error', message: `This workspace cannot be restored: ${read.message}.` });
        return false;
      }
      get().setAside();
      get().closeLesson();
      get().replaceWorkspace(read.parts);
      get().setNotice({ kind: 'info', message: `“${workspaceTitle(read.parts)}” is back.` });
      set({ recentOpen: false });
      return true;
    },

    refreshRecent: () => set({ recent: loadRecent() }),
    setRecentOpen: (recentOpen) => set(recentOpen ? { recentOpen, recent: loadRecent() } : { recentOpen }),
  };
}
