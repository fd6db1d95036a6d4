/**
 * A DestinationRule that makes clients send plaintext (`tls.mode: DISABLE`) to a server whose
 * PeerAuthentication is STRICT: the server refuses every such connection (istio.io
 * ops/configuration/traffic-management/tls-configuration; docs/semantics.md M-rules,
 * mtls/client-tls.ts `handshake`).
 */
import { hostMatches } from '../mtls/client-tls';
import type { MeshWorkload } from '../mesh';
import type { DestinationRule, TrafficPolicy } from '../resources/types';
import type { Diagnostic } from '../types';
import { DOCS, warn, type LintInput } from './context';

interface Disabled {
  path: (string | number)[];
  /** The Service ports it applies to, or null for every port the policy does not set itself. */
  port: number | null;
  portLevel: number[];
}

function disabledIn(policy: TrafficPolicy | null, at: (string | number)[]): Disabled[] {
  if (!policy) return [];
  const out: Disabled[] = [];
  const portLevel = policy.portLevelSettings.map((p) => p.port);
  if (policy.tls?.mode === 'DISABLE') out.push({ path: [...at, 'tls', 'mode'], port: null, portLevel });
  for (const p of policy.portLevelSettings)
    if (p.tls?.mode === 'DISABLE')
      out.push({ path: [...at, 'portLevelSettings', p.index, 'tls', 'mode'], port: p.port, portLevel });
  return out;
}

function strictPorts(w: MeshWorkload, setting: Disabled, input: LintInput): number[] {
  return w.ports
    .filter((p) => (setting.port === null ? !setting.portLevel.includes(p.port) : p.port === setting.port))
    .filter((p) => input.peerAuthentications.forPort(w, p.targetPort).mode === 'STRICT')
    .map((p) => p.port);
}

export function destinationRuleLints(dr: DestinationRule, input: LintInput): Diagnostic[] {
  const { mesh } = input;
  const settings = [
    ...disabledIn(dr.trafficPolicy, [...dr.meta.basePath, 'spec', 'trafficPolicy']),
    ...dr.subsets.flatMap((s) =>
      disabledIn(s.trafficPolicy, [...dr.meta.basePath, 'spec', 'subsets', s.index, 'trafficPolicy']),
    ),
  ];
  if (settings.length === 0) return [];
  const servers = mesh.workloads.filter(
    (w) =>
      w.sidecar &&
      !w.gateway &&
      hostMatches(
        dr.host,
        dr.meta.namespace,
        `${w.service}.${w.namespace}.svc.${mesh.trustDomain}`,
        mesh.trustDomain,
      ) > 0,
  );
  const out: Diagnostic[] = [];
  for (const setting of settings) {
    const strict = servers.flatMap((w) => strictPorts(w, setting, input).map((port) => `${w.key}:${port}`));
    if (strict.length === 0) continue;
    const range = input.rangeOf(dr.meta.document, setting.path);
    out.push(
      warn(
        dr.meta,
        'lint.destination-rule-disable-strict',
        `tls.mode DISABLE makes clients send plaintext, but ${strict.join(', ')} ${strict.length === 1 ? 'requires' : 'require'} mTLS (PeerAuthentication STRICT): every connection is refused. Use ISTIO_MUTUAL`,
        range,
        {
          docs: DOCS.tlsConfiguration,
          fixes: range
            ? [{ title: 'Use tls.mode ISTIO_MUTUAL', edits: [{ range, text: 'ISTIO_MUTUAL' }] }]
            : [],
        },
      ),
    );
  }
  return out;
}
