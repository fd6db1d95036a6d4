// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serializeWorkspace } from '@playground/evaluator';
import { AUTOSAVE_KEY } from './persistence';
import { createCoreStore } from './store';
import { connectAutosave } from './sync';

const otherTabSaves = (text: string) =>
  window.dispatchEvent(new StorageEvent('storage', { key: AUTOSAVE_KEY, newValue: text }));

describe('autosave with two tabs', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops writing when another tab saved a different workspace, until the user chooses', () => {
    vi.useFakeTimers();
    const store = createCoreStore();
    const writes: string[] = [];
    const disconnect = connectAutosave(store, {
      save: (text) => (writes.push(text), true),
      load: () => null,
    });
    const theirs = serializeWorkspace({ ...store.getState().workspace, policies: '# theirs\n' }).text;
    otherTabSaves(theirs);
    expect(store.getState().tabConflict).toBe(theirs);
    store.getState().setPolicies('# mine\n');
    vi.advanceTimersByTime(1000);
    window.dispatchEvent(new Event('pagehide'));
    expect(writes).toEqual([]);
    // Keep mine: written at once.
    store.getState().setHealth({ tabConflict: null });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toContain('# mine');
    disconnect();
  });

  it('ignores a save of the same workspace (nothing to choose) and does not write it back', () => {
    vi.useFakeTimers();
    const store = createCoreStore();
    const writes: string[] = [];
    const disconnect = connectAutosave(store, {
      save: (text) => (writes.push(text), true),
      load: () => null,
    });
    otherTabSaves(serializeWorkspace(store.getState().workspace).text);
    expect(store.getState().tabConflict).toBeNull();
    vi.advanceTimersByTime(1000);
    expect(writes).toEqual([]);
    disconnect();
  });
});
