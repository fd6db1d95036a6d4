/** Inspector for a workload: identity, sidecar, ports, facts and the policies that select it. */
import type { WorkloadFacts, WorkloadSpec } from '@playground/evaluator';
import { useMeshActions } from '../graph/useMeshActions';
import { linesToMap, mapToLines, TextField } from './fields';
import { useJump } from './useJump';

export function WorkloadInspector({
  workload,
  facts,
}: {
  workload: WorkloadSpec;
  facts: WorkloadFacts | undefined;
}) {
  const actions = useMeshActions();
  const jump = useJump();
  const key = `${workload.namespace}/${workload.name}`;
  const update = (change: (w: WorkloadSpec) => WorkloadSpec) => actions.updateWorkload(key, change);
  return (
    <section aria-labelledby="inspector-title" data-testid="inspector.workload" data-workload={key}>
      <h2 id="inspector-title">
        Workload <code>{workload.name}</code> in <code>{workload.namespace}</code>
      </h2>
      <TextField
        label="Name"
        value={workload.name}
        testId="inspector.workload.name"
        onCommit={(v) => actions.renameWorkload(key, v.trim())}
      />
      <TextField
        label="Service account"
        value={workload.serviceAccount ?? 'default'}
        testId="inspector.workload.serviceAccount"
        onCommit={(v) => update((w) => ({ ...w, serviceAccount: v.trim() || 'default' }))}
      />
      <TextField
        label="Labels (one key: value per line)"
        multiline
        value={mapToLines(workload.labels)}
        testId="inspector.workload.labels"
        onCommit={(v) => update((w) => ({ ...w, labels: linesToMap(v) }))}
      />
      <label className="field field-inline">
        <input
          type="checkbox"
          checked={workload.sidecar !== false}
          data-testid="inspector.workload.sidecar"
          onChange={(e) => update((w) => ({ ...w, sidecar: e.target.checked }))}
        />
        <span>Sidecar injected (Envoy proxy)</span>
      </label>
      <h3>Service ports</h3>
      <ul className="plain-list">
        {(workload.ports ?? []).map((p) => (
          <li key={`${p.port}-${p.name ?? ''}`}>
            <code>{p.name ?? '(unnamed)'}</code> {p.port} → {p.targetPort ?? p.port}
            {p.protocol ? ` (${p.protocol})` : ''}
          </li>
        ))}
      </ul>
      {facts ? (
        <>
          <h3>Facts</h3>
          <dl className="facts">
            <dt>Proxy</dt>
            <dd data-testid="inspector.workload.proxy">{facts.proxy}</dd>
            <dt>Principal</dt>
            <dd>{facts.principal ?? '— (no mTLS identity)'}</dd>
            <dt>PeerAuthentication</dt>
            <dd data-testid="inspector.workload.mode">
              {facts.peerAuthentication.mode} (from {facts.peerAuthentication.origin})
            </dd>
            <dt>IP</dt>
            <dd>{facts.ip}</dd>
          </dl>
          <h3>Policies that apply</h3>
          {facts.policies.length === 0 ? <p className="muted">None.</p> : null}
          <ul className="plain-list">
            {facts.policies.map((ref) => (
              <li key={`${ref.document}`}>
                <button
                  type="button"
                  className="link"
                  data-testid="inspector.workload.policy"
                  onClick={() => jump(undefined, ref)}
                >
                  {ref.kind} {ref.namespace}/{ref.name}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="danger"
          data-testid="inspector.workload.delete"
          onClick={() => actions.deleteWorkloads([key])}
        >
          Delete workload
        </button>
      </div>
    </section>
  );
}
