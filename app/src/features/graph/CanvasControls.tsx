/**
 * The canvas's zoom controls plus its two toggles: the filter bar and the minimap. Each toggle is
 * a pressed/unpressed button whose title and accessible name say what a press does.
 */
import { ControlButton, Controls } from '@xyflow/react';
import type { ReactNode } from 'react';

function Toggle(props: {
  on: boolean;
  onToggle(): void;
  show: string;
  hide: string;
  testId: string;
  children: ReactNode;
}) {
  const label = props.on ? props.hide : props.show;
  return (
    <ControlButton
      onClick={props.onToggle}
      title={label}
      aria-label={label}
      aria-pressed={props.on}
      data-testid={props.testId}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true">
        {props.children}
      </svg>
    </ControlButton>
  );
}

export function CanvasControls(props: {
  onFitView(): void;
  filterBar: boolean;
  onToggleFilterBar(): void;
  minimap: boolean;
  onToggleMinimap(): void;
}) {
  return (
    <Controls onFitView={props.onFitView} showInteractive={false}>
      <Toggle
        on={props.filterBar}
        onToggle={props.onToggleFilterBar}
        show="Find and filter"
        hide="Hide the filter bar"
        testId="canvas.filter-toggle"
      >
        <path d="M2 3h12l-4.5 5.5V13l-3 1.5V8.5z" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </Toggle>
      <Toggle
        on={props.minimap}
        onToggle={props.onToggleMinimap}
        show="Show the minimap"
        hide="Hide the minimap"
        testId="canvas.minimap-toggle"
      >
        <rect x="2" y="3" width="12" height="10" rx="1" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <rect x="8" y="8" width="5" height="4" fill="currentColor" />
      </Toggle>
    </Controls>
  );
}
