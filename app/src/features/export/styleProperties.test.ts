import { describe, expect, it } from 'vitest';
import { STYLE_PROPERTIES, usedCustomProperties } from './styleProperties';

describe('the styles an exported image copies', () => {
  it('names the custom properties the canvas refers to, once each', () => {
    const rules = '.edge-label text { fill: var(--fg); } .x { stroke: var( --verdict-denied ) }';
    const markup = '<path stroke="var(--verdict-allowed)"/><g style="color: var(--fg)">';
    expect(usedCustomProperties(rules, markup)).toEqual(['--fg', '--verdict-allowed', '--verdict-denied']);
    expect(usedCustomProperties('no variables here')).toEqual([]);
  });

  it('copies what draws the canvas, not every computed property', () => {
    for (const p of [
      'display',
      'transform',
      'color',
      'font-size',
      'border-top-left-radius',
      'fill',
      'stroke',
    ])
      expect(STYLE_PROPERTIES).toContain(p);
    expect(STYLE_PROPERTIES.some((p) => p.startsWith('--'))).toBe(false);
    // The legend is clipped away on the page only (export.css): the image must not copy that.
    expect(STYLE_PROPERTIES).not.toContain('clip-path');
    expect(new Set(STYLE_PROPERTIES).size).toBe(STYLE_PROPERTIES.length);
    expect(STYLE_PROPERTIES.length).toBeLessThan(150);
  });
});
