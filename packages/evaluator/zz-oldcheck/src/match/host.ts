import { compileStringMatcher } from './string';
import type { StringMatcher } from './string';

/**
 * `hosts`/`notHosts` (istio/istio `matcher/header.go` `HostMatcher`): a header matcher on
 * `:authority` with `ignore_case`, so the value is the whole authority **including any `:port`**
 * (`httpbin.foo` does not match `httpbin.foo:8000`), and `*` is Envoy `present_match`.
 * Case-insensitive since CVE-2021-39155.
 */
export function compileHostMatcher(pattern: string): StringMatcher {
  return compileStringMatcher(pattern, { ignoreCase: true, presence: 'present' });
}
