/**
 * The composition root of the application state: one zustand store made of the core slice
 * (`state/`, the workspace document and the session) and the feature slices, with their engines
 * injected here. Components reach it through `usePlayground(selector)` with narrow selectors, so a
 * change re-renders only what reads it.
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { create, useStore } from 'zustand';
import type { WorkspaceParts } from '@playground/evaluator';
import { createCoreSlice, defaultParts } from './state/store';
import type { CoreStore } from './state/store';
import { createLessonSlice } from './features/lessons/lessonSlice';
import type { LessonEngine, LessonSlice } from './features/lessons/lessonSlice';
import { createRecentSlice } from './features/recent/recentSlice';
import type { RecentSlice } from './features/recent/recentSlice';
import { createViewSlice } from './features/toolbar/viewSlice';
import type { ViewSlice } from './features/toolbar/viewSlice';
import { createReviewSlice } from './features/review/reviewSlice';
import type { ReviewSlice } from './features/review/reviewSlice';
import { createImportSlice } from './features/import/importSlice';
import type { ImportSlice } from './features/import/importSlice';
import { createCanvasViewSlice } from './features/graph/canvasViewSlice';
import type { CanvasViewSlice } from './features/graph/canvasViewSlice';

export type Store = CoreStore &
  LessonSlice &
  RecentSlice &
  ViewSlice &
  ReviewSlice &
  ImportSlice &
  CanvasViewSlice;

export interface StoreDependencies {
  /** Runs lesson Apply/Check (a Web Worker in the app, the in-process engine in tests). */
  lessonEngine: LessonEngine;
  initial?: WorkspaceParts;
}

export function createAppStore({ lessonEngine, initial = defaultParts() }: StoreDependencies) {
  return create<Store>()((set, get) => ({
    ...createCoreSlice(initial)(set, get),
    ...createLessonSlice(set, get, lessonEngine),
    ...createRecentSlice(set, get),
    ...createViewSlice(get),
    ...createReviewSlice(set, get, initial),
    ...createImportSlice(set),
    ...createCanvasViewSlice(set, get),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function usePlaygroundStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePlayground must be used inside <StoreProvider>');
  return store;
}

export function usePlayground<T>(selector: (state: Store) => T): T {
  return useStore(usePlaygroundStore(), selector);
}
