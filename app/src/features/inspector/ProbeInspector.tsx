/** Inspector for a probe: the request builder, its verdict and the full trace. */
import type { ProbeResult, ProbeSpec, WorkloadSpec } from '@playground/evaluator';
import { PinControls } from '../pins/PinControls';
import { useMeshActions } from '../graph/useMeshActions';
import { verdictLook } from '../graph/verdictStyle';
import { iconFor, VerdictIcon } from '../graph/VerdictIcon';
import { RequestBuilder } from './RequestBuilder';
import { TraceList } from './TraceList';
import { UpstreamView } from './UpstreamView';
import { ReviewCompare } from '../review/ReviewCompare';

function ProbeVerdict({ result, stale }: { result: ProbeResult | undefined; stale: boolean }) {
  const look = verdictLook(result?.verdict ?? 'pending', result?.mtls ?? null);
  return (
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
  );
}

function TraceSection({ result }: { result: ProbeResult | undefined }) {
  return (
    <>
      <h3>Trace</h3>
      {result ? <TraceList trace={result.trace} /> : <p className="muted">Evaluating…</p>}
    </>
  );
}

function DeleteProbe({ index }: { index: number }) {
  const actions = useMeshActions();
  return (
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
  return (
    <section aria-labelledby="inspector-title" data-testid="inspector.probe" data-probe-index={index}>
      <h2 id="inspector-title">
        Probe <code>{probe.from}</code> → <code>{probe.to}</code>
      </h2>
      <ProbeVerdict result={result} stale={stale} />
      <ReviewCompare index={index} />
      <PinControls index={index} probe={probe} result={result} stale={stale} />
      <RequestBuilder index={index} probe={probe} target={target} />
      <UpstreamView result={result} />
      <TraceSection result={result} />
      <DeleteProbe index={index} />
    </section>
  );
}
