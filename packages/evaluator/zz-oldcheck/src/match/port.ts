/**
 * Parses a `ports`/`notPorts`/`destination.port` value as istio/istio does
 * (`pkg/config/security/security.go` `ValidatePorts`, `model/util.go` `convertToPort`:
 * `strconv.ParseUint(v, 10, 32)` then `<= 65535`): decimal digits only, no sign, no range, no `*`.
 * Leading zeros are accepted (`080` is port 80), as `ParseUint` accepts them.
 */
export function parsePort(s: string): number | null {
  if (s.length === 0) return null;
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
    if (value > 65535) return null;
  }
  return value;
}
