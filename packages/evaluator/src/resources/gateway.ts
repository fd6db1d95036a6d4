/**
 * networking.istio.io Gateway: the servers (port, protocol, hosts, TLS mode) an ingress or egress
 * gateway listens with. TLS certificate fields are accepted and ignored.
 */
import type { NodePath } from '../document';
import type { IstioGateway, ResourceMeta } from './types';
import type { Reader } from '../read';
import { type Dict } from '../read';

const SPEC_FIELDS = ['selector', 'servers'] as const;
const SERVER_FIELDS = ['port', 'bind', 'hosts', 'tls', 'defaultEndpoint', 'name'] as const;
const PORT_FIELDS = ['number', 'protocol', 'name', 'targetPort'] as const;
const TLS_FIELDS = [
  'httpsRedirect',
  'mode',
  'serverCertificate',
  'privateKey',
  'caCertificates',
  'caCrl',
  'credentialName',
  'credentialNames',
  'tlsCertificates',
  'subjectAltNames',
  'verifyCertificateSpki',
  'verifyCertificateHash',
  'minProtocolVersion',
  'maxProtocolVersion',
  'cipherSuites',
] as const;
const TLS_MODES = [
  'PASSTHROUGH',
  'SIMPLE',
  'MUTUAL',
  'AUTO_PASSTHROUGH',
  'ISTIO_MUTUAL',
  'OPTIONAL_MUTUAL',
] as const;
/** Istio's protocol names (case-insensitive), as `protocol.Parse` knows them. */
const PROTOCOLS = [
  'HTTP',
  'HTTPS',
  'HTTP2',
  'GRPC',
  'GRPC-WEB',
  'TCP',
  'TLS',
  'MONGO',
  'REDIS',
  'MYSQL',
  'UDP',
];

type Server = IstioGateway['servers'][number];

function readServer(r: Reader, raw: Dict, at: NodePath, index: number): Server {
  r.fields(raw, at, SERVER_FIELDS);
  const port = r.object(raw, 'port', at);
  let number = 0;
  let protocol = '';
  let name: string | undefined;
  if (port === undefined) {
    r.error('gateway.port-required', at, 'server port is required');
  } else {
    const pAt = [...at, 'port'];
    r.fields(port, pAt, PORT_FIELDS);
    number = r.integer(port, 'number', pAt) ?? 0;
    if (number < 1 || number > 65535) r.error('gateway.port-number', pAt, 'port.number must be 1-65535');
    protocol = r.requiredString(port, 'protocol', pAt, 'gateway.protocol-required');
    if (protocol !== '' && !PROTOCOLS.includes(protocol.toUpperCase())) {
      r.error(
        'gateway.protocol',
        [...pAt, 'protocol'],
        `invalid protocol "${protocol}"; supported: ${PROTOCOLS.join(', ')}`,
      );
    }
    name = r.string(port, 'name', pAt);
  }
  const hosts = r.stringList(raw, 'hosts', at) ?? [];
  if (hosts.length === 0)
    r.error('gateway.hosts-required', at, 'server config must contain at least one host');
  let tlsMode: string | null = null;
  const tls = r.object(raw, 'tls', at);
  if (tls !== undefined) {
    r.fields(tls, [...at, 'tls'], TLS_FIELDS);
    tlsMode = r.enumString(tls, 'mode', [...at, 'tls'], TLS_MODES) ?? null;
  }
  const portOut: Server['port'] = name === undefined ? { number, protocol } : { number, name, protocol };
  return { index, port: portOut, hosts, tlsMode };
}

export function readIstioGateway(r: Reader, root: Dict, meta: ResourceMeta): IstioGateway {
  const spec = r.object(root, 'spec', []) ?? {};
  const at: NodePath = ['spec'];
  r.fields(spec, at, SPEC_FIELDS);
  const selector = r.stringMap(spec, 'selector', at) ?? {};
  const rawServers = r.list(spec, 'servers', at) ?? [];
  if (rawServers.length === 0)
    r.error('gateway.servers-required', at, 'gateway must have at least one server');
  const servers = r
    .dictItems(rawServers, [...at, 'servers'])
    .map(([raw, i]) => readServer(r, raw, [...at, 'servers', i], i));
  return { meta, selector, servers };
}
