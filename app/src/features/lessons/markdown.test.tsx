// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { Markdown, parseInline, parseMarkdown, safeHref } from './markdown';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function render(source: string): HTMLElement {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(<Markdown source={source} />));
  return host;
}

describe('lesson Markdown subset', () => {
  it('splits paragraphs at blank lines and joins wrapped lines', () => {
    const blocks = parseMarkdown('one\ntwo\n\nthree');
    expect(blocks).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: 'one two' }] },
      { kind: 'paragraph', children: [{ kind: 'text', text: 'three' }] },
    ]);
  });

  it('reads bullet and numbered lists, with continuation lines', () => {
    const blocks = parseMarkdown('Intro\n- a\n  more\n- b\n\n1. x\n2. y');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'list', 'list']);
    expect(blocks[1]).toMatchObject({ ordered: false, items: [[{ text: 'a more' }], [{ text: 'b' }]] });
    expect(blocks[2]).toMatchObject({ ordered: true });
  });

  it('reads bold, emphasis, code and links', () => {
    expect(parseInline('a **b** *c* `d` [e](https://istio.io)')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'em', children: [{ kind: 'text', text: 'c' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'd' },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: 'https://istio.io', children: [{ kind: 'text', text: 'e' }] },
    ]);
  });

  it('keeps only http(s), anchor and site-relative link targets', () => {
    expect(safeHref('https://istio.io/latest')).toBe('https://istio.io/latest');
    expect(safeHref('#lesson=pitfalls')).toBe('#lesson=pitfalls');
    expect(safeHref('/docs')).toBe('/docs');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
  });

  it('renders markup in the text as text, never as elements', () => {
    const host = render('<img src=x onerror=alert(1)> **<script>bad()</script>** [x](javascript:alert(1))');
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('script')).toBeNull();
    expect(host.querySelector('a')).toBeNull();
    expect(host.querySelector('strong')?.textContent).toBe('<script>bad()</script>');
    expect(host.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('renders safe links to open in a new tab without an opener', () => {
    const a = render('See [the task](https://istio.io/latest/docs/tasks/).').querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://istio.io/latest/docs/tasks/');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
  });
});
