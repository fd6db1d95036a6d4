/**
 * Property: the app's split → serialize → split round trip (workspace-text.ts) gives back the same
 * mesh, probes and metadata, and the policies text byte for byte, for generated workspaces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { serializeWorkspace, splitWorkspace } from '../src';
import type { MeshSpec, ProbeSpec, ProbesSpec, WorkloadSpec, WorkspaceMetadata } from '../src';

const SEED = 424242;

// ---------------------------------------------------------------------------------------------
// Mesh, probes and metadata, in the shapes the workspace reader gives back.
// ---------------------------------------------------------------------------------------------

const dnsLabel = fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/);
/** Any text, unicode included: YAML quoting must carry it through. */
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('yes', 'null', '123', '---', '- a', '# x', 'a: b', '*', "'", '"', '\n---\n'),
);
const labelKey = fc
  .stringMatching(/^[a-z][a-z0-9./-]{0,15}$/)
  .filter((k) => !['constructor', 'prototype'].includes(k));
const labels = fc.dictionary(labelKey, text, { maxKeys: 3 });
const port = fc.integer({ min: 1, max: 65535 });
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));

const servicePort = fc.record(
  {
    name: fc.constantFrom('http', 'http-web', 'grpc', 'tcp', 'web', 'mongo'),
    port,
    targetPort: port,
    protocol: fc.constantFrom('TCP', 'UDP', 'HTTP'),
    appProtocol: fc.constantFrom('http', 'kubernetes.io/h2c'),
  },
  { requiredKeys: ['port'] },
);

const meshSpec: fc.Arbitrary<MeshSpec> = fc
  .uniqueArray(fc.record({ name: dnsLabel, labels }, { requiredKeys: ['name'] }), {
    selector: (n) => n.name,
    maxLength: 4,
  })
  .chain((namespaces) => {
    const namespaceNames = namespaces.map((n) => n.name);
    const workload: fc.Arbitrary<WorkloadSpec> = fc.record(
      {
        name: dnsLabel,
        namespace: namespaceNames.length ? fc.constantFrom(...namespaceNames) : fc.constant('default'),
        labels,
        serviceAccount: text,
        sidecar: fc.boolean(),
        gateway: fc.boolean(),
        service: dnsLabel,
        ip: ipv4,
        ports: fc.array(servicePort, { maxLength: 3 }),
        listens: fc.array(port, { maxLength: 2 }),
      },
      { requiredKeys: ['name', 'namespace'] },
    );
    const declared = namespaceNames.length ? namespaces : [{ name: 'default' }];
    return fc.record(
      {
        rootNamespace: dnsLabel,
        trustDomain: fc.constantFrom('cluster.local', 'example.org', 'td.example.com'),
        trustDomainAliases: fc.array(text, { maxLength: 2 }),
        enableAutoMtls: fc.boolean(),
        numTrustedProxies: fc.integer({ min: 0, max: 64 }),
        extensionProviders: fc.array(
          fc.record({
            name: dnsLabel,
            envoyExtAuthzGrpc: fc.record({ service: text, port }),
            simulate: fc.record({
              allowWhen: fc.array(fc.record({ header: dnsLabel, values: fc.array(text, { maxLength: 2 }) }), {
                maxLength: 2,
              }),
              deniedStatus: fc.integer({ min: 100, max: 599 }),
            }),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        namespaces: fc.constant(declared),
        workloads: fc.uniqueArray(workload, { selector: (w) => `${w.namespace}/${w.name}`, maxLength: 5 }),
        layout: fc.dictionary(
          fc
            .string({ minLength: 1, maxLength: 12 })
            .filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k)),
          fc.record({ x: fc.integer(), y: fc.integer() }),
          { maxKeys: 3 },
        ),
      },
      { requiredKeys: ['namespaces', 'workloads'] },
    );
  });

const metadata: fc.Arbitrary<WorkspaceMetadata> = fc.record(
  { name: text, title: text, description: text, tags: fc.array(text, { maxLength: 3 }) },
  { requiredKeys: [] },
);

const rfc3339 = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const probe: fc.Arbitrary<ProbeSpec> = fc.record(
  {
    name: text,
    from: fc.constantFrom('external', 'foo/sleep', 'bar/client'),
    to: fc.constantFrom('foo/httpbin', 'istio-system/ingressgateway'),
    port,
    address: fc.constantFrom('service' as const, 'podIP' as const),
    now: rfc3339,
    request: fc.record(
      {
        method: fc.constantFrom('GET', 'POST', 'OPTIONS'),
        path: text,
        host: text,
        headers: fc.dictionary(labelKey, text, { maxKeys: 2 }),
        token: dnsLabel,
        tokens: fc.array(
          fc.record(
            {
              token: dnsLabel,
              in: fc.constantFrom('header:x-jwt', 'query:access_token', 'cookie:session'),
              prefix: text,
            },
            { requiredKeys: ['token'] },
          ),
          { maxLength: 2 },
        ),
        sourceIp: ipv4,
      },
      { requiredKeys: [] },
    ),
    expect: fc.constantFrom('200', '403', '000', 'denied', 'allowed'),
    expectMtls: fc.boolean(),
  },
  { requiredKeys: ['from', 'to', 'port'] },
);

const claims = fc.dictionary(
  labelKey,
  fc.oneof(text, fc.integer(), fc.boolean(), fc.array(text, { maxLength: 2 })),
  { maxKeys: 3 },
);
const token = fc.oneof(
  fc.record(
    { claims, signature: fc.constantFrom('valid' as const, 'invalid' as const) },
    { requiredKeys: ['claims'] },
  ),
  fc.record({ raw: text }),
  fc.record({ jwt: fc.constant('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln') }),
);

const probesSpec: fc.Arbitrary<ProbesSpec> = fc.record(
  {
    now: rfc3339,
    tokens: fc.dictionary(dnsLabel, token, { maxKeys: 3 }),
    jwks: fc.dictionary(
      fc.constantFrom('https://a.example/jwks.json', 'https://b.example/keys'),
      fc.oneof(
        fc.record({
          keys: fc.array(fc.record({ kty: fc.constant('RSA'), kid: dnsLabel }), { maxLength: 2 }),
        }),
        fc.record({ unavailable: fc.boolean() }),
      ),
    ),
    probes: fc.array(probe, { maxLength: 4 }),
  },
  { requiredKeys: ['probes'] },
);

// ---------------------------------------------------------------------------------------------
// Policies text: valid Istio resources with random names, comments and blank lines.
// ---------------------------------------------------------------------------------------------

const comment = fc.string({ maxLength: 20 }).map((s) => `# ${s.replace(/[\r\n]/g, ' ')}`);

const RESOURCES: ((name: string, ns: string) => string[])[] = [
  (name, ns) => [
    'apiVersion: security.istio.io/v1',
    'kind: AuthorizationPolicy',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    '  action: DENY',
    '  rules:',
    '    - from:',
    '        - source:',
    '            notNamespaces: ["foo"]',
  ],
  (name, ns) => [
    'apiVersion: security.istio.io/v1beta1',
    'kind: AuthorizationPolicy',
    `metadata: {name: ${name}, namespace: ${ns}}`,
    'spec:',
    '  selector:',
    '    matchLabels: {app: httpbin}',
    '  rules:',
    "  - to: [{operation: {methods: ['GET'], paths: ['/ip*']}}]",
    '    when:',
    '    - key: request.auth.claims[iss]',
    '      values: ["testing@secure.istio.io"]',
  ],
  (name, ns) => [
    'apiVersion: security.istio.io/v1',
    'kind: PeerAuthentication',
    'metadata:',
    `  name: "${name}"`,
    `  namespace: '${ns}'`,
    'spec:',
    '  mtls:',
    '    mode: STRICT',
    '  portLevelMtls:',
    '    8080:',
    '      mode: DISABLE',
  ],
  (name, ns) => [
    'apiVersion: security.istio.io/v1',
    'kind: RequestAuthentication',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    '  jwtRules:',
    '  - issuer: "testing@secure.istio.io"',
    '    jwksUri: "https://raw.githubusercontent.com/istio/istio/release-1.28/security/tools/jwt/samples/jwks.json"',
    '    outputPayloadToHeader: x-payload',
  ],
  (name, ns) => [
    'apiVersion: networking.istio.io/v1',
    'kind: DestinationRule',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    '  host: httpbin.foo.svc.cluster.local',
    '  trafficPolicy:',
    '    tls: {mode: ISTIO_MUTUAL}',
  ],
  (name, ns) => [
    'apiVersion: networking.istio.io/v1',
    'kind: VirtualService',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    '  hosts: ["*"]',
    '  gateways: [httpbin-gateway]',
    '  http:',
    '  - match:',
    '    - uri: {prefix: /headers}',
    '    route:',
    '    - destination: {host: httpbin, port: {number: 8000}}',
    '  - route: |-',
    '      literal',
    '      text',
  ],
];

/** One resource document: its lines with comments and blank lines sprinkled between them. */
const resource = fc
  .record({
    template: fc.nat(RESOURCES.length - 1),
    name: dnsLabel,
    ns: dnsLabel,
    leading: fc.array(comment, { maxLength: 2 }),
    inserts: fc.array(fc.tuple(fc.nat(), fc.oneof(comment, fc.constant(''), fc.constant('   '))), {
      maxLength: 3,
    }),
    trailingComment: fc.option(comment),
  })
  .map(({ template, name, ns, leading, inserts, trailingComment }) => {
    const lines = (RESOURCES[template] ?? RESOURCES[0])?.(name, ns) ?? [];
    // Insert after a top-level line only, where a comment or blank line cannot change the YAML.
    for (const [at, line] of inserts) {
      const i = 1 + (at % lines.length);
      if ((lines[i] ?? '').startsWith(' ') || i === lines.length) continue;
      lines.splice(i, 0, line);
    }
    if (trailingComment !== null) lines[lines.length - 1] += `  ${trailingComment}`;
    return [...leading, ...lines].join('\n');
  });

const SEPARATORS = ['---\n', '--- # next\n', '---\n\n', '\n---\n', '---\n# comment-only document\n---\n'];

/** A policies text as split returns it: no leading blank line or bare `---`, ending in one line break. */
const policies = fc
  .record({
    resources: fc.array(resource, { maxLength: 4 }),
    separators: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 4, maxLength: 4 }),
    tail: fc.option(comment),
    crlf: fc.boolean(),
  })
  .map(({ resources, separators, tail, crlf }) => {
    if (!resources.length) return '';
    // The first separator may open the text, when it carries a comment (a bare `---` would be dropped).
    const opening = separators[0] === '--- # next\n' ? separators[0] : '';
    let out = resources
      .map((r, i) => (i === 0 ? `${opening}${r}\n` : `${separators[i] ?? '---\n'}${r}\n`))
      .join('');
    if (tail !== null) out += `${tail}\n`;
    return crlf ? out.replace(/\n/g, '\r\n') : out;
  });

// ---------------------------------------------------------------------------------------------

function expectSameParts(a: ReturnType<typeof splitWorkspace>, b: ReturnType<typeof splitWorkspace>) {
  expect(b.metadata).toEqual(a.metadata);
  expect(b.mesh).toEqual(a.mesh);
  expect(b.probes).toEqual(a.probes);
  expect(b.policies).toBe(a.policies);
}

describe('workspace text round trip', () => {
  it('serialize then split gives back every part, and the policies byte for byte', () => {
    fc.assert(
      fc.property(metadata, meshSpec, policies, probesSpec, (meta, mesh, policyText, probes) => {
        const { text, policiesLine } = serializeWorkspace({
          metadata: meta,
          mesh,
          policies: policyText,
          probes,
        });
        const parts = splitWorkspace(text);
        expect(parts.diagnostics).toEqual([]);
        expect(parts.metadata).toEqual(meta);
        expect(parts.mesh).toEqual(mesh);
        expect(parts.probes).toEqual(probes);
        expect(parts.policies).toBe(policyText);
        // policiesLine: policies line n is text line policiesLine + n - 1.
        const textLines = text.split('\n');
        policyText
          .split('\n')
          .slice(0, -1)
          .forEach((line, i) => expect(textLines[policiesLine - 1 + i]).toBe(line));
        // And from there on, serialising what split gave is a fixed point.
        const again = serializeWorkspace(parts).text;
        expect(serializeWorkspace(splitWorkspace(again)).text).toBe(again);
      }),
      { numRuns: 150, seed: SEED },
    );
  });

  it('split → serialize → split is stable for workspaces written in any document order', () => {
    const documents = fc.record({
      mesh: meshSpec,
      probes: probesSpec,
      resources: fc.array(resource, { maxLength: 4 }),
      meshAt: fc.nat(),
      probesAt: fc.nat(),
      separator: fc.constantFrom(...SEPARATORS),
      leadingMarker: fc.boolean(),
    });
    fc.assert(
      fc.property(documents, ({ mesh, probes, resources, meshAt, probesAt, separator, leadingMarker }) => {
        const docs = [...resources];
        docs.splice(
          meshAt % (docs.length + 1),
          0,
          stringify({ apiVersion: 'playground/v1', kind: 'Mesh', spec: mesh }, { lineWidth: 0 }).trimEnd(),
        );
        docs.splice(
          probesAt % (docs.length + 1),
          0,
          stringify(
            { apiVersion: 'playground/v1', kind: 'Probes', spec: probes },
            { lineWidth: 0 },
          ).trimEnd(),
        );
        const text = `${leadingMarker ? '---\n' : ''}${docs.join(`\n${separator}`)}\n`;
        const first = splitWorkspace(text);
        expect(first.diagnostics).toEqual([]);
        expect(first.mesh).toEqual(mesh);
        expect(first.probes).toEqual(probes);
        // Every resource survives verbatim and in order.
        let from = 0;
        for (const r of resources) {
          const at = first.policies.indexOf(r, from);
          expect(at, r).toBeGreaterThanOrEqual(0);
          from = at + r.length;
        }
        const second = splitWorkspace(serializeWorkspace(first).text);
        expectSameParts(first, second);
      }),
      { numRuns: 150, seed: SEED + 1 },
    );
  });

  it('keeps a policies text the user typed with a leading `---` and blank lines, minus only those', () => {
    fc.assert(
      fc.property(
        policies.filter((p) => p.length > 0),
        fc.constantFrom('---\n', '\n\n---\n', '---  \n'),
        (policyText, prefix) => {
          const typed = `${prefix}${policyText}`;
          const { text, policiesLine } = serializeWorkspace({
            metadata: {},
            mesh: {},
            policies: typed,
            probes: {},
          });
          expect(splitWorkspace(text).policies).toBe(policyText);
          // Editor line n of what was typed is still text line policiesLine + n - 1.
          const typedLines = typed.split('\n');
          const textLines = text.split('\n');
          const firstContent = prefix.split('\n').length - 1;
          expect(textLines[policiesLine - 1 + firstContent]).toBe(typedLines[firstContent]);
        },
      ),
      { numRuns: 100, seed: SEED + 2 },
    );
  });
});
