/**
 * Dispatches the learning links: at start (the address as the page was opened, captured before a
 * share link's payload is stripped from it) and on every hashchange. Ids are checked against the
 * known examples and lessons by the store's actions, which show a notice for unknown ones. While a
 * lesson is open its id and step are kept in the address (replaceState), and presenter mode in the
 * query, so a reload comes back at the same step.
 */
import { useEffect } from 'react';
import type { StoreApi } from 'zustand';
import { isLessonHash, lessonHash, parseLearnRoute, withFlag } from './route';
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
  if (target?.kind === 'example') {
    void s.openExample(target.id).then(() => {
      // Like a share link: a reload must not replace the work done since with the example again.
      if (!store.getState().embedded && location.hash.includes('example='))
        history.replaceState(null, '', `${location.pathname}${location.search}`);
    });
  } else if (target?.kind === 'lesson') {
    void s.openLesson(target.id, target.step, s.embedded || s.presenting ? 'apply' : 'resume');
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
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.embedded) return;
      if (state.lessonId !== previous.lessonId || state.lessonStep !== previous.lessonStep) {
        if (state.lessonId && state.lessonStep > 0) {
          const hash = lessonHash(state.lessonId, state.lessonStep);
          if (location.hash !== hash)
            history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
        } else if (isLessonHash(location.hash))
          history.replaceState(null, '', `${location.pathname}${location.search}`);
      }
      if (state.presenting !== previous.presenting)
        history.replaceState(null, '', withFlag(location.href, 'present', state.presenting));
    });
    return () => {
      window.removeEventListener('hashchange', onHash);
      unsubscribe();
    };
  }, [store]);
}
