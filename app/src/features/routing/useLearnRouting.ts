/**
 * Dispatches the learning links: at start (the address as the page was opened, captured before a
 * share link's payload is stripped from it) and on every hashchange. Ids are checked against the
 * known examples and lessons by the store's actions, which show a notice for unknown ones. The
 * address then follows what is shown (share/addressSync.ts), and presenter mode is kept in the
 * query, so a reload comes back to the same thing.
 */
import { useEffect } from 'react';
import type { StoreApi } from 'zustand';
import { parseLearnRoute, withFlag } from './route';
import { connectAddress, syncAddressSoon } from '../share/addressSync';
import { usePlaygroundStore } from '../../store';
import type { Store as LearnStore } from '../../store';

/** The address the page was opened with (module evaluation happens before main.tsx runs). */
export const START_LOCATION =
  typeof window === 'undefined'
    ? null
    : { search: window.location.search, hash: window.location.hash, href: window.location.href };

const started = new WeakSet<object>();

export function dispatchRoute(store: StoreApi<LearnStore>, search: string, hash: string): void {
  const route = parseLearnRoute(search, hash);
  const s = store.getState();
  const target = route.target;
  // Once opened (or refused), the address is brought back to what is shown.
  if (target?.kind === 'example') {
    void s.openExample(target.id).then(() => syncAddressSoon(store));
  } else if (target?.kind === 'lesson') {
    void s
      .openLesson(target.id, target.step, s.embedded || s.presenting ? 'apply' : 'resume')
      .then(() => syncAddressSoon(store));
  }
}

export function useLearnRouting(): void {
  const store = usePlaygroundStore();
  useEffect(() => {
    if (!started.has(store) && START_LOCATION) {
      started.add(store);
      dispatchRoute(store, START_LOCATION.search, START_LOCATION.hash);
    }
    const onHash = () => dispatchRoute(store, location.search, location.hash);
    window.addEventListener('hashchange', onHash);
    // A page opened on a link is brought in step once the link is handled; a bare one right away.
    const disconnect = connectAddress(store, { initial: !START_LOCATION?.hash });
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.embedded) return;
      if (state.presenting !== previous.presenting)
        history.replaceState(history.state, '', withFlag(location.href, 'present', state.presenting));
    });
    return () => {
      window.removeEventListener('hashchange', onHash);
      unsubscribe();
      disconnect();
    };
  }, [store]);
}
