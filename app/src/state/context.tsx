/** Gives components the app's store; narrow selectors keep re-renders local. */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PlaygroundStore, Store } from './store';

const StoreContext = createContext<PlaygroundStore | null>(null);

export function StoreProvider({ store, children }: { store: PlaygroundStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function usePlaygroundStore(): PlaygroundStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePlayground must be used inside <StoreProvider>');
  return store;
}

export function usePlayground<T>(selector: (state: Store) => T): T {
  return useStore(usePlaygroundStore(), selector);
}
