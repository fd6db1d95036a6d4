// @vitest-environment happy-dom
/** persistence.ts: unreadable autosaves are kept, every one of them, until the user discards them. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  loadCorruptBackups,
  MAX_CORRUPT_BACKUPS,
  removeCorruptBackups,
  saveCorruptBackup,
} from './persistence';

describe('corrupt autosave backups', () => {
  beforeEach(() => window.localStorage.clear());

  it('keeps the first under the key older versions used, and later different ones next to it', () => {
    expect(saveCorruptBackup('first: [')).toBe(true);
    expect(window.localStorage.getItem('playground.workspace.corrupt.v1')).toBe('first: [');
    expect(saveCorruptBackup('second: {')).toBe(true);
    expect(saveCorruptBackup('first: [')).toBe(true); // the same text again: kept once
    expect(loadCorruptBackups()).toEqual(['first: [', 'second: {']);
  });

  it('never drops a kept entry for a newer one', () => {
    for (let i = 0; i < MAX_CORRUPT_BACKUPS; i++) expect(saveCorruptBackup(`bad ${i}`)).toBe(true);
    expect(saveCorruptBackup('one too many')).toBe(false);
    expect(loadCorruptBackups()).toHaveLength(MAX_CORRUPT_BACKUPS);
    expect(loadCorruptBackups()[0]).toBe('bad 0');
  });

  it('reads a backup left by an older version, and ignores a damaged list', () => {
    window.localStorage.setItem('playground.workspace.corrupt.v1', 'old: [');
    window.localStorage.setItem('playground.workspace.corrupt.v1.later', '{not json');
    expect(loadCorruptBackups()).toEqual(['old: [']);
    removeCorruptBackups();
    expect(loadCorruptBackups()).toEqual([]);
  });
});
