// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { presenterCommand } from './keys';

const key = (
  k: string,
  target: EventTarget | null = document.body,
  mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {},
) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  target,
  ...mods,
});

describe('presenter keys', () => {
  it('maps arrows and page keys to steps, r to reset, e to the editor', () => {
    expect(presenterCommand(key('ArrowRight'))).toBe('next');
    expect(presenterCommand(key('PageDown'))).toBe('next');
    expect(presenterCommand(key('ArrowLeft'))).toBe('previous');
    expect(presenterCommand(key('PageUp'))).toBe('previous');
    expect(presenterCommand(key('r'))).toBe('reset');
    expect(presenterCommand(key('e'))).toBe('editor');
    expect(presenterCommand(key('x'))).toBeNull();
  });

  it('leaves typing and browser shortcuts alone', () => {
    const input = document.createElement('input');
    const monaco = document.createElement('div');
    monaco.className = 'monaco-editor';
    const inner = document.createElement('textarea');
    monaco.append(inner);
    document.body.append(input, monaco);
    expect(presenterCommand(key('r', input))).toBeNull();
    expect(presenterCommand(key('ArrowRight', inner))).toBeNull();
    expect(presenterCommand(key('r', document.body, { ctrlKey: true }))).toBeNull();
    expect(presenterCommand(key('ArrowLeft', document.body, { altKey: true }))).toBeNull();
  });
});
