/** Ready-made workspaces for the toolbar's examples menu (policies from istio.io's tasks). */
import { DEFAULT_WORKSPACE } from './defaultWorkspace';

export interface Example {
  id: string;
  title: string;
  text: string;
}

/** The default mesh with some Istio resources appended before its Probes document. */
function withPolicies(policies: string): string {
  const marker = '---\napiVersion: playground/v1\nkind: Probes';
  const at = DEFAULT_WORKSPACE.indexOf(marker);
  return `${DEFAULT_WORKSPACE.slice(0, at)}---\n${policies.trim()}\n${DEFAULT_WORKSPACE.slice(at)}`;
}

export const EXAMPLES: Example[] = [
  { id: 'authn-setup', title: 'Authentication task: no policies', text: DEFAULT_WORKSPACE },
  {
    id: 'mesh-strict',
    title: 'Mesh-wide STRICT mTLS',
    text: withPolicies(`
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT`),
  },
  {
    id: 'namespace-strict',
    title: 'STRICT mTLS in foo only',
    text: withPolicies(`
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: foo
spec:
  mtls:
    mode: STRICT`),
  },
  {
    id: 'allow-foo-only',
    title: 'httpbin.bar accepts only callers from foo',
    text: withPolicies(`
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-foo
  namespace: bar
spec:
  selector:
    matchLabels:
      app: httpbin
  action: ALLOW
  rules:
    - from:
        - source:
            namespaces: ["foo"]`),
  },
];
