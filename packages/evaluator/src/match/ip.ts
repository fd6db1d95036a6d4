/**
 * IP addresses and CIDR ranges for `ipBlocks`, `remoteIpBlocks`, `source.ip`, `remote.ip`,
 * `destination.ip` (docs/semantics.md §A4, §A5). Parsing follows Go's `netip.ParseAddr`/`ParsePrefix`,
 * which Istio's validation uses (`security.go` `ValidateIPs`): dotted-quad IPv4 without leading
 * zeros, RFC 4291 IPv6 text (with `::` and an optional dotted-quad tail), prefix lengths in
 * decimal without leading zeros. Matching follows Envoy `CidrRange::isInRange`: the host bits of
 * the range are ignored, and an address only matches ranges of its own IP version.
 */

export type IpVersion = 4 | 6;

export type ParsedCidr =
  | {
      ok: true;
      version: IpVersion;
      /** The address as written, big-endian 32-bit words: 1 word for IPv4, 4 for IPv6. */
      words: readonly number[];
      /** 32/128 for a bare address. */
      prefixLength: number;
      /** Whether the text carried an explicit `/len`. */
      hasPrefix: boolean;
      /**
       * The `%zone` of a bare IPv6 address, which Go's `netip.ParseAddr` accepts. Istio builds the
       * Envoy CIDR range with `netip.PrefixFrom`, which drops the zone (pilot/pkg/networking/util
       * `AddrStrToPrefix`, used by pilot/pkg/security/authz/model/generator.go): the address then
       * matches without it.
       */
      zone?: string;
    }
  | { ok: false; reason: string };

/** Scratch space for parsing without allocating; JavaScript is single-threaded. */
const scratch = new Uint32Array(4);
const groups = new Uint16Array(8);

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Parses dotted-quad IPv4 in `s[start, end)`; returns the value or -1. */
function parseIpv4(s: string, start: number, end: number): number {
  let value = 0;
  let octets = 0;
  let i = start;
  while (octets < 4) {
    if (i >= end || !isDigit(s.charCodeAt(i))) return -1;
    const first = i;
    let octet = 0;
    while (i < end && isDigit(s.charCodeAt(i))) {
      octet = octet * 10 + (s.charCodeAt(i) - 48);
      if (octet > 255) return -1;
      i++;
    }
    if (i - first > 1 && s.charCodeAt(first) === 48) return -1; // leading zero
    value = value * 256 + octet;
    octets++;
    if (octets < 4) {
      if (i >= end || s.charCodeAt(i) !== 46) return -1;
      i++;
    }
  }
  return i === end ? value : -1;
}

/** Parses IPv6 in `s[start, end)` into `scratch`; returns false when invalid. */
function parseIpv6(s: string, start: number, end: number): boolean {
  groups.fill(0);
  let count = 0;
  let ellipsis = -1;
  let i = start;
  if (end - start >= 2 && s.charCodeAt(i) === 58 && s.charCodeAt(i + 1) === 58) {
    ellipsis = 0;
    i += 2;
    if (i === end) return writeGroups(0, ellipsis);
  } else if (i < end && s.charCodeAt(i) === 58) {
    return false;
  }
  while (i < end) {
    if (count === 8) return false;
    // A dotted-quad tail takes the last two groups.
    let j = i;
    while (j < end && hexDigit(s.charCodeAt(j)) >= 0) j++;
    if (j < end && s.charCodeAt(j) === 46) {
      if (count > 6) return false;
      const v4 = parseIpv4(s, i, end);
      if (v4 < 0) return false;
      groups[count++] = Math.floor(v4 / 65536);
      groups[count++] = v4 % 65536;
      i = end;
      break;
    }
    const digits = j - i;
    if (digits === 0 || digits > 4) return false;
    let group = 0;
    for (let k = i; k < j; k++) group = group * 16 + hexDigit(s.charCodeAt(k));
    groups[count++] = group;
    i = j;
    if (i === end) break;
    if (s.charCodeAt(i) !== 58) return false;
    i++;
    if (i < end && s.charCodeAt(i) === 58) {
      if (ellipsis >= 0) return false;
      ellipsis = count;
      i++;
      if (i === end) break;
    } else if (i === end) {
      return false; // trailing single colon
    }
  }
  return writeGroups(count, ellipsis);
}

function writeGroups(count: number, ellipsis: number): boolean {
  if (ellipsis < 0) {
    if (count !== 8) return false;
  } else {
    if (count === 8) return false; // `::` must stand for at least one group
    const tail = count - ellipsis;
    for (let k = 0; k < tail; k++) {
      groups[7 - k] = groups[count - 1 - k] as number;
    }
    for (let k = ellipsis; k < 8 - tail; k++) groups[k] = 0;
  }
  for (let w = 0; w < 4; w++) {
    scratch[w] = (groups[2 * w] as number) * 65536 + (groups[2 * w + 1] as number);
  }
  return true;
}

/** Parses an address into `scratch` (IPv4 in word 0); returns its version or 0 when invalid. */
function parseAddressIntoScratch(s: string, start: number, end: number): 0 | IpVersion {
  for (let i = start; i < end; i++) {
    if (s.charCodeAt(i) === 58) return parseIpv6(s, start, end) ? 6 : 0;
  }
  const v4 = parseIpv4(s, start, end);
  if (v4 < 0) return 0;
  scratch[0] = v4;
  return 4;
}

/**
 * Parses `1.2.3.4`, `1.2.3.0/24`, `2001:db8::1`, `2001:db8::/32`, `fe80::1%eth0`: the one parser
 * of IP values, for validation (`resources/values.ts`) and matching alike.
 */
export function parseIpOrCidr(s: string): ParsedCidr {
  const slash = s.indexOf('/');
  const end = slash === -1 ? s.length : slash;
  const percent = s.indexOf('%');
  if (percent !== -1) {
    // netip.ParsePrefix refuses zones; netip.ParseAddr takes a non-empty zone on IPv6 only.
    if (slash !== -1)
      return { ok: false, reason: `bad CIDR range (${s}): IPv6 zones cannot be present in a prefix` };
    if (percent === s.length - 1 || parseAddressIntoScratch(s, 0, percent) !== 6) {
      return { ok: false, reason: `bad IP address (${s})` };
    }
    return {
      ok: true,
      version: 6,
      words: Array.from(scratch),
      prefixLength: 128,
      hasPrefix: false,
      zone: s.slice(percent + 1),
    };
  }
  const version = parseAddressIntoScratch(s, 0, end);
  if (version === 0) {
    return {
      ok: false,
      reason: slash === -1 ? `bad IP address (${s})` : `bad CIDR range (${s}): bad address`,
    };
  }
  const words = version === 4 ? [scratch[0] as number] : Array.from(scratch);
  const bits = version === 4 ? 32 : 128;
  if (slash === -1) return { ok: true, version, words, prefixLength: bits, hasPrefix: false };
  const lengthText = s.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(lengthText)) {
    return { ok: false, reason: `bad CIDR range (${s}): bad prefix length "${lengthText}"` };
  }
  const prefixLength = Number(lengthText);
  if (prefixLength > bits) {
    return { ok: false, reason: `bad CIDR range (${s}): prefix length ${prefixLength} is over ${bits}` };
  }
  return { ok: true, version, words, prefixLength, hasPrefix: true };
}

/** Whether `s` is a plain IPv4 or IPv6 address (no prefix, no zone). */
export function isIpAddress(s: string): boolean {
  return s.indexOf('/') === -1 && s.indexOf('%') === -1 && parseAddressIntoScratch(s, 0, s.length) !== 0;
}

function formatIpv6(words: readonly number[]): string {
  const g: number[] = [];
  for (const w of words) g.push(Math.floor(w / 65536), w % 65536);
  // RFC 5952: compress the longest run (first on ties) of two or more zero groups.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Canonical text of a parsed value: lower-case RFC 5952 IPv6, `/len` only when it was written. */
export function formatCidr(cidr: Extract<ParsedCidr, { ok: true }>): string {
  const w = cidr.words;
  const address =
    cidr.version === 4
      ? [24, 16, 8, 0].map((shift) => ((w[0] as number) >>> shift) & 255).join('.')
      : formatIpv6(w);
  if (cidr.zone !== undefined) return `${address}%${cidr.zone}`;
  return cidr.hasPrefix ? `${address}/${cidr.prefixLength}` : address;
}

function maskWord(prefixLength: number, wordIndex: number): number {
  const bits = Math.min(32, Math.max(0, prefixLength - 32 * wordIndex));
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** An address matcher: `undefined` (no address known) never matches. */
export type IpMatcher = (ip: string | undefined) => boolean;

/**
 * Compiles a list of IPs/CIDRs (OR). Invalid entries are skipped here; validation reports them. A
 * zone is dropped, as Istio drops it (see `ParsedCidr.zone`).
 * Networks and masks are precomputed; a call parses the address into scratch space and compares.
 */
export function compileIpMatcher(values: readonly string[]): IpMatcher {
  const v4: number[] = []; // pairs: network, mask
  const v6: number[] = []; // groups of 8: 4 network words, 4 mask words
  for (const value of values) {
    const parsed = parseIpOrCidr(value);
    if (!parsed.ok) continue;
    if (parsed.version === 4) {
      const mask = maskWord(parsed.prefixLength, 0);
      v4.push(((parsed.words[0] as number) & mask) >>> 0, mask);
    } else {
      const masks = [0, 1, 2, 3].map((k) => maskWord(parsed.prefixLength, k));
      v6.push(...parsed.words.map((word, k) => (word & (masks[k] as number)) >>> 0), ...masks);
    }
  }
  const v4Table = Uint32Array.from(v4);
  const v6Table = Uint32Array.from(v6);
  return (ip) => {
    if (ip === undefined) return false;
    const version = parseAddressIntoScratch(ip, 0, ip.length);
    if (version === 4) {
      const address = scratch[0] as number;
      for (let i = 0; i < v4Table.length; i += 2) {
        if ((address & (v4Table[i + 1] as number)) >>> 0 === v4Table[i]) return true;
      }
      return false;
    }
    if (version === 6) {
      for (let i = 0; i < v6Table.length; i += 8) {
        let inRange = true;
        for (let k = 0; k < 4 && inRange; k++) {
          inRange = ((scratch[k] as number) & (v6Table[i + 4 + k] as number)) >>> 0 === v6Table[i + k];
        }
        if (inRange) return true;
      }
    }
    return false;
  };
}
