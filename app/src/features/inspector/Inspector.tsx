/** The inspector panel: shows whatever is selected on the canvas. */
import { usePlayground } from '../../store';
import { useMeshActions } from '../graph/useMeshActions';
import { TextField } from './fields';
import { toEditorRange } from '../editor/markers';
import type { Diagnostic } from '@playground/evaluator';
import { ProbeInspector } from './ProbeInspector';
import { WorkloadInspector } from './WorkloadInspector';

function NamespaceInspector({ name }: { name: string }) {
  const actions = useMeshActions();
  return (
    <section aria-labelledby="inspector-title" data-testid="inspector.namespace">
      <h2 id="inspector-title">
        Namespace <code>{name}</code>
      </h2>
      <TextField
        label="Name"
        value={name}
        testId="inspector.namespace.name"
        onCommit={(v) => actions.renameNamespace(name, v.trim())}
      />
      <div className="actions">
        <button
          type="button"
          data-testid="inspector.namespace.addWorkload"
          onClick={() => actions.addWorkload(name)}
        >
          Add workload
        </button>
        <button
          type="button"
          className="danger"
          data-testid="inspector.namespace.delete"
          onClick={() => actions.deleteNamespaces([name])}
        >
          Delete namespace
        </button>
      </div>
    </section>
  );
}

export function Inspector() {
  const selection = usePlayground((s) => s.selection);
  const mesh = usePlayground((s) => s.workspace.mesh);
  const probes = usePlayground((s) => s.workspace.probes);
  const verdicts = usePlayground((s) => s.verdicts);
  let body;
  if (selection?.kind === 'workload') {
    const workload = (mesh.workloads ?? []).find((w) => `${w.namespace}/${w.name}` === selection.key);
    body = workload ? (
      <WorkloadInspector
        workload={workload}
        facts={verdicts?.workloads.find((f) => f.key === selection.key)}
      />
    ) : null;
  } else if (selection?.kind === 'namespace') {
    body = <NamespaceInspector name={selection.name} />;
  } else if (selection?.kind === 'probe') {
    const probe = probes.probes?.[selection.index];
    const result = verdicts?.probes.find((r) => r.index === selection.index);
    const matches =
      result && probe && result.from === probe.from && result.to === probe.to && result.port === probe.port
        ? result
        : undefined;
    body = probe ? (
      <ProbeInspector
        index={selection.index}
        probe={probe}
        result={matches}
        target={(mesh.workloads ?? []).find((w) => `${w.namespace}/${w.name}` === probe.to)}
        stale={verdicts?.stale ?? false}
      />
    ) : null;
  } else if (selection?.kind === 'external') {
    body = (
      <section aria-labelledby="inspector-title">
        <h2 id="inspector-title">Outside the mesh</h2>
        <p>
          A client with no sidecar and no mesh identity: it always sends plain text. Drag from it to a
          workload to add a probe.
        </p>
      </section>
    );
  }
  return (
    <aside className="inspector" aria-label="Inspector" id="inspector" tabIndex={-1} data-testid="inspector">
      {body ?? (
        <p className="muted">
          Select a workload, a namespace or a connection on the canvas to inspect it. Drag from one workload
          to another to add a probe.
        </p>
      )}
      <Diagnostics />
    </aside>
  );
}

function Diagnostics() {
  const verdicts = usePlayground((s) => s.verdicts);
  const lineCount = usePlayground((s) => s.workspace.policies.split('\n').length);
  const diagnostics = verdicts?.diagnostics ?? [];
  if (!diagnostics.length) return null;
  return (
    <section aria-label="Problems" className="diagnostics" data-testid="diagnostics">
      <h3>Problems ({diagnostics.length})</h3>
      <ul className="plain-list">
        {keyed(diagnostics.slice(0, 200)).map(([key, d]) => (
          <li key={key} className={`diag diag-${d.severity}`} data-code={d.code}>
            <strong>{d.severity}</strong> {where(d, lineCount)}
            {d.message} <code>{d.code}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Keys that follow a diagnostic, not its position: an error appearing at the top of the list then
 * inserts one item instead of rewriting every item below it.
 */
function keyed(diagnostics: Diagnostic[]): [string, Diagnostic][] {
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const r = d.range;
    const base = `${d.severity}|${d.code}|${r ? `${r.start.line}:${r.start.column}` : ''}|${d.message}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return [n ? `${base}#${n}` : base, d];
  });
}

/** Where a diagnostic is: an editor line, or the Mesh / Probes part of the workspace. */
function where(d: Diagnostic, lineCount: number): string {
  if (d.source === 'mesh') return '(mesh) ';
  if (d.source === 'probes') return '(probes) ';
  const r = d.range ? toEditorRange(d.range, lineCount) : null;
  return r ? `editor line ${r.startLine}: ` : '';
}
