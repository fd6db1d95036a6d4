/**
 * The probe edge: styled by verdict (colour, dash pattern, icon), with a short label
 * (port, method, path, status). The test hooks and the aria-label live on the edge wrapper.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import type { ProbeEdge as ProbeEdgeType } from './model';
import { verdictLook } from './verdictStyle';
import { iconFor, VerdictIcon } from './VerdictIcon';

/**
 * The label sits at 70% of the way along React Flow's bezier (source on the right of a node,
 * target on the left), so labels of edges crossing at the middle do not cover each other.
 */
function labelPoint(sx: number, sy: number, tx: number, ty: number, t = 0.7): [number, number] {
  // React Flow's control offset: half the distance forwards, 0.25 × 25 × √distance backwards.
  const d = tx >= sx ? (tx - sx) * 0.5 : 6.25 * Math.sqrt(sx - tx);
  const [c1x, c1y, c2x, c2y] = [sx + d, sy, tx - d, ty];
  const u = 1 - t;
  const x = u * u * u * sx + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * tx;
  const y = u * u * u * sy + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * ty;
  return [x, y];
}

export const ProbeEdge = memo(function ProbeEdge(props: EdgeProps<ProbeEdgeType>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const [labelX, labelY] = labelPoint(sourceX, sourceY, targetX, targetY);
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
          <VerdictIcon name={iconFor(result?.verdict ?? 'pending', result?.mtls ?? null)} /> :{data?.port}{' '}
          {data?.method} {data?.path} → <strong>{result?.status ?? '…'}</strong>
          {stale ? ' (stale)' : ''}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
