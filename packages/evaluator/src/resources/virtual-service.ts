/**
 * networking.istio.io VirtualService: hosts, gateways and HTTP routes (matches, destinations,
 * direct responses). Retries, timeouts, fault injection, rewrites and the like exist in
 * `virtual_service.proto` and are accepted and ignored; TLS/TCP routes are accepted, not simulated.
 */
import type { NodePath } from '../document';
import type {
  HttpMatchRequest,
  HttpRouteDestination,
  ResourceMeta,
  StringMatch,
  VirtualService,
} from './types';
import type { Reader } from '../read';
import { routingClaim } from '../gateway/claims';
import { regexError, regexMessage } from '../match/regex';
import { type Dict, defineOwn, emptyMap, ownKeys } from '../read';

const SPEC_FIELDS = ['hosts', 'gateways', 'http', 'tls', 'tcp', 'exportTo'] as const;
const HTTP_ROUTE_FIELDS = [
  'name',
  'match',
  'route',
  'redirect',
  'directResponse',
  'delegate',
  'rewrite',
  'timeout',
  'retries',
  'fault',
  'mirror',
  'mirrors',
  'mirrorPercent',
  'mirrorPercentage',
  'corsPolicy',
  'headers',
] as const;
const MATCH_FIELDS = [
  'name',
  'uri',
  'scheme',
  'method',
  'authority',
  'headers',
  'port',
  'sourceLabels',
  'gateways',
  'queryParams',
  'ignoreUriCase',
  'withoutHeaders',
  'sourceNamespace',
  'statPrefix',
] as const;
const DESTINATION_FIELDS = ['destination', 'weight', 'headers'] as const;
const STRING_MATCH_FIELDS = ['exact', 'prefix', 'regex'] as const;

type HttpRoute = VirtualService['http'][number];

/**
 * A StringMatch as Istio validates it (istio/istio pkg/config/validation/virtualservice.go
 * `validateHTTPRouteMatchRequest`, validation.go `validateStringMatch`): `{}` (no match type) is a
 * presence match; an empty prefix is refused except under `uri`; an empty regex is refused; a regex
 * must compile, except `*` under `withoutHeaders`, which Istio turns into a presence match.
 */
function readStringMatch(r: Reader, raw: Dict, at: NodePath, where: string): StringMatch {
  r.fields(raw, at, STRING_MATCH_FIELDS);
  const out: StringMatch = {};
  for (const f of STRING_MATCH_FIELDS) {
    const v = r.string(raw, f, at);
    if (v !== undefined) out[f] = v;
  }
  if (Object.keys(out).length > 1) {
    r.error('vs.string-match', at, 'a string match sets at most one of exact, prefix or regex');
  }
  if (out.prefix === '' && where !== 'uri') {
    r.error('vs.string-match', [...at, 'prefix'], `"${where}": prefix string match should not be empty`);
  }
  if (out.regex === '') {
    r.error('vs.string-match', [...at, 'regex'], `"${where}": regex string match should not be empty`);
  } else if (out.regex !== undefined && !(where === 'withoutHeaders' && out.regex === '*')) {
    const error = regexError(out.regex);
    if (error !== null) r.error('regex.unsupported', [...at, 'regex'], regexMessage(out.regex, error));
  }
  return out;
}

function readOptionalMatch(r: Reader, obj: Dict, key: string, at: NodePath): StringMatch | undefined {
  const raw = r.object(obj, key, at);
  return raw === undefined ? undefined : readStringMatch(r, raw, [...at, key], key);
}

function readMatch(r: Reader, raw: Dict, at: NodePath): HttpMatchRequest {
  r.fields(raw, at, MATCH_FIELDS);
  const out: HttpMatchRequest = {};
  const uri = readOptionalMatch(r, raw, 'uri', at);
  const method = readOptionalMatch(r, raw, 'method', at);
  const authority = readOptionalMatch(r, raw, 'authority', at);
  const scheme = readOptionalMatch(r, raw, 'scheme', at);
  if (uri) out.uri = uri;
  if (method) out.method = method;
  if (authority) out.authority = authority;
  if (scheme) out.scheme = scheme;
  const ignoreUriCase = r.boolean(raw, 'ignoreUriCase', at);
  if (ignoreUriCase !== undefined) out.ignoreUriCase = ignoreUriCase;
  const gateways = r.stringList(raw, 'gateways', at);
  if (gateways !== undefined) out.gateways = gateways;
  const sourceLabels = r.stringMap(raw, 'sourceLabels', at);
  if (sourceLabels !== undefined) out.sourceLabels = sourceLabels;
  const sourceNamespace = r.string(raw, 'sourceNamespace', at);
  if (sourceNamespace !== undefined) out.sourceNamespace = sourceNamespace;
  for (const field of ['headers', 'withoutHeaders', 'queryParams'] as const) {
    const headers = r.object(raw, field, at);
    if (headers === undefined) continue;
    const map = emptyMap<StringMatch>();
    for (const name of ownKeys(headers)) {
      const h = r.object(headers, name, [...at, field]);
      if (h !== undefined) defineOwn(map, name, readStringMatch(r, h, [...at, field, name], field));
    }
    out[field] = map;
  }
  const port = r.integer(raw, 'port', at);
  if (port !== undefined) out.port = port;
  return out;
}

function readDestination(r: Reader, raw: Dict, at: NodePath): HttpRouteDestination {
  r.fields(raw, at, DESTINATION_FIELDS);
  const dest = r.object(raw, 'destination', at);
  const out: HttpRouteDestination = { host: '' };
  if (dest === undefined) {
    r.error('vs.destination-required', at, 'route destination is required');
  } else {
    const dAt = [...at, 'destination'];
    r.fields(dest, dAt, ['host', 'subset', 'port']);
    out.host = r.requiredString(dest, 'host', dAt, 'vs.destination-host-required');
    const subset = r.string(dest, 'subset', dAt);
    if (subset !== undefined) out.subset = subset;
    const port = r.object(dest, 'port', dAt);
    if (port !== undefined) {
      r.fields(port, [...dAt, 'port'], ['number']);
      const n = r.integer(port, 'number', [...dAt, 'port']);
      if (n !== undefined) out.port = n;
    }
  }
  const weight = r.integer(raw, 'weight', at);
  if (weight !== undefined) out.weight = weight;
  return out;
}

function readHttpRoute(r: Reader, raw: Dict, at: NodePath, index: number): HttpRoute {
  r.fields(raw, at, HTTP_ROUTE_FIELDS);
  const match = r
    .dictItems(r.list(raw, 'match', at) ?? [], [...at, 'match'])
    .map(([m, i]) => readMatch(r, m, [...at, 'match', i]));
  const route = r
    .dictItems(r.list(raw, 'route', at) ?? [], [...at, 'route'])
    .map(([d, i]) => readDestination(r, d, [...at, 'route', i]));
  const out: HttpRoute = { index, match, route };
  const direct = r.object(raw, 'directResponse', at);
  if (direct !== undefined) {
    r.fields(direct, [...at, 'directResponse'], ['status', 'body']);
    const status = r.integer(direct, 'status', [...at, 'directResponse']);
    if (status === undefined || status < 200 || status > 599) {
      r.error(
        'vs.direct-response-status',
        [...at, 'directResponse'],
        'directResponse.status must be an HTTP status 200-599',
        {
          key: true,
        },
      );
    } else {
      out.directResponse = { status };
    }
  }
  const rewrite = r.object(raw, 'rewrite', at);
  if (rewrite !== undefined) {
    const rp = [...at, 'rewrite'];
    r.fields(rewrite, rp, ['uri', 'authority', 'uriRegexRewrite']);
    const uri = r.string(rewrite, 'uri', rp);
    const regex = r.object(rewrite, 'uriRegexRewrite', rp);
    out.rewrite = {};
    if (uri) out.rewrite.uri = uri;
    const authority = r.string(rewrite, 'authority', rp);
    if (authority) out.rewrite.authority = authority;
    if (regex !== undefined) {
      r.fields(regex, [...rp, 'uriRegexRewrite'], ['match', 'rewrite']);
      const m = r.string(regex, 'match', [...rp, 'uriRegexRewrite']);
      const w = r.string(regex, 'rewrite', [...rp, 'uriRegexRewrite']);
      if (m !== undefined && w !== undefined) out.rewrite.uriRegexRewrite = { match: m, rewrite: w };
    }
  }
  if (
    route.length === 0 &&
    direct === undefined &&
    !r.present(raw, 'redirect') &&
    !r.present(raw, 'delegate')
  ) {
    r.error('vs.route-required', at, 'HTTP route, redirect, direct response or delegate is required');
  }
  return out;
}

export function readVirtualService(r: Reader, root: Dict, meta: ResourceMeta): VirtualService {
  const spec = r.object(root, 'spec', []) ?? {};
  const at: NodePath = ['spec'];
  r.fields(spec, at, SPEC_FIELDS);
  const hosts = r.stringList(spec, 'hosts', at) ?? [];
  const gateways = r.stringList(spec, 'gateways', at) ?? [];
  if (hosts.length === 0) {
    r.warning(
      'vs.no-hosts',
      at,
      'virtual service has no hosts; it is only usable as a delegate of another virtual service',
      { key: true },
    );
  }
  const http = r
    .dictItems(r.list(spec, 'http', at) ?? [], [...at, 'http'])
    .map(([raw, i]) => readHttpRoute(r, raw, [...at, 'http', i], i));
  // Istio's validation refuses JWT claim routes on a VirtualService that applies to no gateway
  // (istio/istio pkg/config/validation/validation.go, "JWT claim based routing … is only supported
  // for gateway"): no `gateways`, or only the reserved `mesh`.
  if (!gateways.some((g) => g !== 'mesh')) {
    for (const route of http)
      route.match.forEach((m, i) => {
        for (const field of ['headers', 'withoutHeaders'] as const)
          for (const name of ownKeys(m[field] ?? {}))
            if (routingClaim(name) !== null)
              r.error(
                'vs.jwt-claim-route-mesh',
                [...at, 'http', route.index, 'match', i, field, name],
                `JWT claim based routing (${name}) is only supported for gateways; this VirtualService applies to sidecars (gateways: ${gateways.length ? gateways.join(', ') : 'none'})`,
                { key: true },
              );
      });
  }
  return { meta, hosts, gateways, http };
}
