/** Value matchers for AuthorizationPolicy fields (docs/semantics.md §A4, §A5, §A7). Compile once, call often. */
export { classifyStringPattern, compileStringMatcher, compileStringMatchers } from './string';
export type { PresenceMode, StringMatcher, StringMatcherOptions, StringPattern } from './string';
export { compileHostMatcher } from './host';
export { compilePathMatcher, normalizePath, pathEnd, PATH_NORMALIZATIONS, upstreamPath } from './path';
export type { NormalizedPath, PathMatcher, PathNormalization } from './path';
export {
  checkPathTemplate,
  compilePathTemplate,
  containsPathTemplate,
  envoyTemplateProblem,
  MATCH_ANY_TEMPLATE,
  MATCH_ONE_TEMPLATE,
} from './template';
export type { CompiledPathTemplate } from './template';
export { compileIpMatcher, formatCidr, isIpAddress, parseIpOrCidr } from './ip';
export type { IpMatcher, IpVersion, ParsedCidr } from './ip';
export { parsePort } from './port';
export { remoteAddress } from './xff';
export { compileRegex, regexError, regexFullMatch, regexMessage } from './regex';
export type { CompiledRegex } from './regex';
