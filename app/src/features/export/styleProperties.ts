/**
 * The CSS properties an exported image copies onto each HTML element of the canvas (html-to-image's
 * `includeStyleProperties`). By default it copies every computed property, custom properties
 * included: this app's page defines over a thousand (React Flow's, Monaco's), which made an SVG of
 * a nine-probe canvas 6.7 MB. These are the properties that change how the canvas looks; the custom
 * properties the canvas's rules use are added per export (`usedCustomProperties`).
 *
 * `clip-path` is left out on purpose: the legend is clipped away on the page while an image is
 * taken (export.css) and must be whole in the image.
 */
const SIDES = ['top', 'right', 'bottom', 'left'] as const;
const CORNERS = ['top-left', 'top-right', 'bottom-right', 'bottom-left'] as const;

export const STYLE_PROPERTIES: readonly string[] = [
  // box and layout
  'display',
  'position',
  ...SIDES,
  'width',
  'height',
  'min-width',
  'min-height',
  'max-width',
  'max-height',
  'box-sizing',
  ...SIDES.map((s) => `margin-${s}`),
  ...SIDES.map((s) => `padding-${s}`),
  'overflow-x',
  'overflow-y',
  'z-index',
  'transform',
  'transform-origin',
  'visibility',
  'opacity',
  'flex-direction',
  'flex-wrap',
  'flex-grow',
  'flex-shrink',
  'flex-basis',
  'align-items',
  'align-self',
  'align-content',
  'justify-content',
  'justify-items',
  'row-gap',
  'column-gap',
  'grid-template-columns',
  'grid-template-rows',
  'grid-column-start',
  'grid-column-end',
  'grid-row-start',
  'grid-row-end',
  'place-items',
  'order',
  'vertical-align',
  // borders and shadows
  ...SIDES.flatMap((s) => [`border-${s}-width`, `border-${s}-style`, `border-${s}-color`]),
  ...CORNERS.map((c) => `border-${c}-radius`),
  'outline-style',
  'outline-width',
  'outline-color',
  'outline-offset',
  'box-shadow',
  'filter',
  // backgrounds
  'background-color',
  'background-image',
  'background-size',
  'background-position',
  'background-repeat',
  'background-clip',
  // text
  'color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant',
  'font-stretch',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-align',
  'text-decoration-line',
  'text-decoration-style',
  'text-decoration-color',
  'text-transform',
  'text-overflow',
  'text-indent',
  'text-shadow',
  'white-space',
  'word-break',
  'overflow-wrap',
  'direction',
  'writing-mode',
  'list-style-type',
  'list-style-position',
  // an <svg> element itself (its children keep their attributes and the canvas's SVG rules)
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'dominant-baseline',
  'text-anchor',
];

/** The custom properties (`--name`) that `texts` (CSS rules, the canvas's markup) refer to. */
export function usedCustomProperties(...texts: string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/var\(\s*(--[\w-]+)/g)) if (m[1]) names.add(m[1]);
  return [...names].sort();
}
