/**
 * The probe edge: styled by verdict (colour, dash pattern, icon), with a short label
 * (port, method, path, status). The test hooks and the aria-label live on the edge wrapper.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import type { ProbeEdge as ProbeEdgeType } from './model';
import { verdictLook } from './verdictStyle';

export const ProbeEdge = memo(function ProbeEdge(props: EdgeProps<ProbeEdgeType>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const result = data?.result;
  const look = verdictLook(result?.verdict ?? 'pending', result?.mtls ?? null);
  const stale = data?.stale ?? false;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        interactionWidth={16}
        style={{
          stroke: look.color,
          strokeWidth: selected ? 3.5 : 2,
          strokeDasharray: look.dash,
          opacity: stale ? 0.55 : 1,
        }}
      />
      <EdgeLabelRenderer>
        <div
          className={`edge-label${selected ? ' is-selected' : ''}${stale ? ' is-stale' : ''}`}
          style={{
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
            borderColor: look.color,
          }}
          aria-hidden="true"
          data-testid="probe-edge.label"
        >
          <span className="edge-label__icon">{look.icon}</span> :{data?.port} {data?.method} {data?.path} →{' '}
          <strong>{result?.status ?? '…'}</strong>
          {stale ? ' (stale)' : ''}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
