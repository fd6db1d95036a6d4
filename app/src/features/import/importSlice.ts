/**
 * The import dialog's state in the one store (composed in `../../store.tsx`): open or not, and the
 * files dropped onto the page that opened it (read by the dialog, never persisted).
 */
export interface ImportSliceState {
  importOpen: boolean;
  importDropped: readonly File[];
}

export interface ImportSliceActions {
  openImport(files?: readonly File[]): void;
  closeImport(): void;
}

export type ImportSlice = ImportSliceState & ImportSliceActions;

export function createImportSlice(set: (partial: Partial<ImportSliceState>) => void): ImportSlice {
  return {
    importOpen: false,
    importDropped: [],
    openImport: (files = []) => set({ importOpen: true, importDropped: files }),
    closeImport: () => set({ importOpen: false, importDropped: [] }),
  };
}
