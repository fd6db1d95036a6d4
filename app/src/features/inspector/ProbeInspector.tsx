/** Inspector for a probe: the request builder, its verdict and the full trace. */
import type {
  ProbeResult,
  ProbeSpec,
  ProbesSpec,
  RequestSpec,
  TraceStep,
  WorkloadSpec,
} from '@playground/evaluator';
import { usePlayground } from '../../store';
import { PinControls } from '../pins/PinControls';
import { useMeshActions } from '../graph/useMeshActions';
import { verdictLook } from '../graph/verdictStyle';
import { iconFor, VerdictIcon } from '../graph/VerdictIcon';
import { linesToMap, mapToLines, TextField } from './fields';
import { useJump } from './useJump';
import { UpstreamView } from './UpstreamView';
import { ReviewCompare } from '../review/ReviewCompare';

function TraceList({ trace }: { trace: TraceStep[] }) {
  const jump = useJump();
  return (
    <ol className="trace" data-testid="inspector.trace">
      {trace.map((step, i) => {
        const located = step.range !== undefined || step.resource !== undefined;
        return (
          <li key={i} className={`trace-step outcome-${step.outcome}`}>
            <button
              type="button"
              className="trace-step__button"
              data-testid="trace-step"
              data-stage={step.stage}
              data-outcome={step.outcome}
              aria-label={`Step ${i + 1}, ${step.stage}, ${step.outcome}: ${step.message}${located ? '. Press to show the deciding YAML.' : ''}`}
              onClick={() => jump(step.range, step.resource)}
            >
              <span className="trace-step__stage">
                {step.hop > 0 ? `hop ${step.hop} · ` : ''}
                {step.stage}
              </span>
              <span className={`trace-step__outcome outcome-${step.outcome}`}>{step.outcome}</span>
              <span className="trace-step__message">{step.message}</span>
              {step.resource ? (
                <span className="trace-step__resource">
                  {step.resource.kind} {step.resource.namespace}/{step.resource.name}
                  {step.rule !== undefined ? `, rule ${step.rule}` : ''}
                </span>
              ) : null}
            </button>
          </li>
        );
      })}
    </ol>
  );
}

function TokenPicker({
  request,
  tokens,
  onChange,
  onCreate,
}: {
  request: RequestSpec;
  tokens: ProbesSpec['tokens'];
  onChange(token: string | undefined): void;
  onCreate(claims: Record<string, unknown>): void;
}) {
  const names = Object.keys(tokens ?? {});
  return (
    <>
      <label className="field">
        <span>Token (Authorization: Bearer)</span>
        <select
          value={request.token ?? ''}
          data-testid="inspector.probe.token"
          onChange={(e) => onChange(e.target.value || undefined)}
        >
          <option value="">(none)</option>
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <TextField
        label="…or build a token from claims (JSON), then press Enter"
        value=""
        placeholder='{"iss": "testing@secure.istio.io", "sub": "alice"}'
        testId="inspector.probe.claims"
        onCommit={(v) => {
          try {
            const claims: unknown = JSON.parse(v);
            if (claims && typeof claims === 'object' && !Array.isArray(claims))
              onCreate(claims as Record<string, unknown>);
          } catch {
            /* not JSON yet: nothing to create */
          }
        }}
      />
    </>
  );
}

export function ProbeInspector({
  index,
  probe,
  result,
  target,
  stale,
}: {
  index: number;
  probe: ProbeSpec;
  result: ProbeResult | undefined;
  target: WorkloadSpec | undefined;
  stale: boolean;
}) {
  const editProbes = usePlayground((s) => s.editProbes);
  const tokens = usePlayground((s) => s.workspace.probes.tokens);
  const actions = useMeshActions();
  const request = probe.request ?? {};
  const setProbe = (change: (p: ProbeSpec) => ProbeSpec) =>
    editProbes((ps) => ({ ...ps, probes: (ps.probes ?? []).map((p, i) => (i === index ? change(p) : p)) }));
  const setRequest = (change: Partial<RequestSpec>) =>
    setProbe((p) => {
      const next: RequestSpec = { ...p.request, ...change };
      for (const k of Object.keys(next) as (keyof RequestSpec)[])
        if (next[k] === undefined || next[k] === '') delete next[k];
      return { ...p, request: next };
    });
  const look = verdictLook(result?.verdict ?? 'pending', result?.mtls ?? null);
  return (
    <section aria-labelledby="inspector-title" data-testid="inspector.probe" data-probe-index={index}>
      <h2 id="inspector-title">
        Probe <code>{probe.from}</code> → <code>{probe.to}</code>
      </h2>
      <p
        className={`verdict verdict-${result?.verdict ?? 'pending'}`}
        data-testid="inspector.probe.verdict"
        data-verdict={result?.verdict ?? 'pending'}
        data-status={result?.status ?? ''}
      >
        <VerdictIcon name={iconFor(result?.verdict ?? 'pending', result?.mtls ?? null)} />{' '}
        <strong>{result?.status ?? '…'}</strong> — {look.words}
        {stale ? <em> (stale: the YAML does not parse)</em> : null}
      </p>
      <ReviewCompare index={index} />
      <PinControls index={index} probe={probe} result={result} stale={stale} />
      <fieldset className="request-builder">
        <legend>Request</legend>
        <label className="field">
          <span>Port</span>
          <select
            value={probe.port}
            data-testid="inspector.probe.port"
            onChange={(e) => setProbe((p) => ({ ...p, port: Number(e.target.value) }))}
          >
            {[...new Set([probe.port, ...(target?.ports ?? []).map((p) => p.port)])].map((port) => (
              <option key={port} value={port}>
                {port}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Method</span>
          <select
            value={request.method ?? 'GET'}
            data-testid="inspector.probe.method"
            onChange={(e) => setRequest({ method: e.target.value })}
          >
            {['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <TextField
          label="Path"
          value={request.path ?? '/'}
          testId="inspector.probe.path"
          onCommit={(v) => setRequest({ path: v })}
        />
        <TextField
          label="Host"
          value={request.host ?? ''}
          placeholder="default: service.namespace:port"
          testId="inspector.probe.host"
          onCommit={(v) => setRequest({ host: v || undefined })}
        />
        <TextField
          label="Headers (one name: value per line)"
          multiline
          value={mapToLines(request.headers)}
          testId="inspector.probe.headers"
          onCommit={(v) =>
            setRequest({ headers: Object.keys(linesToMap(v)).length ? linesToMap(v) : undefined })
          }
        />
        <TokenPicker
          request={request}
          tokens={tokens}
          onChange={(token) => setRequest({ token })}
          onCreate={(claims) => {
            const name = `token-${Object.keys(tokens ?? {}).length + 1}`;
            editProbes((ps) => ({
              ...ps,
              tokens: { ...ps.tokens, [name]: { claims } },
              probes: (ps.probes ?? []).map((p, i) =>
                i === index ? { ...p, request: { ...p.request, token: name } } : p,
              ),
            }));
          }}
        />
        <TextField
          label="Source IP"
          value={request.sourceIp ?? ''}
          placeholder="client address"
          testId="inspector.probe.sourceIp"
          onCommit={(v) => setRequest({ sourceIp: v || undefined })}
        />
      </fieldset>
      <UpstreamView result={result} />
      <h3>Trace</h3>
      {result ? <TraceList trace={result.trace} /> : <p className="muted">Evaluating…</p>}
      <div className="actions">
        <button
          type="button"
          className="danger"
          data-testid="inspector.probe.delete"
          onClick={() => actions.deleteProbes([index])}
        >
          Delete probe
        </button>
      </div>
    </section>
  );
}
