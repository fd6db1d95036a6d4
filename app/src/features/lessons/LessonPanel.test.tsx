// @vitest-environment happy-dom
/**
 * The lesson panel and the gallery rendered on the app's store with the learning slice merged in,
 * as the integration does. Outcomes: seeds/002 (mesh-wide STRICT cuts sleep.legacy off from the
 * sidecar servers, 000).
 */
import { act } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppStore, StoreProvider } from '../../store';
import type { AppStore } from '../../store';
import { inProcessEngine } from './inProcessEngine';
import { GalleryDialog } from '../gallery/GalleryDialog';
import { LessonPanel } from './LessonPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The app's own store, composed as main.tsx does, with the in-process lesson engine. */
const learnStore = (): AppStore => createAppStore({ lessonEngine: inProcessEngine });

let host: HTMLElement;
let root: Root;
beforeEach(() => {
  window.localStorage.clear();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const render = (store: AppStore, ui: ReactNode) =>
  act(() => root.render(<StoreProvider store={store}>{ui}</StoreProvider>));
const q = (testId: string) => host.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const click = async (testId: string) => {
  await act(async () => {
    q(testId)?.click();
  });
};
/** Waits for async store work (lesson loading, a Check) to settle. */
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
  expect(ok()).toBe(true);
};

describe('LessonPanel', () => {
  it('carries the lesson and step hooks, and shows a failing then passing Check', async () => {
    const store = learnStore();
    render(store, <LessonPanel />);
    expect(q('lesson-panel')).toBeNull();
    await act(() => store.getState().openLesson('mtls-strict', 2));
    const panel = q('lesson-panel');
    expect(panel?.getAttribute('data-lesson')).toBe('mtls-strict');
    expect(panel?.getAttribute('data-step')).toBe('2');
    expect(q('lesson.stepTitle')?.textContent).toBe('Step 2 of 6: STRICT for the whole mesh');
    expect(panel?.querySelector('.lesson-narration strong')?.textContent).toBe('root namespace');

    await click('lesson.checkButton');
    await until(() => q('lesson-check') !== null);
    expect(q('lesson-check')?.getAttribute('data-result')).toBe('fail');
    const differing = [...host.querySelectorAll('[data-testid="lesson.difference"]')].map((li) =>
      li.getAttribute('data-probe'),
    );
    expect(differing.sort()).toEqual(['sleep.legacy to httpbin.bar', 'sleep.legacy to httpbin.foo']);
    expect(q('lesson-check')?.textContent).toMatch(/expected 000, got 200/);

    await click('lesson.apply');
    expect(q('lesson-check')).toBeNull();
    await until(() => /mode: STRICT/.test(store.getState().workspace.policies));
    await click('lesson.checkButton');
    await until(() => q('lesson-check')?.getAttribute('data-result') === 'pass');
    expect(host.querySelectorAll('[data-testid="lesson.dot"][data-passed="true"]')).toHaveLength(1);

    await click('lesson.next');
    expect(q('lesson-panel')?.getAttribute('data-step')).toBe('3');
    await click('lesson.prev');
    expect(q('lesson-panel')?.getAttribute('data-step')).toBe('2');
    await click('lesson.close');
    expect(q('lesson-panel')).toBeNull();
  });
});

describe('GalleryDialog', () => {
  it('searches, filters by tag and opens an example in one click', async () => {
    const store = learnStore();
    store.getState().setLearnDialog('gallery');
    render(store, <GalleryDialog />);
    await until(() => host.querySelectorAll('[data-testid="gallery.item"]').length > 30);
    const total = host.querySelectorAll('[data-testid="gallery.item"]').length;

    const search = q('gallery.search') as HTMLInputElement;
    await act(async () => {
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      set?.call(search, 'port');
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const found = [...host.querySelectorAll('[data-testid="gallery.item"]')].map((b) =>
      b.getAttribute('data-example'),
    );
    expect(found).toContain('authn-port-level');
    expect(found.length).toBeLessThan(total);

    await act(async () => {
      host.querySelector<HTMLElement>('[data-testid="gallery.tag"][data-tag="JWT"]')?.click();
    });
    expect(host.querySelector('[data-tag="JWT"]')?.getAttribute('aria-pressed')).toBe('true');

    await act(async () => {
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      set?.call(search, '');
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const jwt = [...host.querySelectorAll('[data-testid="gallery.item"]')];
    expect(jwt.length).toBeGreaterThan(0);
    expect(jwt.every((b) => b.textContent?.includes('JWT'))).toBe(true);

    await act(async () => {
      host.querySelector<HTMLElement>('[data-example="jwt-ingress-require-token"]')?.click();
    });
    await until(() => store.getState().workspace.metadata.name === 'jwt-ingress-require-token');
    expect(store.getState().learnDialog).toBeNull();
    expect(store.getState().workspace.policies).toMatch(/notRequestPrincipals/);
  });
});
