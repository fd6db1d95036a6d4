/** Memoised custom nodes: namespace container, workload, and the "outside the mesh" client. */
import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import type { ModeOrigin } from '@playground/evaluator';
import type { ExternalNodeData, NamespaceNodeData, WorkloadNodeData } from './model';
import type { Node } from '@xyflow/react';

export const NamespaceNode = memo(function NamespaceNode({
  data,
  selected,
}: NodeProps<Node<NamespaceNodeData>>) {
  return (
    <div className={`ns-node${selected ? ' is-selected' : ''}`}>
      <div className="ns-node__label">
        <span aria-hidden="true">▣</span> namespace <strong>{data.name}</strong>
      </div>
    </div>
  );
});

const originWords: Record<ModeOrigin, string> = {
  default: 'default',
  mesh: 'mesh',
  namespace: 'namespace',
  workload: 'workload',
  port: 'port',
  'no-sidecar': 'no sidecar',
};

export const WorkloadNode = memo(function WorkloadNode({
  data,
  selected,
}: NodeProps<Node<WorkloadNodeData>>) {
  const w = data.workload;
  const proxy = data.facts?.proxy ?? (w.gateway ? 'gateway' : w.sidecar === false ? 'none' : 'sidecar');
  const pa = data.facts?.peerAuthentication;
  const portModes = pa?.ports.filter((p) => p.mode !== pa.mode) ?? [];
  return (
    <div
      className={`wl-node proxy-${proxy}${selected ? ' is-selected' : ''}`}
      data-proxy={proxy}
      data-mode={pa?.mode ?? ''}
      data-mode-origin={pa?.origin ?? ''}
    >
      <Handle type="target" position={Position.Left} />
      <div className="wl-node__name">{w.name}</div>
      <div className="wl-node__row">
        <span className="badge badge-proxy" title="proxy kind">
          {proxy === 'sidecar' ? '⬡ sidecar' : proxy === 'gateway' ? '⇥ gateway' : '○ no sidecar'}
        </span>
      </div>
      {pa && pa.mode !== 'NONE' ? (
        <div className="wl-node__row" title="effective PeerAuthentication mode and where it comes from">
          <span className={`badge badge-mode mode-${pa.mode.toLowerCase()}`}>{pa.mode}</span>
          <span className="wl-node__origin">from {originWords[pa.origin]}</span>
          {portModes.length > 0 ? (
            <span className="wl-node__origin">
              , ports: {portModes.map((p) => `${p.port} ${p.mode}`).join(', ')}
            </span>
          ) : null}
        </div>
      ) : null}
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

export const ExternalNode = memo(function ExternalNode({
  data,
  selected,
}: NodeProps<Node<ExternalNodeData>>) {
  return (
    <div className={`ext-node${selected ? ' is-selected' : ''}`} data-proxy="none">
      <div className="wl-node__name">{data.label}</div>
      <div className="wl-node__origin">no proxy, plain text</div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
