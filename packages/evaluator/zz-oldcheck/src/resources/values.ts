/**
 * Value checks of Istio's validation (istio/istio `pkg/config/security/security.go`: ValidateIPs,
 * ValidatePorts, CheckValidPathTemplate, ValidateAttribute, service account and trust domain
 * rules). Each returns a problem in plain words, or null when the value is accepted.
 */

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}

/** IPv6 as Go's net.ParseIP accepts it: hex groups, one `::`, optional trailing dotted IPv4; no zone. */
export function isIPv6(s: string): boolean {
  if (!s.includes(':')) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string, last: boolean): number | null => {
    if (part === '') return 0;
    const groups = part.split(':');
    let count = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i] ?? '';
      if (last && i === groups.length - 1 && g.includes('.')) {
        if (!isIPv4(g)) return null;
        count += 2;
      } else if (HEX_GROUP.test(g)) {
        count += 1;
      } else {
        return null;
      }
    }
    return count;
  };
  if (halves.length === 1) return groupsOf(s, true) === 8;
  const head = groupsOf(halves[0] ?? '', false);
  const tail = groupsOf(halves[1] ?? '', true);
  return head !== null && tail !== null && head + tail <= 7;
}

/** An address as Go's netip.ParseAddr accepts it (IPv6 may carry a `%zone`). */
export function isIP(s: string): boolean {
  const zone = s.indexOf('%');
  if (zone >= 0) return zone < s.length - 1 && isIPv6(s.slice(0, zone));
  return isIPv4(s) || isIPv6(s);
}

/** `ipBlocks`, `remoteIpBlocks`, `source.ip`, `remote.ip`, `destination.ip`: an IP or a CIDR. */
export function checkIpOrCidr(value: string): string | null {
  const slash = value.indexOf('/');
  if (slash < 0) return isIP(value) ? null : `bad IP address (${value})`;
  const ip = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  const max = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : -1;
  if (max < 0) return `bad CIDR range (${value}): "${ip}" is not an IP address`;
  if (!/^(0|[1-9]\d{0,2})$/.test(bits) || Number(bits) > max) {
    return `bad CIDR range (${value}): the prefix length must be 0-${max}`;
  }
  return null;
}

/** `ports`, `notPorts`, `destination.port`: a decimal integer 0-65535 (no ranges, no `*`). */
export function checkPort(value: string): string | null {
  if (!/^\d+$/.test(value)) return `bad port (${value}): must be a decimal integer 0-65535`;
  const n = Number(value);
  if (n < 0 || n > 65535) return `bad port (${value}): must be in the range 0-65535`;
  return null;
}

/** RFC 3986 pchar as Envoy's URI template matcher accepts it (no `*`). */
const TEMPLATE_LITERAL = /^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/;

export function containsPathTemplate(path: string): boolean {
  return path.includes('{*}') || path.includes('{**}');
}

/** Istio's CheckValidPathTemplate: `{*}`/`{**}` operators, `{**}` last, valid literals. */
export function checkPathTemplate(path: string): string | null {
  const hasTemplate = containsPathTemplate(path);
  const segments = path.replace(/^\/+|\/+$/g, '').split('/');
  let sawMatchAny = false;
  for (const segment of segments) {
    if (segment === '{*}' || segment === '{**}') {
      if (sawMatchAny) return `invalid path ${path}: {**} is not the last operator`;
      if (segment === '{**}') sawMatchAny = true;
      continue;
    }
    if (segment.includes('{') || segment.includes('}')) {
      return `invalid path ${path}: contains '{' or '}' beyond a supported path template ({*} or {**} as a whole segment)`;
    }
    if (hasTemplate && !TEMPLATE_LITERAL.test(segment)) {
      return `invalid path ${path}: segment "${segment}" is not a valid literal in a path template (RFC 3986 pchars, no '*')`;
    }
  }
  return null;
}

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
