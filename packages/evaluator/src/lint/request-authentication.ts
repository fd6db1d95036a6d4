/**
 * A RequestAuthentication only checks the tokens a request carries: a request without one passes
 * with no request principal (istio.io tasks/security/authentication/authn-policy "Require a valid
 * token"; docs/semantics.md J-rules). Tokens are required only by an AuthorizationPolicy on
 * `requestPrincipals` (or `request.auth.*` conditions).
 */
import type { MeshWorkload } from '../mesh';
import type { AuthorizationPolicy, RequestAuthentication } from '../resources/types';
import type { Diagnostic, Fix } from '../types';
import { appendDocument, nameTaken, scalar, selectorYaml, targetRefsYaml } from './append';
import { DOCS, warn, type LintInput } from './context';

/** Whether the policy looks at the request principal at all (ALLOW or DENY). */
function asksForToken(policy: AuthorizationPolicy): boolean {
  if (policy.action !== 'ALLOW' && policy.action !== 'DENY') return false;
  return (policy.rules ?? []).some(
    (rule) =>
      rule.from?.some((s) => s.requestPrincipals?.length || s.notRequestPrincipals?.length) ||
      rule.when?.some((c) => c.key.startsWith('request.auth.')),
  );
}

/**
 * The fix: a DENY of requests without a request principal, for the same workloads. DENY rather
 * than ALLOW: an ALLOW would also widen what other ALLOW policies of those workloads permit.
 */
function requireTokenFix(ra: RequestAuthentication, input: LintInput): Fix | null {
  const name = `${ra.meta.name}-require-token`;
  if (nameTaken(input.resources, 'AuthorizationPolicy', ra.meta.namespace, name)) return null;
  const target =
    ra.targetRefs.length > 0
      ? targetRefsYaml(ra.targetRefs)
      : ra.selector && Object.keys(ra.selector).length > 0
        ? selectorYaml(ra.selector)
        : '';
  const document =
    'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n' +
    `metadata:\n  name: ${scalar(name)}\n  namespace: ${scalar(ra.meta.namespace)}\n` +
    `spec:\n${target}  action: DENY\n  rules:\n    - from:\n        - source:\n            notRequestPrincipals: ["*"]\n`;
  return appendDocument(
    `Require a token: add a DENY of requests without one (${ra.meta.namespace}/${name})`,
    input.endOf?.(ra.meta.source),
    document,
  );
}

export function requestAuthenticationLint(
  ra: RequestAuthentication,
  targets: MeshWorkload[],
  input: LintInput,
): Diagnostic[] {
  const authorizationFor = input.authorizationFor;
  if (!authorizationFor || ra.jwtRules.length === 0) return [];
  const optional = targets.filter((w) => !authorizationFor(w).some(asksForToken));
  if (optional.length === 0) return [];
  const fix = requireTokenFix(ra, input);
  const names = optional.map((w) => w.key).join(', ');
  return [
    warn(
      ra.meta,
      'lint.request-authentication-optional-token',
      `no AuthorizationPolicy of ${names} requires requestPrincipals (or request.auth.* conditions): a request without a token is let through as if the RequestAuthentication were not there, and only a bad token is refused`,
      input.rangeOf(ra.meta.document, [...ra.meta.basePath, 'spec', 'jwtRules']),
      { docs: DOCS.requireToken, fixes: fix ? [fix] : [] },
    ),
  ];
}
