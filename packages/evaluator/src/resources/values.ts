/**
 * Value checks of Istio's validation (istio/istio `pkg/config/security/security.go`: ValidateIPs,
 * ValidatePorts, CheckValidPathTemplate, ValidateAttribute, service account and trust domain
 * rules). Each returns a problem in plain words, or null when the value is accepted.
 */
import { formatCidr, parseIpOrCidr } from '../match/ip';
import { parsePort } from '../match/port';

/**
 * `ipBlocks`, `remoteIpBlocks`, `source.ip`, `remote.ip`, `destination.ip`: an IP or a CIDR, as
 * Go's netip accepts it (`ValidateIPs`). The same parser compiles the matchers.
 */
export function checkIpOrCidr(value: string): string | null {
  const parsed = parseIpOrCidr(value);
  return parsed.ok ? null : parsed.reason;
}

/**
 * An IPv6 zone is accepted by Istio and dropped when it builds the Envoy CIDR range, so the
 * value matches the address on every interface. Null when the value has no zone.
 */
export function ipZoneNote(value: string): string | null {
  const parsed = parseIpOrCidr(value);
  if (!parsed.ok || parsed.zone === undefined) return null;
  const address = formatCidr({ ...parsed, zone: undefined });
  return `"${value}": Istio drops the zone %${parsed.zone} when it builds the Envoy CIDR range, so this matches ${address} whatever the interface`;
}

/** `ports`, `notPorts`, `destination.port`: a decimal integer 0-65535 (no ranges, no `*`). */
export function checkPort(value: string): string | null {
  if (parsePort(value) !== null) return null;
  if (!/^\d+$/.test(value)) return `bad port (${value}): must be a decimal integer 0-65535`;
  return `bad port (${value}): must be in the range 0-65535`;
}

export { checkPathTemplate, containsPathTemplate } from '../match/template';

/** `serviceAccounts` values: `sa` or `ns/sa`, no wildcard. */
export function checkServiceAccount(value: string): string | null {
  if (value.includes('*')) return `wildcard not allowed in service account "${value}"`;
  const parts = value.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) {
    return `service account "${value}": expected format 'serviceAccount' or 'namespace/serviceAccount'`;
  }
  if (value.length > 320)
    return `service account "${value.slice(0, 40)}…": value cannot exceed 320 characters`;
  return null;
}

/** `trustDomains` values: at most one `*`, only at the start or end, no `/`. */
export function checkTrustDomain(value: string): string | null {
  const stars = value.split('*').length - 1;
  if (stars > 1) return `trust domain "${value}": at most one wildcard is allowed`;
  if (stars === 1 && !value.startsWith('*') && !value.endsWith('*')) {
    return `trust domain "${value}": wildcard is only allowed at the start or end`;
  }
  if (value.includes('/')) return `trust domain "${value}": trust domain must not contain '/'`;
  return null;
}

/** Istio's validateMapKey: `a[b]`, with a non-empty name before `[`. */
function checkMapKey(key: string): string | null {
  const open = key.indexOf('[');
  if (key.endsWith(']') && open > 0 && open < key.length - 2) return null;
  return `bad key (${key}): should have format a[b]`;
}

export interface AttributeProblem {
  code: string;
  message: string;
}

/** `when` key families as Istio spells them (`model.go`). */
export const HTTP_ONLY_KEY_PREFIXES = ['request.headers', 'request.auth.'] as const;
/** `when` keys that need a peer identity or a JWT: refused with CUSTOM. */
export const CUSTOM_UNSUPPORTED_KEYS = [
  'source.namespace',
  'source.principal',
  'source.serviceAccount',
  'source.trustDomain',
] as const;

/** Istio's ValidateAttribute for one `when` key and its values (or notValues). */
export function checkAttribute(key: string, values: readonly string[]): AttributeProblem | null {
  const each = (check: (v: string) => string | null): AttributeProblem | null => {
    for (const v of values) {
      const problem = check(v);
      if (problem !== null) return { code: 'authz.condition-bad-value', message: problem };
    }
    return null;
  };
  if (values.some((v) => v === '')) {
    return { code: 'authz.empty-value', message: `empty value not allowed, found in ${key}` };
  }
  const mapKey = (): AttributeProblem | null => {
    const problem = checkMapKey(key);
    return problem === null ? null : { code: 'authz.condition-bad-key', message: problem };
  };
  if (key.startsWith('request.headers')) return mapKey();
  if (key.startsWith('request.experimental.inline.headers')) return mapKey();
  if (key.startsWith('request.auth.claims')) return mapKey();
  if (key.startsWith('experimental.envoy.filters.')) return mapKey();
  switch (key) {
    case 'source.ip':
    case 'remote.ip':
    case 'destination.ip':
      return each(checkIpOrCidr);
    case 'destination.port':
      return each(checkPort);
    case 'source.serviceAccount':
      return each(checkServiceAccount);
    case 'source.trustDomain':
      return each(checkTrustDomain);
    case 'source.namespace':
    case 'source.principal':
    case 'request.auth.principal':
    case 'request.auth.audiences':
    case 'request.auth.presenter':
    case 'connection.sni':
      return null;
    case 'destination.namespace':
      return {
        code: 'authz.condition-unsupported-key',
        message: `attribute ${key} is replaced by the metadata.namespace (put the policy in that namespace)`,
      };
    case 'destination.name':
    case 'destination.user':
      return {
        code: 'authz.condition-unsupported-key',
        message: `deprecated attribute ${key}: only supported in v1alpha1`,
      };
    default:
      if (key.startsWith('destination.labels')) {
        return {
          code: 'authz.condition-unsupported-key',
          message: `attribute ${key} is replaced by the workload selector (use spec.selector)`,
        };
      }
      return { code: 'authz.condition-unknown-key', message: `unknown attribute: ${key}` };
  }
}
