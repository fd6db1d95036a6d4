/**
 * The generated editor schema (docs/schemas.md) is a valid draft-07 schema, accepts every Istio
 * and Gateway API document of the golden workspaces and test vectors except the ones they
 * describe as refused by the API server, and checks each kind against its own CRD only.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { policiesSchema } from './policiesSchema.generated';

// ajv-formats is CommonJS: its default export is the plugin function itself.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

/** Draft-07 as written; Ajv's own strict extras (types on every branch) are not draft-07 rules. */
const ajv = addFormats(new Ajv({ allErrors: true, strictRequired: false, strictTypes: false }));
const validate = ajv.compile(policiesSchema);

/** The kinds the engine reads (packages/evaluator/src/resources/index.ts). */
const ENGINE_KINDS = [
  'security.istio.io AuthorizationPolicy',
  'security.istio.io PeerAuthentication',
  'security.istio.io RequestAuthentication',
  'networking.istio.io DestinationRule',
  'networking.istio.io Gateway',
  'networking.istio.io VirtualService',
  'gateway.networking.k8s.io Gateway',
  'gateway.networking.k8s.io HTTPRoute',
];

interface Doc {
  file: string;
  kind: string;
  name: string;
  value: Record<string, unknown>;
}

function groupOf(apiVersion: unknown): string {
  return typeof apiVersion === 'string' ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
}

function workspaceDocuments(): Doc[] {
  const docs: Doc[] = [];
  for (const dir of ['packages/evaluator/test/golden', 'packages/evaluator/test/vectors']) {
    const root = join(process.cwd(), dir);
    for (const file of readdirSync(root).filter((f) => f.endsWith('.yaml'))) {
      for (const doc of parseAllDocuments(readFileSync(join(root, file), 'utf8'))) {
        const value: unknown = doc.toJS();
        if (typeof value !== 'object' || value === null) continue;
        const v = value as Record<string, unknown>;
        const kind = `${groupOf(v.apiVersion)} ${String(v.kind)}`;
        if (!ENGINE_KINDS.includes(kind)) continue; // Mesh, Probes, kinds the engine ignores
        const meta = v.metadata as Record<string, unknown> | undefined;
        docs.push({ file: `${dir}/${file}`, kind, name: String(meta?.name), value: v });
      }
    }
  }
  return docs;
}

/** Errors as `path keyword`, without the if/then wrappers that only say a branch failed. */
function problems(value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? [])
    .filter((e: ErrorObject) => e.keyword !== 'if')
    .map((e: ErrorObject) => {
      const extra = e.keyword === 'additionalProperties' ? ` ${String(e.params.additionalProperty)}` : '';
      return `${e.instancePath} ${e.keyword}${extra}`;
    });
}

/**
 * Documents the workspaces themselves describe as refused by the API server, with what refuses
 * them (each one's comment in the YAML cites the rule).
 */
const REFUSED: Record<string, string[]> = {
  // "issuer or jwksUri must be non-empty string": the CRD's minLength 1.
  'packages/evaluator/test/golden/blog-fragments.yaml jwt-auth-policy': [
    '/spec/jwtRules/0/issuer minLength',
    '/spec/jwtRules/0/jwksUri minLength',
  ],
  // "spec.rules[0].from[*].source.hosts is an unknown field": strict field validation.
  'packages/evaluator/test/golden/pattern-jwt-per-host.yaml jwt-per-host': [
    '/spec/rules/0/from/0/source additionalProperties hosts',
    '/spec/rules/0/from/1/source additionalProperties hosts',
  ],
};

describe('the generated policies schema', () => {
  it('is a valid draft-07 schema', () => {
    expect(policiesSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(ajv.validateSchema(policiesSchema)).toBe(true);
    expect(ajv.errors ?? null).toBeNull();
  });

  const docs = workspaceDocuments();

  it('sees every kind the engine reads in the golden workspaces and vectors', () => {
    expect(new Set(docs.map((d) => d.kind))).toEqual(new Set(ENGINE_KINDS));
  });

  it('accepts every Istio and Gateway API document of the workspaces, flags only the refused ones', () => {
    const flagged: Record<string, string[]> = {};
    for (const doc of docs) {
      const found = problems(doc.value);
      if (found.length > 0) flagged[`${doc.file} ${doc.name}`] = found;
    }
    expect(flagged).toEqual(REFUSED);
  });

  it('accepts serviceAccounts and trustDomains in a source (Istio 1.25+, 1.30+)', () => {
    const z14 = docs.filter((d) => d.file.endsWith('z14-allow-service-account.yaml'));
    expect(z14.some((d) => JSON.stringify(d.value).includes('serviceAccounts'))).toBe(true);
    const policy = authorizationPolicy({
      rules: [{ from: [{ source: { serviceAccounts: ['ns1/a'], trustDomains: ['cluster.local'] } }] }],
    });
    expect(problems(policy)).toEqual([]);
  });
});

function authorizationPolicy(spec: unknown, apiVersion = 'security.istio.io/v1'): unknown {
  return { apiVersion, kind: 'AuthorizationPolicy', metadata: { name: 'p', namespace: 'foo' }, spec };
}

describe('each kind is checked against its own CRD', () => {
  it('flags an unknown field under spec for each of the eight kinds and versions', () => {
    const kinds: [string, string][] = [
      ['security.istio.io/v1beta1', 'AuthorizationPolicy'],
      ['security.istio.io/v1', 'PeerAuthentication'],
      ['security.istio.io/v1', 'RequestAuthentication'],
      ['networking.istio.io/v1alpha3', 'DestinationRule'],
      ['networking.istio.io/v1beta1', 'Gateway'],
      ['networking.istio.io/v1', 'VirtualService'],
      ['gateway.networking.k8s.io/v1', 'Gateway'],
      ['gateway.networking.k8s.io/v1beta1', 'HTTPRoute'],
    ];
    for (const [apiVersion, kind] of kinds) {
      const doc = { apiVersion, kind, metadata: { name: 'x' }, spec: { bogusField: true } };
      expect(problems(doc), `${apiVersion} ${kind}`).toContain('/spec additionalProperties bogusField');
    }
  });

  it('tells the two Gateways apart by apiVersion', () => {
    const k8sSpec = { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] };
    const istioSpec = { selector: { istio: 'ingressgateway' }, servers: [] };
    const gateway = (apiVersion: string, spec: unknown) => ({
      apiVersion,
      kind: 'Gateway',
      metadata: { name: 'gw' },
      spec,
    });
    expect(problems(gateway('gateway.networking.k8s.io/v1', k8sSpec))).toEqual([]);
    expect(problems(gateway('networking.istio.io/v1', istioSpec))).toEqual([]);
    expect(problems(gateway('networking.istio.io/v1', k8sSpec))).toContain(
      '/spec additionalProperties gatewayClassName',
    );
    expect(problems(gateway('gateway.networking.k8s.io/v1', istioSpec))).toContain(
      '/spec additionalProperties servers',
    );
  });

  it('wants an apiVersion that serves the kind, and leaves other kinds alone', () => {
    expect(problems(authorizationPolicy({}, 'networking.istio.io/v1'))).toContain('/apiVersion enum');
    expect(problems(authorizationPolicy({}, 'security.istio.io/v1alpha1'))).toContain('/apiVersion enum');
    expect(
      problems({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { any: 1 } }),
    ).toEqual([]);
  });

  it('checks enums and integer fields from the CRDs', () => {
    expect(problems(authorizationPolicy({ action: 'DENYY' }))).toContain('/spec/action enum');
    expect(problems(authorizationPolicy({ action: 'CUSTOM', provider: { name: 'ext' } }))).toEqual([]);
    const rule = (maxConnections: unknown) => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'd' },
      spec: { host: 'h', trafficPolicy: { connectionPool: { tcp: { maxConnections } } } },
    });
    expect(problems(rule(100))).toEqual([]);
    expect(problems(rule('many'))).toContain('/spec/trafficPolicy/connectionPool/tcp/maxConnections type');
  });
});
