/** The request a probe sends, as a form: port, method, path, host, headers, token, source IP. */
import type { ProbeSpec, ProbesSpec, RequestSpec, WorkloadSpec } from '@playground/evaluator';
import { usePlayground } from '../../store';
import { linesToMap, mapToLines, TextField } from './fields';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

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

/** Edits of probe `index`: the probe, its request (empty fields dropped), a new token from claims. */
function useProbeEdits(index: number) {
  const editProbes = usePlayground((s) => s.editProbes);
  const setProbe = (change: (p: ProbeSpec) => ProbeSpec) =>
    editProbes((ps) => ({ ...ps, probes: (ps.probes ?? []).map((p, i) => (i === index ? change(p) : p)) }));
  const setRequest = (change: Partial<RequestSpec>) =>
    setProbe((p) => {
      const next: RequestSpec = { ...p.request, ...change };
      for (const k of Object.keys(next) as (keyof RequestSpec)[])
        if (next[k] === undefined || next[k] === '') delete next[k];
      return { ...p, request: next };
    });
  /** Adds a token `token-<n>` with these claims and makes the probe send it. */
  const createToken = (tokens: ProbesSpec['tokens'], claims: Record<string, unknown>) => {
    const name = `token-${Object.keys(tokens ?? {}).length + 1}`;
    editProbes((ps) => ({
      ...ps,
      tokens: { ...ps.tokens, [name]: { claims } },
      probes: (ps.probes ?? []).map((p, i) =>
        i === index ? { ...p, request: { ...p.request, token: name } } : p,
      ),
    }));
  };
  return { setProbe, setRequest, createToken };
}

function PortSelect({
  probe,
  target,
  onChange,
}: {
  probe: ProbeSpec;
  target: WorkloadSpec | undefined;
  onChange(port: number): void;
}) {
  return (
    <label className="field">
      <span>Port</span>
      <select
        value={probe.port}
        data-testid="inspector.probe.port"
        onChange={(e) => onChange(Number(e.target.value))}
      >
        {[...new Set([probe.port, ...(target?.ports ?? []).map((p) => p.port)])].map((port) => (
          <option key={port} value={port}>
            {port}
          </option>
        ))}
      </select>
    </label>
  );
}

function MethodSelect({ method, onChange }: { method: string; onChange(method: string): void }) {
  return (
    <label className="field">
      <span>Method</span>
      <select value={method} data-testid="inspector.probe.method" onChange={(e) => onChange(e.target.value)}>
        {METHODS.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </select>
    </label>
  );
}

export function RequestBuilder({
  index,
  probe,
  target,
}: {
  index: number;
  probe: ProbeSpec;
  target: WorkloadSpec | undefined;
}) {
  const tokens = usePlayground((s) => s.workspace.probes.tokens);
  const { setProbe, setRequest, createToken } = useProbeEdits(index);
  const request = probe.request ?? {};
  return (
    <fieldset className="request-builder">
      <legend>Request</legend>
      <PortSelect probe={probe} target={target} onChange={(port) => setProbe((p) => ({ ...p, port }))} />
      <MethodSelect method={request.method ?? 'GET'} onChange={(method) => setRequest({ method })} />
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
        onCreate={(claims) => createToken(tokens, claims)}
      />
      <TextField
        label="Source IP"
        value={request.sourceIp ?? ''}
        placeholder="client address"
        testId="inspector.probe.sourceIp"
        onCommit={(v) => setRequest({ sourceIp: v || undefined })}
      />
    </fieldset>
  );
}
