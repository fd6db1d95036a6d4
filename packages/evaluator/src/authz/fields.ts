/**
 * Compiles AuthorizationPolicy fields and `when` conditions to predicates over an AuthzRequest
 * (docs/semantics.md §A4, §A5, §A7, §C3). Each predicate knows whether it is HTTP-only, so the TCP
 * treatment of §A8 can drop it.
 */
import {
  compileHostMatcher,
  compileIpMatcher,
  compilePathMatcher,
  compileStringMatcher,
  envoyTemplateProblem,
  parsePort,
  type StringMatcher,
} from '../match';
import { compileGlob } from '../match/glob';
import { principalNeverMatches } from '../match/principal';
import { getOwn } from '../read';
import type { AuthzRequest, Peer } from './context';

export type Predicate = (request: AuthzRequest) => boolean;

export interface Clause {
  /** e.g. `from[0].source.principals`, for explanations. */
  label: string;
  httpOnly: boolean;
  /** What of the client it depends on; null: only the request and the server. */
  reads: ClientAttribute | null;
  test: Predicate;
}

/**
 * What of the client a clause reads: its namespace, the rest of its identity (principal, service
 * account, trust domain), its addresses (direct and remote), or the connection (SNI: set only
 * over mTLS, otherwise fixed by the server port). The matrix shares one decision among clients
 * that agree on everything the server's policies read (matrix.ts).
 */
export type ClientAttribute = 'namespace' | 'identity' | 'address' | 'connection';

const CLIENT_ATTRIBUTES: ReadonlyMap<string, ClientAttribute> = new Map([
  ['principals', 'identity'],
  ['source.principal', 'identity'],
  ['namespaces', 'namespace'],
  ['source.namespace', 'namespace'],
  ['serviceAccounts', 'identity'],
  ['source.serviceAccount', 'identity'],
  ['trustDomains', 'identity'],
  ['source.trustDomain', 'identity'],
  ['ipBlocks', 'address'],
  ['source.ip', 'address'],
  ['remoteIpBlocks', 'address'],
  ['remote.ip', 'address'],
  ['connection.sni', 'connection'],
]);

/** The client attribute a field or `when` key reads, or null when it reads only the request and server. */
export function clientAttributeOf(field: string): ClientAttribute | null {
  return CLIENT_ATTRIBUTES.get(field) ?? null;
}

export interface TrustDomains {
  local: string;
  aliases: readonly string[];
}

const anyOf =
  (matchers: readonly StringMatcher[]) =>
  (value: string | undefined): boolean => {
    for (const m of matchers) if (m(value)) return true;
    return false;
  };

/**
 * Principal values get trust-domain aliasing (`trustdomain/bundle.go`): a principal whose trust
 * domain is the local one, an alias, or the literal `cluster.local` stands for every one of them.
 */
function expandPrincipal(value: string, td: TrustDomains): string[] {
  const parts = value.split('/');
  if (parts.length !== 5 || parts[1] !== 'ns' || parts[3] !== 'sa') return [value];
  const domain = parts[0] ?? '';
  const all = [td.local, ...td.aliases];
  if (domain !== 'cluster.local' && !all.includes(domain)) return [value];
  const rest = parts.slice(1).join('/');
  return [...new Set(all.map((d) => `${d}/${rest}`))];
}

/** Positive identity matcher: never matches without an authenticated peer (Envoy `authenticated`). */
function peerMatcher(
  values: readonly string[],
  get: (peer: Peer) => string | undefined,
  matcher: (v: string) => StringMatcher,
): (r: AuthzRequest) => boolean {
  const m = anyOf(values.map(matcher));
  return (r) => r.peer !== null && m(get(r.peer));
}

function principalMatcher(values: readonly string[], td: TrustDomains): Predicate {
  const expanded = values.flatMap((v) => expandPrincipal(v, td));
  return peerMatcher(
    expanded,
    (p) => p.principal,
    // The value is compared with `spiffe://` + value; a value that already has the scheme never matches.
    (v) =>
      principalNeverMatches(v) !== null ? () => false : compileStringMatcher(v, { presence: 'non-empty' }),
  );
}

function namespaceMatcher(values: readonly string[]): Predicate {
  // Istio emits the RE2 regex `.*/ns/<value with * as .*>/.*` over the peer's URI SAN. Without a
  // `*` that regex holds exactly when the SPIFFE namespace equals the value (no SPIFFE segment
  // contains '/'). With one, the same full match runs as a linear-time glob, never a regex.
  const exact = values.filter((v) => !v.includes('*'));
  const globs = values
    .filter((v) => v.includes('*'))
    .map((v) => {
      const pieces = v.split('*');
      pieces[0] = `/ns/${pieces[0] ?? ''}`;
      pieces[pieces.length - 1] = `${pieces[pieces.length - 1] ?? ''}/`;
      return compileGlob(['', ...pieces, '']);
    });
  return (r) => {
    const peer = r.peer;
    if (!peer) return false;
    if (exact.includes(peer.namespace)) return true;
    for (const glob of globs) if (glob(peer.uri)) return true;
    return false;
  };
}

function serviceAccountMatcher(values: readonly string[], policyNamespace: string): Predicate {
  const wanted = values.map((v) => (v.includes('/') ? v.split('/') : [policyNamespace, v]));
  return (r) => {
    const peer = r.peer;
    if (peer === null) return false;
    for (const [ns, sa] of wanted) if (peer.namespace === ns && peer.serviceAccount === sa) return true;
    return false;
  };
}

function trustDomainMatcher(values: readonly string[], td: TrustDomains): Predicate {
  const expanded = values.flatMap((v) =>
    v === td.local || td.aliases.includes(v) || v === 'cluster.local' ? [td.local, ...td.aliases] : [v],
  );
  return peerMatcher(
    expanded,
    (p) => p.trustDomain,
    (v) => compileStringMatcher(v, { presence: 'non-empty' }),
  );
}

/**
 * `requestPrincipals` values: split at the last `/`, iss and sub matched separately (§C3). As in
 * `requestPrincipalGenerator.extendedPrincipal`, a `*` counts only at the very start of the whole
 * value (iss suffix, or sub suffix when there is no `/`) or at its very end (sub prefix, or iss
 * prefix when there is no `/`); anywhere else it is a literal character.
 */
function requestPrincipalMatcher(values: readonly string[]): Predicate {
  const nonEmpty: StringMatcher = (s) => s !== undefined && s.length > 0;
  const exact =
    (x: string): StringMatcher =>
    (s) =>
      s === x;
  const prefix =
    (x: string): StringMatcher =>
    (s) =>
      s !== undefined && s.startsWith(x);
  const suffix =
    (x: string): StringMatcher =>
    (s) =>
      s !== undefined && s.endsWith(x);
  const parts = values.map((v): { iss: StringMatcher; sub: StringMatcher } => {
    if (v === '*') return { iss: nonEmpty, sub: nonEmpty };
    const slash = v.lastIndexOf('/');
    const found = slash !== -1;
    const iss = found ? v.slice(0, slash) : v;
    const sub = found ? v.slice(slash + 1) : '';
    if (v.startsWith('*')) {
      if (found) return { iss: iss === '*' ? nonEmpty : suffix(iss.slice(1)), sub: exact(sub) };
      return { iss: nonEmpty, sub: suffix(v.slice(1)) };
    }
    if (v.endsWith('*')) {
      if (found) return { iss: exact(iss), sub: sub === '*' ? nonEmpty : prefix(sub.slice(0, -1)) };
      return { iss: prefix(v.slice(0, -1)), sub: nonEmpty };
    }
    return { iss: exact(iss), sub: exact(sub) };
  });
  return (r) => {
    const payload = r.jwtPayload;
    if (!payload) return false;
    const iss = typeof payload.iss === 'string' ? payload.iss : undefined;
    const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
    for (const p of parts) if (p.iss(iss) && p.sub(sub)) return true;
    return false;
  };
}

/** A claim matches if it is a string that matches, or a list containing such a string (§C3). */
function claimMatcher(path: readonly string[], values: readonly string[]): Predicate {
  const m = anyOf(values.map((v) => compileStringMatcher(v, { presence: 'non-empty' })));
  return (r) => {
    let node: unknown = r.jwtPayload;
    for (const key of path) {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
      node = Object.prototype.hasOwnProperty.call(node, key)
        ? (node as Record<string, unknown>)[key]
        : undefined;
    }
    if (typeof node === 'string') return m(node);
    if (Array.isArray(node)) return node.some((item) => typeof item === 'string' && m(item));
    return false;
  };
}

function headerMatcher(name: string, values: readonly string[]): Predicate {
  const lower = name.toLowerCase();
  const m = anyOf(values.map((v) => compileStringMatcher(v, { presence: 'present' })));
  return (r) => r.http !== null && m(getOwn(r.http.headers, lower));
}

function ipMatcher(values: readonly string[], get: (r: AuthzRequest) => string): Predicate {
  const m = compileIpMatcher([...values]);
  return (r) => m(get(r));
}

function portMatcher(values: readonly string[]): Predicate {
  const ports = values.map(parsePort).filter((p): p is number => p !== null);
  return (r) => ports.includes(r.destinationPort);
}

function stringFieldMatcher(
  values: readonly string[],
  get: (r: AuthzRequest) => string | undefined,
  presence: 'present' | 'non-empty',
): Predicate {
  const m = anyOf(values.map((v) => compileStringMatcher(v, { presence })));
  return (r) => m(get(r));
}

/** Extracts `a`, `b` from `request.auth.claims[a][b]` (also `request.headers[x]`). */
export function bracketPath(key: string, prefix: string): string[] | null {
  if (!key.startsWith(prefix)) return null;
  const rest = key.slice(prefix.length);
  const parts = [...rest.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
  if (parts.length === 0 || parts.map((p) => `[${p}]`).join('') !== rest) return null;
  return parts;
}

export interface FieldCompiler {
  /** A source or operation field, or a `when` key, with its values. Null when unknown (skipped). */
  compile(
    field: string,
    values: readonly string[],
  ): { test: Predicate; httpOnly: boolean; never?: readonly string[] } | null;
}

/** Builds the compiler for one policy (its namespace matters for bare serviceAccounts). */
export function fieldCompiler(policyNamespace: string, td: TrustDomains): FieldCompiler {
  return {
    compile(field, values) {
      switch (field) {
        case 'principals':
        case 'source.principal':
          return { test: principalMatcher(values, td), httpOnly: false };
        case 'namespaces':
        case 'source.namespace':
          return { test: namespaceMatcher(values), httpOnly: false };
        case 'serviceAccounts':
        case 'source.serviceAccount':
          return { test: serviceAccountMatcher(values, policyNamespace), httpOnly: false };
        case 'trustDomains':
        case 'source.trustDomain':
          return { test: trustDomainMatcher(values, td), httpOnly: false };
        case 'ipBlocks':
        case 'source.ip':
          return { test: ipMatcher(values, (r) => r.sourceIp), httpOnly: false };
        case 'remoteIpBlocks':
        case 'remote.ip':
          return { test: ipMatcher(values, (r) => r.remoteIp), httpOnly: false };
        case 'destination.ip':
          return { test: ipMatcher(values, (r) => r.destinationIp), httpOnly: false };
        case 'ports':
        case 'destination.port':
          return { test: portMatcher(values), httpOnly: false };
        case 'connection.sni':
          return {
            test: stringFieldMatcher(values, (r) => (r.sni === '' ? undefined : r.sni), 'non-empty'),
            httpOnly: false,
          };
        case 'requestPrincipals':
        case 'request.auth.principal':
          return { test: requestPrincipalMatcher(values), httpOnly: true };
        case 'request.auth.audiences':
          return { test: claimMatcher(['aud'], values), httpOnly: true };
        case 'request.auth.presenter':
          return { test: claimMatcher(['azp'], values), httpOnly: true };
        case 'hosts': {
          const m = anyOf(values.map(compileHostMatcher));
          return { test: (r) => r.http !== null && m(r.http.host), httpOnly: true };
        }
        case 'methods':
          return { test: stringFieldMatcher(values, (r) => r.http?.method, 'present'), httpOnly: true };
        case 'paths': {
          const matchers = values.map(compilePathMatcher);
          // Values Istio accepts and Envoy refuses (match/template.ts): they never match.
          const never = values.filter((v) => envoyTemplateProblem(v) !== null);
          return {
            ...(never.length ? { never } : {}),
            test: (r) => {
              if (!r.http) return false;
              for (const m of matchers) if (m(r.http.path)) return true;
              return false;
            },
            httpOnly: true,
          };
        }
        default: {
          const claims = bracketPath(field, 'request.auth.claims');
          if (claims) return { test: claimMatcher(claims, values), httpOnly: true };
          const header = bracketPath(field, 'request.headers');
          if (header && header.length === 1)
            return { test: headerMatcher(header[0] ?? '', values), httpOnly: true };
          // experimental.envoy.filters.* reads Envoy dynamic metadata the playground does not simulate: absent.
          if (field.startsWith('experimental.envoy.filters.')) return { test: () => false, httpOnly: false };
          return null;
        }
      }
    },
  };
}
