/**
 * Memoised custom nodes: namespace container, workload, and the "outside the mesh" client. Each is
 * drawn at the size the layout planned (model.ts), with its name at `--canvas-name-size`.
 */
import { memo } from 'react';
import type { MouseEvent } from 'react';
import { usePlayground } from '../../store';
import { verdictLook } from './verdictStyle';
import { iconFor, VerdictIcon } from './VerdictIcon';
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import type { ModeOrigin } from '@playground/evaluator';
import type { ExternalNodeData, NamespaceNodeData, WorkloadNodeData } from './model';

export const NamespaceNode = memo(function NamespaceNode({
  data,
  selected,
}: NodeProps<Node<NamespaceNodeData>>) {
  const setCollapsed = usePlayground((s) => s.setCollapsed);
  const embedded = usePlayground((s) => s.embedded);
  const look = data.worst ? verdictLook(data.worst.verdict, data.worst.mtls) : null;
  const toggle = (event: MouseEvent) => {
    event.stopPropagation();
    setCollapsed([data.name], !data.collapsed);
  };
  return (
    <div
      className={`ns-node${selected ? ' is-selected' : ''}${data.collapsed ? ' is-collapsed' : ''}${data.dimmed ? ' is-dimmed' : ''}`}
    >
      <div className="ns-node__label">
        {data.count > 0 && !embedded ? (
          <button
            type="button"
            className="ns-node__collapse nodrag nopan"
            data-testid="namespace-node.collapse"
            aria-expanded={!data.collapsed}
            aria-label={`${data.collapsed ? 'Expand' : 'Collapse'} namespace ${data.name}`}
            title={data.collapsed ? 'Expand: show its workloads' : 'Collapse into one node'}
            onClick={toggle}
          >
            {data.collapsed ? '▸' : '▾'}
          </button>
        ) : null}
        <span className="ns-node__kind">namespace</span> <strong>{data.name}</strong>
      </div>
      {data.collapsed ? (
        <div className="ns-node__summary" data-testid="namespace-node.summary">
          <div className="ns-node__count">
            {data.count} workload{data.count === 1 ? '' : 's'}
          </div>
          {look ? (
            <div className="ns-node__worst" style={{ color: look.color }} title={`Worst: ${look.words}`}>
              {data.worst ? <VerdictIcon name={iconFor(data.worst.verdict, data.worst.mtls)} /> : null}
              worst: {worstWords(data.worst?.verdict)}
            </div>
          ) : null}
        </div>
      ) : null}
      {data.count === 0 ? <div className="ns-node__empty">no workloads yet</div> : null}
    </div>
  );
});

const worstWords = (v: string | undefined): string =>
  v === 'mtls-failure'
    ? 'mTLS failure'
    : v === 'custom-denied'
      ? 'denied'
      : v === 'audience-rejected'
        ? 'unauthenticated'
        : v === 'no-route'
          ? 'no route'
          : (v ?? '');

const originWords: Record<ModeOrigin, string> = {
  default: 'default',
  mesh: 'mesh',
  namespace: 'namespace',
  workload: 'workload',
  port: 'port',
  'no-sidecar': 'no sidecar',
};

const proxyWords = { sidecar: 'sidecar', gateway: 'gateway', none: 'no sidecar' } as const;

export const WorkloadNode = memo(function WorkloadNode({
  data,
  selected,
}: NodeProps<Node<WorkloadNodeData>>) {
  const w = data.workload;
  const proxy = data.facts?.proxy ?? (w.gateway ? 'gateway' : w.sidecar === false ? 'none' : 'sidecar');
  const pa = data.facts?.peerAuthentication;
  const portModes = pa?.ports.filter((p) => p.mode !== pa.mode) ?? [];
  const modeTitle = pa
    ? `Peer authentication ${pa.mode} from ${originWords[pa.origin]}${
        portModes.length ? `; ports: ${portModes.map((p) => `${p.port} ${p.mode}`).join(', ')}` : ''
      }`
    : undefined;
  return (
    <div
      className={`wl-node proxy-${proxy}${selected ? ' is-selected' : ''}${data.dimmed ? ' is-dimmed' : ''}`}
      data-dimmed={data.dimmed}
      data-proxy={proxy}
      data-mode={pa?.mode ?? ''}
      data-mode-origin={pa?.origin ?? ''}
    >
      <Handle type="target" position={data.orientation === 'TB' ? Position.Top : Position.Left} />
      <div className="wl-node__name" title={`${w.name} in ${w.namespace}`}>
        {w.name}
      </div>
      <div className="wl-node__row">
        <span className={`badge badge-proxy proxy-${proxy}`}>{proxyWords[proxy]}</span>
        {pa && pa.mode !== 'NONE' ? (
          <span className={`badge badge-mode mode-${pa.mode.toLowerCase()}`} title={modeTitle}>
            {pa.mode}
          </span>
        ) : null}
      </div>
      {pa && pa.mode !== 'NONE' ? (
        <div className="wl-node__origin" title={modeTitle}>
          from {originWords[pa.origin]}
          {portModes.length ? `, ${portModes.length} port${portModes.length > 1 ? 's' : ''} differ` : ''}
        </div>
      ) : null}
      <Handle type="source" position={data.orientation === 'TB' ? Position.Bottom : Position.Right} />
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
      <div className="ext-node__note">no proxy, plain text</div>
      <Handle type="source" position={data.orientation === 'TB' ? Position.Bottom : Position.Right} />
    </div>
  );
});
