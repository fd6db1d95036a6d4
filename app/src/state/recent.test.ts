// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LEGACY_PREVIOUS_KEY,
  loadRecent,
  RECENT_BUDGET,
  RECENT_KEY,
  RECENT_LIMIT,
  saveRecent,
} from './recent';

const ws = (n: number) => `apiVersion: playground/v1\nkind: Mesh\nmetadata: {title: W${n}}\nspec: {}\n`;

describe('the history of recent workspaces', () => {
  beforeEach(() => window.localStorage.clear());

  it('keeps at least ten workspaces, newest first, with titles and times, across reads', () => {
    for (let n = 1; n <= 11; n++) saveRecent({ text: ws(n), title: `W${n}`, summary: 's' }, 1000 + n);
    const entries = loadRecent();
    expect(entries).toHaveLength(11);
    expect(entries.map((e) => e.title).slice(0, 3)).toEqual(['W11', 'W10', 'W9']);
    expect(entries[0]).toMatchObject({ savedAt: 1011, text: ws(11), summary: 's' });
  });

  it('moves a workspace saved again to the top instead of pushing others out', () => {
    for (let n = 1; n <= RECENT_LIMIT; n++) saveRecent({ text: ws(n), title: `W${n}` }, n);
    for (let i = 0; i < 5; i++) saveRecent({ text: ws(3), title: 'W3' }, 100 + i);
    const entries = loadRecent();
    expect(entries).toHaveLength(RECENT_LIMIT);
    expect(entries[0]).toMatchObject({ title: 'W3', savedAt: 104 });
    expect(new Set(entries.map((e) => e.text)).size).toBe(RECENT_LIMIT);
    expect(entries.at(-1)?.title).toBe('W1');
    // One more new workspace drops the oldest only.
    saveRecent({ text: ws(99), title: 'W99' }, 200);
    expect(loadRecent().map((e) => e.title)).not.toContain('W1');
  });

  it('stays within its size budget and skips a workspace larger than it', () => {
    const big = (c: string) => `kind: Mesh\n#${c.repeat(Math.floor(RECENT_BUDGET / 3))}\n`;
    saveRecent({ text: big('a'), title: 'A' }, 1);
    saveRecent({ text: big('b'), title: 'B' }, 2);
    saveRecent({ text: big('c'), title: 'C' }, 3);
    expect(loadRecent().map((e) => e.title)).toEqual(['C', 'B']);
    expect(saveRecent({ text: `kind: Mesh\n#${'x'.repeat(RECENT_BUDGET)}`, title: 'huge' })).toBeNull();
    expect(loadRecent().map((e) => e.title)).toEqual(['C', 'B']);
  });

  it('reads stored data defensively: junk, wrong types, prototype keys and control characters', () => {
    for (const junk of ['{', 'null', '[]', '{"entries":{}}', '{"entries":"x"}', '42']) {
      window.localStorage.setItem(RECENT_KEY, junk);
      expect(loadRecent()).toEqual([]);
    }
    window.localStorage.setItem(
      RECENT_KEY,
      JSON.stringify({
        entries: [
          { title: 'ok', savedAt: 5, text: ws(1) },
          { title: 'no text', savedAt: 5 },
          { title: 'bad time', savedAt: 'yesterday', text: ws(2) },
          { title: 'negative', savedAt: -1, text: ws(3) },
          { title: 7, savedAt: 6, text: ws(4) },
          { title: 'dup', savedAt: 4, text: ws(1) },
          { title: 'line\u0000one\u202e\nnext', savedAt: 7, text: ws(5), proto: { polluted: true } },
          null,
          'string',
        ],
      }).replace('"proto"', '"__proto__"'),
    );
    const entries = loadRecent();
    expect(entries.map((e) => e.title)).toEqual(['line one\u202e next', 'Untitled workspace', 'ok']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('moves the old single "previous" slot into the history once', () => {
    window.localStorage.setItem(LEGACY_PREVIOUS_KEY, ws(7));
    saveRecent({ text: ws(8), title: 'W8' }, 10);
    expect(loadRecent().map((e) => e.text)).toEqual([ws(8), ws(7)]);
    expect(window.localStorage.getItem(LEGACY_PREVIOUS_KEY)).toBeNull();
  });

  it('survives a browser that refuses to store by dropping the oldest entries', () => {
    for (let n = 1; n <= 4; n++) saveRecent({ text: ws(n), title: `W${n}` }, n);
    // A browser with little room left: writes over 600 characters are refused.
    const items = new Map<string, string>([[RECENT_KEY, window.localStorage.getItem(RECENT_KEY) ?? '']]);
    const small = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => {
        if (value.length > 600) throw new DOMException('full', 'QuotaExceededError');
        items.set(key, value);
      },
      removeItem: (key: string) => void items.delete(key),
    } as unknown as Storage;
    const spy = vi.spyOn(window, 'localStorage', 'get').mockReturnValue(small);
    try {
      const saved = saveRecent({ text: ws(5), title: 'W5' }, 5);
      expect(saved?.[0]?.title).toBe('W5');
      expect(saved?.length).toBeLessThan(5);
      expect(loadRecent()[0]?.title).toBe('W5');
    } finally {
      spy.mockRestore();
    }
  });
});
