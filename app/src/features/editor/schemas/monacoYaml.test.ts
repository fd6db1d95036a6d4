/**
 * The generated schema as the editor really uses it: monaco-yaml's own worker (yaml-language-server)
 * validates every golden and vector workspace's Istio and Gateway API documents, and completes and
 * hovers on each kind. Expected fields and values are those of Istio's and the Gateway API's CRDs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { yamlLanguageService } from './yamlWorker.testing';

type Service = Awaited<ReturnType<typeof yamlLanguageService>>;
let ls: Service;
beforeAll(async () => {
  ls = await yamlLanguageService();
});

/** A workspace file without the playground's own documents: what the policies editor holds. */
function policiesText(path: string): string {
  const text = readFileSync(path, 'utf8');
  return parseAllDocuments(text)
    .filter(
      (doc) => !String((doc.toJS() as { apiVersion?: unknown } | null)?.apiVersion).startsWith('playground/'),
    )
    .map((doc) => text.slice(doc.range[0], doc.range[2]).replace(/^---\n/, ''))
    .join('---\n');
}

/** Refused on apply, as the files' own comments say (see policiesSchema.test.ts). */
const REFUSED: Record<string, string[]> = {
  'blog-fragments.yaml': [
    'yaml-schema: RequestAuthentication spec.jwtRules[].issuer: String is shorter than the minimum length of 1.',
    'yaml-schema: RequestAuthentication spec.jwtRules[].jwksUri: String is shorter than the minimum length of 1.',
  ],
  'pattern-jwt-per-host.yaml': [
    'yaml-schema: AuthorizationPolicy spec.rules[].from[].source: Property hosts is not allowed.',
    'yaml-schema: AuthorizationPolicy spec.rules[].from[].source: Property hosts is not allowed.',
  ],
};

describe('monaco-yaml with the generated schema', () => {
  it('flags nothing in the golden and vector workspaces but the refused documents', async () => {
    const flagged: Record<string, string[]> = {};
    let files = 0;
    for (const dir of ['packages/evaluator/test/golden', 'packages/evaluator/test/vectors']) {
      const root = join(process.cwd(), dir);
      for (const file of readdirSync(root).filter((f) => f.endsWith('.yaml'))) {
        files++;
        const found = await ls.validate(policiesText(join(root, file)));
        if (found.length > 0) flagged[file] = found.map((d) => `${d.source ?? ''}: ${d.message}`);
      }
    }
    expect(files).toBeGreaterThan(100);
    expect(flagged).toEqual(REFUSED);
  });

  const policy = [
    'apiVersion: security.istio.io/v1',
    'kind: AuthorizationPolicy',
    'metadata: {name: allow-sleep, namespace: foo}',
    'spec:',
    '  action: ALLOW',
    '  rules:',
    '    - from:',
    '        - source:',
    '            serviceAccounts: ["foo/sleep"]',
    '            ',
  ].join('\n');

  it('completes the source fields of an AuthorizationPolicy rule, serviceAccounts and trustDomains too', async () => {
    const labels = await ls.complete(policy.replace('serviceAccounts: ["foo/sleep"]', ''), {
      line: 9,
      character: 12,
    });
    expect(labels).toEqual(
      expect.arrayContaining(['principals', 'namespaces', 'serviceAccounts', 'trustDomains', 'ipBlocks']),
    );
  });

  it('completes the action values and shows them on hover', async () => {
    const actionLine = 'spec:\n  action: ';
    const labels = await ls.complete(policy.replace('spec:\n  action: ALLOW', actionLine), {
      line: 4,
      character: 10,
    });
    expect(labels).toEqual(expect.arrayContaining(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']));
    const hover = await ls.hover(policy, { line: 4, character: 4 });
    expect(hover).toContain('AuthorizationPolicy spec.action');
    for (const action of ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']) expect(hover).toContain(action);
  });

  it('completes each Gateway from its own CRD, and HTTPRoute from the Gateway API', async () => {
    const specOf = (apiVersion: string, kind: string) =>
      ls.complete(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: x}\nspec:\n  `, {
        line: 4,
        character: 2,
      });
    const k8sGateway = await specOf('gateway.networking.k8s.io/v1', 'Gateway');
    expect(k8sGateway).toEqual(expect.arrayContaining(['gatewayClassName', 'listeners']));
    expect(k8sGateway).not.toContain('servers');
    const istioGateway = await specOf('networking.istio.io/v1', 'Gateway');
    expect(istioGateway).toEqual(expect.arrayContaining(['selector', 'servers']));
    expect(istioGateway).not.toContain('gatewayClassName');
    expect(await specOf('gateway.networking.k8s.io/v1', 'HTTPRoute')).toEqual(
      expect.arrayContaining(['parentRefs', 'hostnames', 'rules']),
    );
    expect(await specOf('networking.istio.io/v1alpha3', 'VirtualService')).toEqual(
      expect.arrayContaining(['hosts', 'gateways', 'http', 'tcp', 'tls']),
    );
  });

  it('offers the kinds the engine reads', async () => {
    const labels = await ls.complete('kind: ', { line: 0, character: 6 });
    expect(labels).toEqual(
      expect.arrayContaining([
        'AuthorizationPolicy',
        'PeerAuthentication',
        'RequestAuthentication',
        'DestinationRule',
        'Gateway',
        'VirtualService',
        'HTTPRoute',
      ]),
    );
  });
});
