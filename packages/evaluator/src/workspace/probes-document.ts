/**
 * The playground's Probes document (`playground/v1`): the clock, tokens, JWKS and the probes
 * themselves, read field by field into typed specs. Nothing decoded is ever spread into our objects.
 */
import type { NodePath } from '../document';
import type { Dict, Reader } from '../read';
import type { JwksSpec, ProbeSpec, ProbesSpec, RequestSpec, TokenSpec, TokenUse } from '../types';
import * as schema from './schema';
import { ADDRESSES, PORT_BOUNDS, RFC3339, SIGNATURES, TOKEN_LOCATION, fieldsOf, isOneOf } from './schema';

/**
 * RFC 3339 date-time with an explicit offset. `Date.parse` alone also takes "1" (2001), "Jan 1 2026"
 * and offset-less times it reads in the machine's local zone, so verdicts would depend on the host.
 */
const isRfc3339 = (v: string): boolean => RFC3339.test(v) && !Number.isNaN(Date.parse(v));

function readTokenUse(r: Reader, item: Dict, path: NodePath): TokenUse | null {
  r.fields(item, path, fieldsOf(schema.TokenUse));
  const token = r.string(item, 'token', path);
  if (!token) {
    r.error('probes.token-required', path, `${r.path(path)} needs a token name`);
    return null;
  }
  const use: TokenUse = { token };
  const where = r.string(item, 'in', path);
  const prefix = r.string(item, 'prefix', path);
  if (where !== undefined) {
    if (TOKEN_LOCATION.test(where)) use.in = where;
    else
      r.error(
        'probes.token-location',
        [...path, 'in'],
        `"${where}" must be header:<name>, query:<param> or cookie:<name>`,
      );
  }
  if (prefix !== undefined) use.prefix = prefix;
  return use;
}

function readRequest(r: Reader, item: Dict, path: NodePath): RequestSpec {
  r.fields(item, path, fieldsOf(schema.RequestSpec));
  const request: RequestSpec = {};
  const method = r.string(item, 'method', path);
  const reqPath = r.string(item, 'path', path);
  const host = r.string(item, 'host', path);
  const headers = r.stringMap(item, 'headers', path);
  const token = r.string(item, 'token', path);
  const sourceIp = r.string(item, 'sourceIp', path);
  if (method !== undefined) request.method = method;
  if (reqPath !== undefined) request.path = reqPath;
  if (host !== undefined) request.host = host;
  if (headers !== undefined) request.headers = headers;
  if (token !== undefined) request.token = token;
  if (sourceIp !== undefined) request.sourceIp = sourceIp;
  const tokens: TokenUse[] = [];
  r.each(item, 'tokens', path, (t, tp) => {
    const use = readTokenUse(r, t, tp);
    if (use) tokens.push(use);
  });
  if (item.tokens !== undefined) request.tokens = tokens;
  return request;
}

function readToken(r: Reader, item: Dict, path: NodePath): TokenSpec {
  r.fields(item, path, fieldsOf(schema.TokenSpec));
  const token: TokenSpec = {};
  const claims = r.object(item, 'claims', path);
  const signature = r.string(item, 'signature', path);
  const raw = r.string(item, 'raw', path);
  const jwt = r.string(item, 'jwt', path);
  const forms = [claims, raw, jwt].filter((v) => v !== undefined).length;
  if (forms !== 1) {
    r.error('probes.token-form', path, `${r.path(path)} needs exactly one of claims, raw or jwt`);
  }
  if (claims) token.claims = claims;
  if (signature !== undefined) {
    if (isOneOf(signature, SIGNATURES)) token.signature = signature;
    else r.error('probes.token-signature', [...path, 'signature'], `signature must be "valid" or "invalid"`);
  }
  if (raw !== undefined) token.raw = raw;
  if (jwt !== undefined) token.jwt = jwt;
  return token;
}

function readProbe(r: Reader, item: Dict, path: NodePath): ProbeSpec | null {
  r.fields(item, path, fieldsOf(schema.ProbeSpec));
  const from = r.string(item, 'from', path);
  const to = r.string(item, 'to', path);
  const port = r.integer(item, 'port', path, PORT_BOUNDS);
  if (!from || !to || port === undefined) {
    r.error('probes.incomplete', path, `${r.path(path)} needs from, to and port`);
    return null;
  }
  const probe: ProbeSpec = { from, to, port };
  const name = r.string(item, 'name', path);
  const address = r.string(item, 'address', path);
  const now = r.string(item, 'now', path);
  const expect = r.string(item, 'expect', path);
  const expectMtls = r.boolean(item, 'expectMtls', path);
  if (name !== undefined) probe.name = name;
  if (address !== undefined) {
    if (isOneOf(address, ADDRESSES)) probe.address = address;
    else r.error('probes.address', [...path, 'address'], `address must be "service" or "podIP"`);
  }
  if (now !== undefined) {
    if (!isRfc3339(now)) r.error('probes.now', [...path, 'now'], `now "${now}" is not an RFC 3339 time`);
    else probe.now = now;
  }
  if (expect !== undefined) probe.expect = expect;
  if (expectMtls !== undefined) probe.expectMtls = expectMtls;
  const request = r.object(item, 'request', path);
  if (request) probe.request = readRequest(r, request, [...path, 'request']);
  return probe;
}

export interface ReadProbesResult {
  probes: ProbesSpec;
  /** Path of each probe read, in the order of `probes.probes`. */
  probePaths: NodePath[];
  /** Items of `spec.probes` not read as probes (not a map, or no valid from, to and port). */
  droppedProbePaths: NodePath[];
}

export function readProbes(r: Reader, root: Dict): ReadProbesResult {
  const spec = r.object(root, 'spec', []);
  const out: ProbesSpec = { probes: [] };
  const probePaths: NodePath[] = [];
  const droppedProbePaths: NodePath[] = [];
  if (!spec) return { probes: out, probePaths, droppedProbePaths };
  const P = ['spec'];
  r.fields(spec, P, fieldsOf(schema.ProbesSpec));
  const now = r.string(spec, 'now', P);
  if (now !== undefined) {
    if (!isRfc3339(now)) r.error('probes.now', [...P, 'now'], `now "${now}" is not an RFC 3339 time`);
    else out.now = now;
  }
  const tokens = r.object(spec, 'tokens', P);
  if (tokens) {
    out.tokens = Object.create(null) as Record<string, TokenSpec>;
    for (const [name, value] of Object.entries(tokens)) {
      const tp = [...P, 'tokens', name];
      const token = r.dict(value, tp);
      if (token) out.tokens[name] = readToken(r, token, tp);
    }
  }
  const jwks = r.object(spec, 'jwks', P);
  if (jwks) {
    out.jwks = Object.create(null) as Record<string, JwksSpec>;
    for (const [uri, value] of Object.entries(jwks)) {
      const jp = [...P, 'jwks', uri];
      const entry = r.dict(value, jp);
      if (!entry) continue;
      r.fields(entry, jp, fieldsOf(schema.JwksSpec));
      const set: JwksSpec = {};
      const keys = r.list(entry, 'keys', jp);
      const unavailable = r.boolean(entry, 'unavailable', jp);
      if (keys) set.keys = keys;
      if (unavailable !== undefined) set.unavailable = unavailable;
      out.jwks[uri] = set;
    }
  }
  r.each(spec, 'probes', P, (item, path) => {
    const probe = readProbe(r, item, path);
    if (probe) {
      out.probes?.push(probe);
      probePaths.push(path);
    }
  });
  const items = spec.probes;
  if (Array.isArray(items) && probePaths.length < items.length) {
    const read = new Set(probePaths.map((p) => p[p.length - 1]));
    for (let i = 0; i < items.length; i++) if (!read.has(i)) droppedProbePaths.push([...P, 'probes', i]);
  }
  return { probes: out, probePaths, droppedProbePaths };
}
