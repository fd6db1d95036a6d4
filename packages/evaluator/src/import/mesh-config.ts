/**
 * Mesh settings from Istio's `istio` ConfigMap (istiod's namespace, istio-system): its `mesh` key
 * is MeshConfig as YAML. Only what the Mesh document models is read; the rest is reported.
 */
import { parse } from 'yaml';
import { MAX_ALIAS_COUNT } from '../limits';
import { PATH_NORMALIZATIONS } from '../match';
import { isRecord } from '../guards';
import type { ExtensionProviderSpec, MeshSpec } from '../types';
import { type KubeObject, dict, list, str } from './kube';
import { type SkippedObject, skippedEntry } from './summary';

/** The MeshConfig fields the Mesh document has a place for. */
type MeshSettings = Pick<
  MeshSpec,
  | 'rootNamespace'
  | 'trustDomain'
  | 'trustDomainAliases'
  | 'enableAutoMtls'
  | 'numTrustedProxies'
  | 'extensionProviders'
  | 'meshConfig'
>;

type Normalization = NonNullable<NonNullable<MeshSpec['meshConfig']>['pathNormalization']>['normalization'];
const NORMALIZATIONS: readonly string[] = ['DEFAULT', ...PATH_NORMALIZATIONS];
const isNormalization = (v: unknown): v is Normalization =>
  typeof v === 'string' && NORMALIZATIONS.includes(v);

export const MESH_CONFIGMAP = { name: 'istio', namespace: 'istio-system' } as const;

export function isMeshConfigMap(object: KubeObject): boolean {
  return (
    object.kind === 'ConfigMap' &&
    object.name === MESH_CONFIGMAP.name &&
    object.namespace === MESH_CONFIGMAP.namespace
  );
}

const isPort = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535;

function provider(value: unknown, skipped: SkippedObject[]): ExtensionProviderSpec | null {
  const p = dict(value);
  const name = str(p?.name);
  if (!p || !name) return null;
  for (const kind of ['envoyExtAuthzGrpc', 'envoyExtAuthzHttp'] as const) {
    const body = dict(p[kind]);
    if (!body) continue;
    const out: { service?: string; port?: number } = {};
    const service = str(body.service);
    if (service) out.service = service;
    if (isPort(body.port)) out.port = body.port;
    else if (typeof body.port === 'string' && /^\d+$/.test(body.port)) out.port = Number(body.port);
    return { name, [kind]: out };
  }
  skipped.push(
    skippedEntry(
      'MeshConfig extensionProvider',
      '',
      name,
      'only envoyExtAuthzGrpc/envoyExtAuthzHttp providers are simulated',
    ),
  );
  return null;
}

/**
 * The settings of the ConfigMap's `mesh` key, what was skipped and any problem reading it. A key
 * the format has no place for (outboundTrafficPolicy, …) is reported by name.
 */
export function readMeshConfig(object: KubeObject): {
  settings: MeshSettings;
  skipped: SkippedObject[];
  warnings: string[];
} {
  const settings: MeshSettings = {};
  const skipped: SkippedObject[] = [];
  const warnings: string[] = [];
  const text = str(dict(object.raw.data)?.mesh);
  if (text === undefined) {
    warnings.push(`ConfigMap ${object.namespace}/${object.name} has no "mesh" key: default mesh settings`);
    return { settings, skipped, warnings };
  }
  let mesh: unknown;
  try {
    mesh = parse(text, { maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    warnings.push(
      `ConfigMap ${object.namespace}/${object.name}: its "mesh" key is not YAML (${error instanceof Error ? error.message : String(error)}): default mesh settings`,
    );
    return { settings, skipped, warnings };
  }
  if (!isRecord(mesh)) return { settings, skipped, warnings };
  const trustDomain = str(mesh.trustDomain);
  const rootNamespace = str(mesh.rootNamespace);
  const aliases = list(mesh.trustDomainAliases).filter((a): a is string => typeof a === 'string');
  if (rootNamespace) settings.rootNamespace = rootNamespace;
  if (trustDomain) settings.trustDomain = trustDomain;
  if (aliases.length) settings.trustDomainAliases = aliases;
  if (typeof mesh.enableAutoMtls === 'boolean') settings.enableAutoMtls = mesh.enableAutoMtls;
  const trusted = dict(dict(dict(mesh.defaultConfig)?.gatewayTopology))?.numTrustedProxies;
  if (typeof trusted === 'number' && Number.isInteger(trusted) && trusted >= 0 && trusted <= 64)
    settings.numTrustedProxies = trusted;
  const providers = list(mesh.extensionProviders).flatMap((p) => provider(p, skipped) ?? []);
  if (providers.length) settings.extensionProviders = providers;
  const known = new Set([
    'trustDomain',
    'rootNamespace',
    'trustDomainAliases',
    'enableAutoMtls',
    'extensionProviders',
    'defaultConfig',
  ]);
  const normalization = dict(mesh.pathNormalization)?.normalization;
  if (isNormalization(normalization)) settings.meshConfig = { pathNormalization: { normalization } };
  else if (normalization !== undefined)
    warnings.push(
      `ConfigMap ${object.namespace}/${object.name}: pathNormalization.normalization "${String(normalization)}" is not one Istio knows: the default (BASE)`,
    );
  known.add('pathNormalization');
  const unknown = Object.keys(mesh).filter((key) => !known.has(key));
  if (unknown.length)
    skipped.push(
      skippedEntry('MeshConfig', object.namespace, object.name, `not simulated: ${unknown.join(', ')}`),
    );
  return { settings, skipped, warnings };
}
