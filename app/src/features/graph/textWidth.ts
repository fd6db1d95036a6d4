/** Text widths for planning sizes before anything is drawn (labels, node widths). */
/** Text width in CSS px for the label font: a canvas measures it in the browser; tests get an estimate. */
let context: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();
export function textWidth(text: string, fontSize: number): number {
  const key = `${fontSize}|${text}`;
  const cached = widths.get(key);
  if (cached !== undefined) return cached;
  if (context === undefined) {
    try {
      context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    } catch {
      context = null;
    }
  }
  let width = text.length * fontSize * 0.6;
  if (context) {
    context.font = `600 ${fontSize}px system-ui, -apple-system, "Segoe UI", sans-serif`;
    width = context.measureText(text).width;
  }
  widths.set(key, width);
  return width;
}
