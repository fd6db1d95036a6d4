/** A keyboard- and pointer-operable splitter between two panels (ARIA separator). */
import { useRef } from 'react';

export function Splitter({
  label,
  value,
  min,
  max,
  onChange,
  invert = false,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange(width: number): void;
  invert?: boolean;
}) {
  const start = useRef<{ x: number; value: number } | null>(null);
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={(e) => {
        start.current = { x: e.clientX, value };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (!start.current) return;
        const delta = e.clientX - start.current.x;
        onChange(clamp(start.current.value + (invert ? -delta : delta)));
      }}
      onPointerUp={() => {
        start.current = null;
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 80 : 20;
        if (e.key === 'ArrowLeft') onChange(clamp(value + (invert ? step : -step)));
        if (e.key === 'ArrowRight') onChange(clamp(value + (invert ? -step : step)));
      }}
    />
  );
}
