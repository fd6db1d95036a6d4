/**
 * The rules of an AuthorizationPolicy (`from.source`, `to.operation`, `when` conditions), read
 * faithfully and validated as Istio's webhook (`validation.go` ValidateAuthorizationPolicy,
 * `security.go`) would, plus lints for values that are accepted but can never match
 * (docs/semantics.md §A4, §A9, Z38, Z41).
 */
import type { NodePath } from '../document';
import type { AuthorizationAction, Condition, Operation, Rule, Source } from './types';
import type { Reader } from '../read';
import { formatPath } from '../guards';
import { type Dict } from '../read';
import { principalNeverMatches } from '../match/principal';
import { envoyTemplateProblem } from '../match/template';
import {
  CUSTOM_UNSUPPORTED_KEYS,
  checkAttribute,
  checkIpOrCidr,
  checkPathTemplate,
  ipZoneNote,
  checkPort,
  checkServiceAccount,
  checkTrustDomain,
} from './values';

const MAX_SERVICE_ACCOUNTS = 16;

const SOURCE_FIELDS = [
  'principals',
  'notPrincipals',
  'requestPrincipals',
  'notRequestPrincipals',
  'namespaces',
  'notNamespaces',
  'serviceAccounts',
  'notServiceAccounts',
  'trustDomains',
  'notTrustDomains',
  'ipBlocks',
  'notIpBlocks',
  'remoteIpBlocks',
  'notRemoteIpBlocks',
] as const satisfies readonly (keyof Source)[];

const OPERATION_FIELDS = [
  'hosts',
  'notHosts',
  'ports',
  'notPorts',
  'methods',
  'notMethods',
  'paths',
  'notPaths',
] as const satisfies readonly (keyof Operation)[];

/** Source fields that need a peer identity or a JWT, refused with CUSTOM (CUSTOM runs first). */
const CUSTOM_UNSUPPORTED_SOURCE: readonly (keyof Source)[] = [
  'principals',
  'notPrincipals',
  'requestPrincipals',
  'notRequestPrincipals',
  'namespaces',
  'notNamespaces',
  'serviceAccounts',
  'notServiceAccounts',
  'trustDomains',
  'notTrustDomains',
];

/** Source fields that still mean something on a TCP chain (docs/semantics.md §A8). */
const TCP_SOURCE_FIELDS: readonly (keyof Source)[] = SOURCE_FIELDS.filter(
  (f) => f !== 'requestPrincipals' && f !== 'notRequestPrincipals',
);

const IP_FIELDS: readonly string[] = ['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'];
function setCount(obj: Source | Operation, fields: readonly string[]): number {
  const rec = obj as Record<string, string[] | undefined>;
  return fields.reduce((n, f) => n + (rec[f]?.length ?? 0), 0);
}

/** Reads a list of string values and applies the webhook's "empty value" rule. */
function readValues(r: Reader, obj: Dict, field: string, at: NodePath, label: string): string[] | undefined {
  const values = r.stringList(obj, field, at);
  values?.forEach((v, i) => {
    if (v === '') {
      r.error('authz.empty-value', [...at, field, i], `empty value not allowed, found in ${label}.${field}`);
    }
  });
  return values;
}

function readSource(r: Reader, src: Dict, at: NodePath, action: AuthorizationAction): Source {
  r.fields(src, at, SOURCE_FIELDS);
  const source: Source = {};
  for (const field of SOURCE_FIELDS) {
    const values = readValues(r, src, field, at, 'from.source');
    if (values !== undefined) source[field] = values;
  }
  if (setCount(source, SOURCE_FIELDS) === 0) {
    r.error('authz.source-empty', at, '`from.source` must not be empty: set at least one field');
  }
  for (const field of IP_FIELDS) {
    (source[field as keyof Source] ?? []).forEach((v, i) => {
      const problem = v === '' ? null : checkIpOrCidr(v);
      if (problem !== null)
        r.error('authz.bad-ip', [...at, field, i], `${problem} in ${formatPath([...at, field])}`);
      const zone = problem === null && v !== '' ? ipZoneNote(v) : null;
      if (zone !== null) r.warning('authz.ip-zone-ignored', [...at, field, i], zone);
    });
  }
  for (const field of ['serviceAccounts', 'notServiceAccounts'] as const) {
    const values = source[field] ?? [];
    if (values.length > MAX_SERVICE_ACCOUNTS) {
      r.error(
        'authz.service-accounts',
        [...at, field],
        `${field} may not have more than ${MAX_SERVICE_ACCOUNTS} values`,
      );
    }
    values.forEach((v, i) => {
      const problem = v === '' ? null : checkServiceAccount(v);
      if (problem !== null) r.error('authz.service-accounts', [...at, field, i], problem);
    });
  }
  if (
    setCount(source, ['serviceAccounts', 'notServiceAccounts']) > 0 &&
    setCount(source, ['principals', 'notPrincipals', 'namespaces', 'notNamespaces']) > 0
  ) {
    r.error(
      'authz.service-accounts-with-principals',
      at,
      'cannot set serviceAccounts with namespaces or principals in the same source',
    );
  }
  for (const field of ['trustDomains', 'notTrustDomains'] as const) {
    (source[field] ?? []).forEach((v, i) => {
      const problem = v === '' ? null : checkTrustDomain(v);
      if (problem !== null) r.error('authz.trust-domains', [...at, field, i], problem);
    });
  }
  if (action === 'CUSTOM') {
    for (const field of CUSTOM_UNSUPPORTED_SOURCE) {
      if ((source[field]?.length ?? 0) > 0) {
        r.error(
          'authz.custom-unsupported',
          [...at, field],
          `from.source.${field} is currently not supported with CUSTOM action (CUSTOM runs before authentication)`,
          { key: true },
        );
      }
    }
  }
  for (const field of ['principals', 'notPrincipals'] as const) {
    (source[field] ?? []).forEach((v, i) => lintPrincipal(r, v, [...at, field, i]));
  }
  return source;
}

function lintPrincipal(r: Reader, value: string, at: NodePath): void {
  const problem = principalNeverMatches(value);
  if (problem !== null) r.warning('lint.principal-spiffe-prefix', at, problem);
}

function readOperation(r: Reader, op: Dict, at: NodePath): Operation {
  r.fields(op, at, OPERATION_FIELDS);
  const operation: Operation = {};
  for (const field of OPERATION_FIELDS) {
    const values = readValues(r, op, field, at, 'to.operation');
    if (values !== undefined) operation[field] = values;
  }
  if (setCount(operation, OPERATION_FIELDS) === 0) {
    r.error('authz.operation-empty', at, '`to.operation` must not be empty: set at least one field');
  }
  for (const field of ['ports', 'notPorts'] as const) {
    (operation[field] ?? []).forEach((v, i) => {
      const problem = v === '' ? null : checkPort(v);
      if (problem !== null) r.error('authz.bad-port', [...at, field, i], problem);
    });
  }
  for (const field of ['paths', 'notPaths'] as const) {
    (operation[field] ?? []).forEach((v, i) => {
      const problem = checkPathTemplate(v);
      const envoy = problem === null ? envoyTemplateProblem(v) : null;
      if (problem !== null) r.error('authz.bad-path-template', [...at, field, i], problem);
      else if (envoy !== null) r.warning('authz.path-template-unsupported', [...at, field, i], envoy);
      else if (v !== '' && !v.startsWith('/') && !v.startsWith('*')) {
        r.warning(
          'lint.path-no-leading-slash',
          [...at, field, i],
          `path "${v}" does not start with "/"; request paths always do, so it never matches`,
        );
      }
    });
  }
  for (const field of ['methods', 'notMethods'] as const) {
    (operation[field] ?? []).forEach((v, i) => {
      if (v !== v.toUpperCase()) {
        r.warning(
          'lint.method-case',
          [...at, field, i],
          `method "${v}" is not upper-case; methods are matched case-sensitively, so it never matches. ` +
            `Write "${v.toUpperCase()}"`,
        );
      }
    });
  }
  return operation;
}

function readCondition(r: Reader, cond: Dict, at: NodePath, action: AuthorizationAction): Condition {
  r.fields(cond, at, ['key', 'values', 'notValues']);
  const key = r.string(cond, 'key', at) ?? '';
  const values = r.stringList(cond, 'values', at);
  const notValues = r.stringList(cond, 'notValues', at);
  const condition: Condition = { key };
  if (values !== undefined) condition.values = values;
  if (notValues !== undefined) condition.notValues = notValues;
  if (key === '') {
    r.error('authz.condition-key-empty', at, '`key` must not be empty in a when condition');
    return condition;
  }
  const keyPath = [...at, 'key'];
  if ((values?.length ?? 0) === 0 && (notValues?.length ?? 0) === 0) {
    r.error(
      'authz.condition-values-required',
      at,
      `at least one of \`values\` or \`notValues\` must be set for key ${key}`,
    );
  } else {
    const valueProblem = checkAttribute(key, values ?? []);
    const notValueProblem = checkAttribute(key, notValues ?? []);
    if (valueProblem !== null) {
      r.error(valueProblem.code, keyPath, `invalid \`value\` for \`key\` ${key}: ${valueProblem.message}`);
    } else if (notValueProblem !== null) {
      r.error(
        notValueProblem.code,
        keyPath,
        `invalid \`notValue\` for \`key\` ${key}: ${notValueProblem.message}`,
      );
    }
  }
  if (
    action === 'CUSTOM' &&
    ((CUSTOM_UNSUPPORTED_KEYS as readonly string[]).includes(key) || key.startsWith('request.auth.'))
  ) {
    r.error(
      'authz.custom-unsupported',
      keyPath,
      `when key ${key} is currently not supported with CUSTOM action`,
    );
  }
  if (key === 'source.principal') {
    [...(values ?? []), ...(notValues ?? [])].forEach((v) => lintPrincipal(r, v, keyPath));
  }
  if (key === 'source.ip' || key === 'remote.ip' || key === 'destination.ip') {
    for (const field of ['values', 'notValues'] as const)
      (condition[field] ?? []).forEach((v, i) => {
        const zone = checkIpOrCidr(v) === null ? ipZoneNote(v) : null;
        if (zone !== null) r.warning('authz.ip-zone-ignored', [...at, field, i], zone);
      });
  }
  return condition;
}
/** One entry of `spec.rules`; a null or non-map rule is reported and kept as `isNull`. */
export function readRule(
  r: Reader,
  raw: unknown,
  at: NodePath,
  index: number,
  action: AuthorizationAction,
): Rule {
  const rule: Rule = { index, from: null, to: null, when: null, isNull: false };
  if (raw === null || raw === undefined) {
    r.error('authz.rule-nil', at, `\`rule\` must not be nil, found at rule ${index}`);
    return { ...rule, isNull: true };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    r.error(
      'schema.type',
      at,
      `${formatPath(at)} must be a map, found ${Array.isArray(raw) ? 'a list' : typeof raw}`,
    );
    return { ...rule, isNull: true };
  }
  const dict = raw as Dict;
  r.fields(dict, at, ['from', 'to', 'when']);

  const from = readEntries(r, dict, at, index, 'from', 'source', (source, path) =>
    readSource(r, source, path, action),
  );
  if (from !== undefined) rule.from = from;
  const to = readEntries(r, dict, at, index, 'to', 'operation', (op, path) => readOperation(r, op, path));
  if (to !== undefined) rule.to = to;

  const when = r.list(dict, 'when', at);
  if (when !== undefined) {
    rule.when = r
      .dictItems(when, [...at, 'when'])
      .map(([cond, i]) => readCondition(r, cond, [...at, 'when', i], action));
  }

  if (action === 'DENY') warnDenyHttpOnly(r, rule, at);
  return rule;
}

/**
 * Istio's warning: a DENY rule whose `to` has no ports, or whose `from` has only HTTP-only
 * fields, denies every connection to TCP ports (the HTTP-only parts are dropped there).
 */
function warnDenyHttpOnly(r: Reader, rule: Rule, at: NodePath): void {
  const fromHttpOnly =
    rule.from !== null &&
    rule.from.length > 0 &&
    rule.from.every((s) => setCount(s, TCP_SOURCE_FIELDS) === 0);
  const toHttpOnly =
    rule.to !== null && rule.to.length > 0 && rule.to.every((o) => setCount(o, ['ports', 'notPorts']) === 0);
  if (fromHttpOnly || toHttpOnly) {
    r.warning(
      'authz.deny-http-only',
      [...at, toHttpOnly ? 'to' : 'from'],
      'configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only ' +
        'HTTP attributes in a DENY rule; it is recommended to explicitly specify the port',
      { key: true },
    );
  }
}

/**
 * `from: [{source}]` and `to: [{operation}]` share one shape and one set of webhook checks:
 * the list must not be empty, and each entry needs its object (`from.source must not be nil`).
 */
function readEntries<T extends object>(
  r: Reader,
  dict: Dict,
  at: NodePath,
  index: number,
  listKey: 'from' | 'to',
  entryKey: 'source' | 'operation',
  read: (value: Dict, path: NodePath) => T,
): T[] | undefined {
  const list = r.list(dict, listKey, at);
  if (list === undefined) return undefined;
  if (list.length === 0) {
    r.error(
      `authz.${listKey}-empty`,
      [...at, listKey],
      `\`${listKey}\` must not be empty, found at rule ${index}`,
    );
  }
  const nilCode = entryKey === 'source' ? 'authz.source-nil' : 'authz.operation-nil';
  return r.dictItems(list, [...at, listKey]).map(([entry, i]) => {
    const entryPath = [...at, listKey, i];
    r.fields(entry, entryPath, [entryKey]);
    const value = r.object(entry, entryKey, entryPath);
    if (value === undefined) {
      r.error(nilCode, entryPath, `\`${listKey}.${entryKey}\` must not be nil, found at rule ${index}`);
      return {} as T; // an empty source/operation: every field of both is optional
    }
    return read(value, [...entryPath, entryKey]);
  });
}
