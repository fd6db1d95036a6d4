// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { Markdown, safeHref } from './markdown';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function render(source: string): HTMLElement {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(<Markdown className="narration" source={source} />));
  const box = host.querySelector<HTMLElement>('.narration');
  if (!box) throw new Error('no narration box');
  return box;
}

const tags = (el: Element) => [...el.children].map((c) => c.tagName.toLowerCase());

describe('lesson Markdown', () => {
  it('splits paragraphs at blank lines and joins wrapped lines', () => {
    const box = render('one\ntwo\n\nthree');
    expect(tags(box)).toEqual(['p', 'p']);
    expect(box.querySelector('p')?.textContent?.replace(/\s+/g, ' ')).toBe('one two');
  });

  it('reads bullet and numbered lists, with continuation lines', () => {
    const box = render('Intro\n- a\n  more\n- b\n\n1. x\n2. y');
    expect(tags(box)).toEqual(['p', 'ul', 'ol']);
    const bullets = [...box.querySelectorAll('ul > li')].map((li) => li.textContent?.replace(/\s+/g, ' '));
    expect(bullets).toEqual(['a more', 'b']);
    expect([...box.querySelectorAll('ol > li')].map((li) => li.textContent)).toEqual(['x', 'y']);
  });

  it('reads bold, emphasis, code and links', () => {
    const p = render('a **b** *c* `d` [e](https://istio.io)').querySelector('p');
    expect(p?.innerHTML).toBe(
      'a <strong>b</strong> <em>c</em> <code>d</code> ' +
        '<a href="https://istio.io" target="_blank" rel="noopener noreferrer">e</a>',
    );
  });

  it('keeps only http(s), anchor and relative link targets', () => {
    expect(safeHref('https://istio.io/latest')).toBe('https://istio.io/latest');
    expect(safeHref('HTTP://istio.io')).toBe('HTTP://istio.io');
    expect(safeHref('#lesson=pitfalls')).toBe('#lesson=pitfalls');
    expect(safeHref('/docs')).toBe('/docs');
    expect(safeHref('docs/semantics.md#a4')).toBe('docs/semantics.md#a4');
    expect(safeHref('?present')).toBe('?present');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHref('vbscript:x')).toBeNull();
    expect(safeHref('mailto:a@b.c')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref('/\\evil.example')).toBeNull();
    expect(safeHref('')).toBeNull();
  });

  it('renders markup in the text as text, never as elements', () => {
    const box = render('<img src=x onerror=alert(1)> **<script>bad()</script>** [x](javascript:alert(1))');
    expect(box.querySelector('img')).toBeNull();
    expect(box.querySelector('script')).toBeNull();
    expect(box.querySelector('a')).toBeNull();
    expect(box.querySelector('strong')?.textContent).toBe('<script>bad()</script>');
    expect(box.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(box.textContent).toContain('x');
  });

  it('renders a block of raw HTML as text too', () => {
    const box = render('<div onclick="alert(1)">\n<script>bad()</script>\n</div>');
    expect(box.querySelector('script, div')).toBeNull();
    expect(box.textContent).toContain('<script>bad()</script>');
  });

  it('drops hostile targets however they are spelled, keeping the link text', () => {
    for (const source of [
      '[x](JAVASCRIPT:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x](<javascript:alert(1)>)',
      '<javascript:alert(1)>',
      '[x][r]\n\n[r]: javascript:alert(1)',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
    ]) {
      const box = render(source);
      expect(box.querySelector('a'), source).toBeNull();
      expect(box.querySelector('[href]'), source).toBeNull();
    }
  });

  it('shows no image, so a lesson cannot load a remote one', () => {
    const box = render('![tracker](https://evil.example/pixel.png) after');
    expect(box.querySelector('img')).toBeNull();
    expect(box.textContent).toContain('after');
  });

  it('renders safe links to open in a new tab without an opener, and app links in place', () => {
    const box = render(
      'See [the task](https://istio.io/latest/docs/tasks/) and [pitfalls](#lesson=pitfalls).',
    );
    const [external, own] = [...box.querySelectorAll('a')];
    expect(external?.getAttribute('href')).toBe('https://istio.io/latest/docs/tasks/');
    expect(external?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(external?.getAttribute('target')).toBe('_blank');
    expect(own?.getAttribute('href')).toBe('#lesson=pitfalls');
    expect(own?.hasAttribute('target')).toBe(false);
  });
});
