/** View actions the toolbar offers on top of the core store's (composed in `../../store.tsx`). */
import type { CoreStore } from '../../state/store';

export interface ViewSlice {
  /** Tidy up: forgets every stored node position, so the canvas lays the mesh out afresh (one undo step). */
  tidyLayout(): void;
}

export function createViewSlice(get: () => Pick<CoreStore, 'setLayout'>): ViewSlice {
  return { tidyLayout: () => get().setLayout({}, true) };
}
