/**
 * gateway.networking.k8s.io Gateway: class and listeners, as the Gateway API CRD schema requires
 * them. Addresses, infrastructure and listener TLS/allowedRoutes are accepted and ignored.
 */
import type { NodePath } from '../document';
import type { KubernetesGateway, ResourceMeta } from './types';
import type { Reader } from '../read';
import { type Dict } from '../read';

const SPEC_FIELDS = [
  'gatewayClassName',
  'listeners',
  'addresses',
  'infrastructure',
  'backendTLS',
  'allowedListeners',
  'tls',
  'defaultScope',
] as const;
const LISTENER_FIELDS = ['name', 'hostname', 'port', 'protocol', 'tls', 'allowedRoutes'] as const;
const MAX_LISTENERS = 64;

type Listener = KubernetesGateway['listeners'][number];

function readListener(r: Reader, raw: Dict, at: NodePath, index: number): Listener {
  r.fields(raw, at, LISTENER_FIELDS);
  const name = r.requiredString(raw, 'name', at, 'k8s-gateway.listener-name-required');
  const protocol = r.requiredString(raw, 'protocol', at, 'k8s-gateway.listener-protocol-required');
  const port = r.integer(raw, 'port', at);
  if (port === undefined || port < 1 || port > 65535) {
    r.error(
      'k8s-gateway.listener-port',
      r.present(raw, 'port') ? [...at, 'port'] : at,
      'listener port must be 1-65535',
    );
  }
  const hostname = r.string(raw, 'hostname', at);
  const out: Listener = { index, name, port: port ?? 0, protocol };
  if (hostname !== undefined) out.hostname = hostname;
  return out;
}

export function readKubernetesGateway(r: Reader, root: Dict, meta: ResourceMeta): KubernetesGateway {
  const spec = r.object(root, 'spec', []) ?? {};
  const at: NodePath = ['spec'];
  r.fields(spec, at, SPEC_FIELDS);
  const gatewayClassName = r.requiredString(spec, 'gatewayClassName', at, 'k8s-gateway.class-required');
  const raw = r.list(spec, 'listeners', at) ?? [];
  if (raw.length === 0 || raw.length > MAX_LISTENERS) {
    r.error('k8s-gateway.listeners', at, `a Gateway needs 1-${MAX_LISTENERS} listeners`, {
      key: at.length > 0,
    });
  }
  const listeners = r
    .dictItems(raw, [...at, 'listeners'])
    .map(([l, i]) => readListener(r, l, [...at, 'listeners', i], i));
  const names = new Set<string>();
  for (const l of listeners) {
    if (l.name !== '' && names.has(l.name)) {
      r.error(
        'k8s-gateway.listener-duplicate',
        [...at, 'listeners', l.index, 'name'],
        `duplicate listener name "${l.name}"`,
      );
    }
    names.add(l.name);
  }
  return { meta, gatewayClassName, listeners };
}
