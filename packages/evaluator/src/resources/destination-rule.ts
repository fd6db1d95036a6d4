/**
 * DestinationRule (networking.istio.io). Only TLS settings are simulated; the other traffic
 * policy fields of `destination_rule.proto` are accepted and ignored, unknown ones are refused.
 */
import type { NodePath } from '../document';
import type {
  ClientTlsMode,
  DestinationRule,
  PortTrafficPolicy,
  ResourceMeta,
  Subset,
  TlsSettings,
  TrafficPolicy,
} from './types';
import type { Reader } from '../read';
import { type Dict } from '../read';

const SPEC_FIELDS = ['host', 'trafficPolicy', 'subsets', 'exportTo', 'workloadSelector'] as const;
const TRAFFIC_POLICY_FIELDS = [
  'loadBalancer',
  'connectionPool',
  'outlierDetection',
  'tls',
  'portLevelSettings',
  'tunnel',
  'proxyProtocol',
  'retryBudget',
] as const;
const PORT_POLICY_FIELDS = ['port', 'loadBalancer', 'connectionPool', 'outlierDetection', 'tls'] as const;
const TLS_FIELDS = [
  'mode',
  'clientCertificate',
  'privateKey',
  'caCertificates',
  'credentialName',
  'subjectAltNames',
  'sni',
  'insecureSkipVerify',
  'caCrl',
] as const;
const TLS_MODES: readonly ClientTlsMode[] = ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'];

function readTls(r: Reader, obj: Dict, at: NodePath): TlsSettings | null {
  const tls = r.object(obj, 'tls', at);
  if (tls === undefined) return null;
  r.fields(tls, [...at, 'tls'], TLS_FIELDS);
  return { mode: r.enumString(tls, 'mode', [...at, 'tls'], TLS_MODES) ?? null };
}

function readTrafficPolicy(r: Reader, obj: Dict, at: NodePath): TrafficPolicy | null {
  const policy = r.object(obj, 'trafficPolicy', at);
  if (policy === undefined) return null;
  const pAt = [...at, 'trafficPolicy'];
  r.fields(policy, pAt, TRAFFIC_POLICY_FIELDS);
  const portLevelSettings: PortTrafficPolicy[] = [];
  const settings = r.list(policy, 'portLevelSettings', pAt) ?? [];
  for (const [entry, index] of r.dictItems(settings, [...pAt, 'portLevelSettings'])) {
    const eAt = [...pAt, 'portLevelSettings', index];
    r.fields(entry, eAt, PORT_POLICY_FIELDS);
    const port = r.object(entry, 'port', eAt);
    let number: number | undefined;
    if (port !== undefined) {
      r.fields(port, [...eAt, 'port'], ['number']);
      number = r.integer(port, 'number', [...eAt, 'port']);
    }
    if (number === undefined || number < 1 || number > 65535) {
      r.error(
        'dr.port-required',
        [...eAt, 'port'],
        'portLevelSettings entries must have port.number 1-65535',
        {
          key: port !== undefined,
        },
      );
      continue;
    }
    portLevelSettings.push({ port: number, tls: readTls(r, entry, eAt), index });
  }
  return { tls: readTls(r, policy, pAt), portLevelSettings };
}

function readLabels(r: Reader, obj: Dict, key: string, at: NodePath): Record<string, string> {
  return r.stringMap(obj, key, at) ?? {};
}

export function readDestinationRule(r: Reader, root: Dict, meta: ResourceMeta): DestinationRule {
  const spec = r.object(root, 'spec', []) ?? {};
  const at: NodePath = ['spec'];
  r.fields(spec, at, SPEC_FIELDS);
  const host = r.requiredString(spec, 'host', at, 'dr.host-required');

  const subsets: Subset[] = [];
  const seen = new Set<string>();
  for (const [raw, index] of r.dictItems(r.list(spec, 'subsets', at) ?? [], [...at, 'subsets'])) {
    const sAt = [...at, 'subsets', index];
    r.fields(raw, sAt, ['name', 'labels', 'trafficPolicy']);
    const name = r.requiredString(raw, 'name', sAt, 'dr.subset-name-required');
    if (name !== '' && seen.has(name))
      r.error('dr.subset-duplicate', [...sAt, 'name'], `duplicate subset name "${name}"`);
    seen.add(name);
    subsets.push({
      name,
      labels: readLabels(r, raw, 'labels', sAt),
      trafficPolicy: readTrafficPolicy(r, raw, sAt),
      index,
    });
  }

  let workloadSelector: Record<string, string> | null = null;
  const selector = r.object(spec, 'workloadSelector', at);
  if (selector !== undefined) {
    r.fields(selector, [...at, 'workloadSelector'], ['matchLabels']);
    workloadSelector = readLabels(r, selector, 'matchLabels', [...at, 'workloadSelector']);
  }

  return {
    meta,
    host,
    exportTo: r.stringList(spec, 'exportTo', at) ?? [],
    trafficPolicy: readTrafficPolicy(r, spec, at),
    subsets,
    workloadSelector,
  };
}
