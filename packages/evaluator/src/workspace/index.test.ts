/** workspace/: reading the playground/v1 Mesh and Probes documents (docs/workspace-format.md). */
import { describe, expect, it } from 'vitest';
import { parseWorkspaceText } from '../parse';
import type { Diagnostic } from '../types';
import { readWorkspace } from '.';

function read(text: string) {
  const parsed = parseWorkspaceText(text);
  expect(parsed.diagnostics, 'the test input is valid YAML').toEqual([]);
  return readWorkspace(parsed.documents);
}

/** 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

const mesh = (spec: string) => `apiVersion: playground/v1\nkind: Mesh\nspec:\n${spec}`;
const probes = (spec: string) => `apiVersion: playground/v1\nkind: Probes\nspec:\n${spec}`;

const POLICY = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-all, namespace: foo}
spec: {}
`;

describe('documents', () => {
  it('without playground documents: an empty mesh, no probes, every document a resource', () => {
    const ws = read(`${POLICY}---\n${POLICY.replace('deny-all', 'other')}`);
    expect(ws.meshDocument).toBeNull();
    expect(ws.probesDocument).toBeNull();
    expect(ws.metadata).toEqual({});
    expect(ws.mesh).toEqual({ namespaces: [], workloads: [] });
    expect(ws.probes).toEqual({ probes: [] });
    expect(ws.resources.map((d) => d.index)).toEqual([0, 1]);
    expect(ws.diagnostics).toEqual([]);
  });

  it('finds Mesh and Probes in any order and keeps the rest as resources', () => {
    const text = `${probes('  probes: []\n')}---\n${POLICY}---\n${mesh('  trustDomain: example.org\n')}`;
    const ws = read(text);
    expect(ws.diagnostics).toEqual([]);
    expect(ws.meshDocument?.index).toBe(2);
    expect(ws.probesDocument?.index).toBe(0);
    expect(ws.resources.map((d) => d.kind)).toEqual(['AuthorizationPolicy']);
    expect(ws.mesh.trustDomain).toBe('example.org');
  });

  it('an empty Mesh spec leaves every field to its default (no values invented)', () => {
    const ws = read('apiVersion: playground/v1\nkind: Mesh\nspec: {}\n');
    expect(ws.diagnostics).toEqual([]);
    expect(ws.mesh).toEqual({ namespaces: [], workloads: [] });
  });

  it('a Mesh inside a kind: List points its diagnostics at its own nodes', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: playground/v1',
      '    kind: Mesh',
      '    spec:',
      '      workloads:',
      '        - {name: a, namespace: b, sidecar: maybe, sidcar: true}',
      '',
    ].join('\n');
    const ws = read(text);
    expect(ws.meshDocument?.basePath).toEqual(['items', 0]);
    const at = (code: string) => ws.diagnostics.find((d) => d.code === code)?.range;
    const type = at('schema.type');
    const unknown = at('schema.unknown-field');
    if (!type || !unknown) throw new Error('missing diagnostics');
    expect(text.slice(type.offset, type.offset + type.length)).toBe('maybe');
    expect(text.slice(unknown.offset, unknown.offset + unknown.length)).toBe('sidcar');
  });

  it('a Mesh without spec is an empty mesh', () => {
    const ws = read('apiVersion: playground/v1\nkind: Mesh\n');
    expect(ws.diagnostics).toEqual([]);
    expect(ws.mesh).toEqual({});
    expect(ws.meshDocument?.index).toBe(0);
  });

  it('refuses a second Mesh and a second Probes document, keeping the first', () => {
    const text = [
      mesh('  trustDomain: first\n'),
      mesh('  trustDomain: second\n'),
      probes('  now: "2026-01-01T00:00:00Z"\n'),
      probes('  now: "2027-01-01T00:00:00Z"\n'),
    ].join('---\n');
    const ws = read(text);
    expect(codes(ws.diagnostics)).toEqual(['workspace.duplicate-mesh', 'workspace.duplicate-probes']);
    expect(ws.diagnostics.map((d) => d.document)).toEqual([1, 3]);
    expect(ws.mesh.trustDomain).toBe('first');
    expect(ws.probes.now).toBe('2026-01-01T00:00:00Z');
    expect(ws.resources).toEqual([]);
  });

  it('reports an unknown playground/v1 kind at its kind field', () => {
    const text = `${POLICY}---\napiVersion: playground/v1\nkind: Meshes\nspec: {}\n`;
    const ws = read(text);
    expect(codes(ws.diagnostics)).toEqual(['workspace.unknown-kind']);
    expect(ws.diagnostics[0]?.range?.start.line).toBe(lineOf(text, 'kind: Meshes'));
    expect(ws.diagnostics[0]?.range?.start.column).toBe(7);
    expect(ws.resources).toHaveLength(1);
  });

  it('reports a document that is not a map', () => {
    const ws = read(`- a\n- b\n---\njust a string\n---\n${POLICY}`);
    expect(codes(ws.diagnostics)).toEqual(['workspace.not-a-resource', 'workspace.not-a-resource']);
    expect(ws.diagnostics.map((d) => d.document)).toEqual([0, 1]);
    expect(ws.resources.map((d) => d.index)).toEqual([2]);
  });

  it('skips documents that failed to parse (their YAML diagnostics say why)', () => {
    const parsed = parseWorkspaceText(`${mesh('  trustDomain: [\n')}---\n${POLICY}`);
    expect(parsed.diagnostics.length).toBeGreaterThan(0);
    const ws = readWorkspace(parsed.documents);
    expect(ws.meshDocument).toBeNull();
    expect(ws.diagnostics).toEqual([]);
    expect(ws.resources).toHaveLength(1);
  });

  it('reads the Mesh document of docs/workspace-format.md into typed values', () => {
    const text = `apiVersion: playground/v1
kind: Mesh
metadata: {name: authn-demo, title: Demo, description: Text, tags: [a, b]}
spec:
  rootNamespace: istio-config
  trustDomain: example.org
  trustDomainAliases: [old.example.org]
  enableAutoMtls: false
  numTrustedProxies: 1
  extensionProviders:
    - name: sample-ext-authz-grpc
      envoyExtAuthzGrpc: {service: ext-authz.foo.svc.cluster.local, port: 9000}
      simulate:
        allowWhen: [{header: X-Ext-Authz, values: [allow]}]
        deniedStatus: 401
  namespaces:
    - {name: foo, labels: {istio-injection: enabled}}
  workloads:
    - name: httpbin
      namespace: foo
      labels: {app: httpbin, version: v1}
      serviceAccount: httpbin
      sidecar: true
      gateway: false
      service: httpbin-svc
      ip: 10.0.1.5
      ports:
        - {name: http, port: 8000, targetPort: 8080, protocol: HTTP}
      listens: [9002]
  layout: {foo/httpbin: {x: 40, y: 60}}
`;
    const ws = read(text);
    expect(ws.diagnostics).toEqual([]);
    expect(ws.metadata).toEqual({ name: 'authn-demo', title: 'Demo', description: 'Text', tags: ['a', 'b'] });
    expect(ws.mesh).toEqual({
      rootNamespace: 'istio-config',
      trustDomain: 'example.org',
      trustDomainAliases: ['old.example.org'],
      enableAutoMtls: false,
      numTrustedProxies: 1,
      extensionProviders: [
        {
          name: 'sample-ext-authz-grpc',
          envoyExtAuthzGrpc: { service: 'ext-authz.foo.svc.cluster.local', port: 9000 },
          simulate: { allowWhen: [{ header: 'x-ext-authz', values: ['allow'] }], deniedStatus: 401 },
        },
      ],
      namespaces: [{ name: 'foo', labels: { 'istio-injection': 'enabled' } }],
      workloads: [
        {
          name: 'httpbin',
          namespace: 'foo',
          labels: { app: 'httpbin', version: 'v1' },
          serviceAccount: 'httpbin',
          sidecar: true,
          gateway: false,
          service: 'httpbin-svc',
          ip: '10.0.1.5',
          ports: [{ name: 'http', port: 8000, targetPort: 8080, protocol: 'HTTP' }],
          listens: [9002],
        },
      ],
      layout: { 'foo/httpbin': { x: 40, y: 60 } },
    });
  });

  it('declares a namespace that only a workload names, once', () => {
    const ws = read(
      mesh(
        '  namespaces: [{name: foo}]\n  workloads:\n    - {name: a, namespace: bar}\n    - {name: b, namespace: bar}\n',
      ),
    );
    expect(ws.mesh.namespaces).toEqual([{ name: 'foo' }, { name: 'bar' }]);
  });

  it('reads label values that YAML types as numbers or booleans as strings', () => {
    const ws = read(
      mesh('  workloads:\n    - {name: a, namespace: foo, labels: {version: 2, canary: true}}\n'),
    );
    expect(ws.mesh.workloads?.[0]?.labels).toEqual({ version: '2', canary: 'true' });
  });

  it('accepts a port number written as a string of digits', () => {
    const ws = read(mesh('  workloads:\n    - {name: a, namespace: foo, ports: [{port: "8080"}]}\n'));
    expect(ws.diagnostics).toEqual([]);
    expect(ws.mesh.workloads?.[0]?.ports).toEqual([{ port: 8080 }]);
  });
});

describe('wrong types', () => {
  const cases: { field: string; spec: string; needle: string }[] = [
    { field: 'enableAutoMtls', spec: '  enableAutoMtls: "yes"\n', needle: '"yes"' },
    { field: 'numTrustedProxies', spec: '  numTrustedProxies: 100\n', needle: '100' },
    { field: 'numTrustedProxies', spec: '  numTrustedProxies: 1.5\n', needle: '1.5' },
    { field: 'trustDomain', spec: '  trustDomain: {a: 1}\n', needle: '{a: 1}' },
    { field: 'trustDomainAliases', spec: '  trustDomainAliases: [ok, {a: 1}]\n', needle: '{a: 1}' },
    { field: 'namespaces', spec: '  namespaces: {foo: 1}\n', needle: '{foo: 1}' },
    { field: 'workloads', spec: '  workloads: [3]\n', needle: '3]' },
    {
      field: 'labels',
      spec: '  workloads:\n    - name: a\n      namespace: b\n      labels: [x]\n',
      needle: '[x]',
    },
    {
      field: 'label value',
      spec: '  workloads:\n    - name: a\n      namespace: b\n      labels: {k: [x]}\n',
      needle: '[x]',
    },
    {
      field: 'sidecar',
      spec: '  workloads:\n    - name: a\n      namespace: b\n      sidecar: maybe\n',
      needle: 'maybe',
    },
    {
      field: 'ports',
      spec: '  workloads:\n    - name: a\n      namespace: b\n      ports: {port: 80}\n',
      needle: '{port: 80}',
    },
    {
      field: 'port',
      spec: '  workloads:\n    - name: a\n      namespace: b\n      ports:\n        - port: 70000\n',
      needle: '70000',
    },
    {
      field: 'port 0',
      spec: '  workloads:\n    - name: a\n      namespace: b\n      ports:\n        - port: 0\n',
      needle: '0\n',
    },
    {
      field: 'targetPort',
      spec: '  workloads:\n    - name: a\n      namespace: b\n      ports:\n        - {port: 80, targetPort: x}\n',
      needle: 'targetPort',
    },
    {
      field: 'listens',
      spec: '  workloads:\n    - name: a\n      namespace: b\n      listens: [9000, http]\n',
      needle: 'http]',
    },
    {
      field: 'deniedStatus',
      spec: '  extensionProviders:\n    - name: p\n      simulate: {deniedStatus: 42}\n',
      needle: '42',
    },
  ];

  it.each(cases)('$field: schema.type on the line of the value', ({ spec, needle }) => {
    const text = `${POLICY}---\n${mesh(spec)}`;
    const ws = read(text);
    const errors = ws.diagnostics.filter((d) => d.code === 'schema.type');
    expect(errors).toHaveLength(1);
    const error = errors[0];
    expect(error?.severity).toBe('error');
    expect(error?.document).toBe(1);
    expect(error?.message.startsWith('Mesh: ')).toBe(true);
    expect(error?.range?.start.line).toBe(lineOf(text, needle));
  });

  it('points at the value itself (line, column and offset)', () => {
    const text = mesh('  trustDomain: cluster.local\n  enableAutoMtls: sometimes\n');
    const ws = read(text);
    const range = ws.diagnostics[0]?.range;
    if (!range) throw new Error('no range');
    expect(text.slice(range.offset, range.offset + range.length)).toBe('sometimes');
    expect(range.start).toEqual({ line: 5, column: 19 });
  });

  it('a wrong value type does not drop the rest of the workload', () => {
    const ws = read(
      mesh('  workloads:\n    - {name: a, namespace: b, sidecar: maybe, serviceAccount: sa}\n'),
    );
    expect(ws.mesh.workloads).toEqual([{ name: 'a', namespace: 'b', serviceAccount: 'sa' }]);
  });

  it('a port without a number is mesh.port-required', () => {
    const text = mesh(
      '  workloads:\n    - name: a\n      namespace: b\n      ports:\n        - name: http\n',
    );
    const ws = read(text);
    expect(codes(ws.diagnostics)).toEqual(['mesh.port-required']);
    expect(ws.diagnostics[0]?.range?.start.line).toBe(lineOf(text, 'name: http'));
    expect(ws.mesh.workloads?.[0]?.ports).toEqual([]);
  });

  it('a spec that is not a map', () => {
    const ws = read('apiVersion: playground/v1\nkind: Mesh\nspec: [1]\n');
    expect(codes(ws.diagnostics)).toEqual(['schema.type']);
    expect(ws.diagnostics[0]?.range?.start.line).toBe(3);
  });
});

describe('unknown fields', () => {
  it('warn at the key and are ignored', () => {
    const text = mesh(
      '  trustDomain: a\n  trustdomain: b\n  workloads:\n    - {name: a, namespace: b, sidcar: false}\n',
    );
    const ws = read(text);
    const warnings = ws.diagnostics.filter((d) => d.code === 'schema.unknown-field');
    expect(warnings.map((d) => d.severity)).toEqual(['warning', 'warning']);
    expect(warnings[0]?.message).toContain('spec.trustdomain');
    expect(warnings[0]?.range?.start).toEqual({ line: lineOf(text, 'trustdomain'), column: 3 });
    expect(warnings[1]?.message).toContain('spec.workloads.0.sidcar');
    const key = warnings[1]?.range;
    if (!key) throw new Error('no range');
    expect(text.slice(key.offset, key.offset + key.length)).toBe('sidcar');
    expect(ws.mesh.trustDomain).toBe('a');
    expect(ws.mesh.workloads).toEqual([{ name: 'a', namespace: 'b' }]);
  });

  it('at the top level, in metadata, in probes, requests, tokens and providers', () => {
    const text = [
      'apiVersion: playground/v1',
      'kind: Mesh',
      'metadata: {name: x, owner: me}',
      'spec:',
      '  extensionProviders: [{name: p, envoyExtAuthzGrpc: {service: s, port: 1}, timeout: 1s}]',
      'status: {}',
      '---',
      'apiVersion: playground/v1',
      'kind: Probes',
      'spec:',
      '  clock: now',
      '  tokens: {t: {claims: {iss: a}, kid: 1}}',
      '  probes:',
      '    - {from: a/b, to: c/d, port: 80, retries: 3, request: {verb: GET}}',
      '',
    ].join('\n');
    const ws = read(text);
    const unknown = ws.diagnostics.filter((d) => d.code === 'schema.unknown-field').map((d) => d.message);
    expect(unknown).toHaveLength(7);
    for (const field of [
      'metadata.owner',
      'extensionProviders.0.timeout',
      'status',
      'spec.clock',
      'tokens.t.kid',
      'probes.0.retries',
      'request.verb',
    ]) {
      expect(
        unknown.some((m) => m.includes(field)),
        field,
      ).toBe(true);
    }
    expect(ws.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });
});

describe('names and duplicates', () => {
  it.each(['Foo', 'foo_bar', '-foo', 'foo-', 'a.b', 'ümlaut'])(
    'workload name %j is mesh.invalid-name',
    (name) => {
      const ws = read(mesh(`  workloads:\n    - {name: ${JSON.stringify(name)}, namespace: foo}\n`));
      expect(codes(ws.diagnostics)).toEqual(['mesh.invalid-name']);
      expect(ws.mesh.workloads).toEqual([]);
    },
  );

  it('an invalid namespace of a workload is mesh.invalid-name', () => {
    const ws = read(mesh('  workloads:\n    - {name: a, namespace: Foo}\n'));
    expect(codes(ws.diagnostics)).toEqual(['mesh.invalid-name']);
  });

  it('a workload without namespace or name is mesh.workload-name, on its line', () => {
    const text = mesh('  workloads:\n    - {name: a}\n    - {namespace: a}\n');
    const ws = read(text);
    expect(codes(ws.diagnostics)).toEqual(['mesh.workload-name', 'mesh.workload-name']);
    expect(ws.diagnostics.map((d) => d.range?.start.line)).toEqual([5, 6]);
  });

  it('an invalid namespace entry is mesh.invalid-name', () => {
    const ws = read(mesh('  namespaces: [{name: Bad}, {labels: {a: b}}, {name: good}]\n'));
    expect(codes(ws.diagnostics)).toEqual(['mesh.invalid-name', 'mesh.invalid-name']);
    expect(ws.mesh.namespaces).toEqual([{ name: 'good' }]);
  });

  it('a duplicate namespace is reported at the second one and dropped', () => {
    const text = mesh(
      '  namespaces:\n    - {name: foo, labels: {a: "1"}}\n    - {name: foo, labels: {a: "2"}}\n',
    );
    const ws = read(text);
    expect(codes(ws.diagnostics)).toEqual(['mesh.duplicate-namespace']);
    expect(ws.diagnostics[0]?.range?.start.line).toBe(6);
    expect(ws.mesh.namespaces).toEqual([{ name: 'foo', labels: { a: '1' } }]);
  });

  it('a duplicate workload (same namespace and name) is reported at the second one and dropped', () => {
    const text = mesh(
      '  workloads:\n    - {name: a, namespace: foo, serviceAccount: one}\n    - {name: a, namespace: bar}\n    - {name: a, namespace: foo, serviceAccount: two}\n',
    );
    const ws = read(text);
    expect(codes(ws.diagnostics)).toEqual(['mesh.duplicate-workload']);
    expect(ws.diagnostics[0]?.message).toContain('foo/a');
    expect(ws.diagnostics[0]?.range?.start.line).toBe(7);
    expect(ws.mesh.workloads?.map((w) => [w.namespace, w.serviceAccount])).toEqual([
      ['foo', 'one'],
      ['bar', undefined],
    ]);
  });

  it('an ip that is not IPv4 is mesh.invalid-ip and the workload keeps no ip', () => {
    for (const ip of ['10.0.0.256', '10.0.0', 'fe80::1', 'host', '1.2.3.4.5']) {
      const ws = read(mesh(`  workloads:\n    - {name: a, namespace: foo, ip: "${ip}"}\n`));
      expect(codes(ws.diagnostics), ip).toEqual(['mesh.invalid-ip']);
      expect(ws.mesh.workloads?.[0]?.ip, ip).toBeUndefined();
    }
  });

  it('an extension provider needs a name', () => {
    const ws = read(mesh('  extensionProviders: [{envoyExtAuthzHttp: {service: s, port: 80}}]\n'));
    expect(codes(ws.diagnostics)).toEqual(['mesh.provider-name']);
  });
});

describe('Probes', () => {
  it('reads probes, requests and tokens as docs/workspace-format.md shows them', () => {
    const text = probes(`  now: "2026-01-01T00:00:00Z"
  tokens:
    demo: {claims: {iss: testing@secure.istio.io, sub: testing@secure.istio.io, exp: 4685989700}}
    forged: {claims: {iss: testing@secure.istio.io, sub: x}, signature: invalid}
    bad: {raw: deadbeef}
    real: {jwt: "eyJhbGciOi.x.y"}
  jwks:
    "https://example.com/jwks.json": {keys: [{kty: RSA}]}
    "https://down.example.com/jwks.json": {unavailable: true}
  probes:
    - name: legacy to foo
      from: legacy/sleep
      to: foo/httpbin
      port: 8000
      address: podIP
      now: "2026-06-01T12:00:00+02:00"
      request:
        method: POST
        path: /ip
        host: httpbin.foo:8000
        headers: {x-token: admin}
        token: demo
        tokens: [{token: demo, in: "query:access_token"}, {token: bad, in: "header:x-jwt", prefix: "Bearer "}]
        sourceIp: 203.0.113.7
      expect: "000"
      expectMtls: false
`);
    const ws = read(text);
    expect(ws.diagnostics).toEqual([]);
    expect(ws.probes.now).toBe('2026-01-01T00:00:00Z');
    expect(ws.probes.tokens).toEqual({
      demo: { claims: { iss: 'testing@secure.istio.io', sub: 'testing@secure.istio.io', exp: 4685989700 } },
      forged: { claims: { iss: 'testing@secure.istio.io', sub: 'x' }, signature: 'invalid' },
      bad: { raw: 'deadbeef' },
      real: { jwt: 'eyJhbGciOi.x.y' },
    });
    expect(ws.probes.jwks).toEqual({
      'https://example.com/jwks.json': { keys: [{ kty: 'RSA' }] },
      'https://down.example.com/jwks.json': { unavailable: true },
    });
    expect(ws.probes.probes).toEqual([
      {
        name: 'legacy to foo',
        from: 'legacy/sleep',
        to: 'foo/httpbin',
        port: 8000,
        address: 'podIP',
        now: '2026-06-01T12:00:00+02:00',
        request: {
          method: 'POST',
          path: '/ip',
          host: 'httpbin.foo:8000',
          headers: { 'x-token': 'admin' },
          token: 'demo',
          tokens: [
            { token: 'demo', in: 'query:access_token' },
            { token: 'bad', in: 'header:x-jwt', prefix: 'Bearer ' },
          ],
          sourceIp: '203.0.113.7',
        },
        expect: '000',
        expectMtls: false,
      },
    ]);
    expect(ws.probePaths).toEqual([['spec', 'probes', 0]]);
  });

  it.each([
    ['from', '{to: a/b, port: 80}'],
    ['to', '{from: a/b, port: 80}'],
    ['port', '{from: a/b, to: c/d}'],
  ])('a probe without %s is probes.incomplete and skipped', (_, probe) => {
    const text = probes(`  probes:\n    - {from: x/y, to: x/z, port: 1}\n    - ${probe}\n`);
    const ws = read(text);
    expect(codes(ws.diagnostics)).toEqual(['probes.incomplete']);
    expect(ws.diagnostics[0]?.range?.start.line).toBe(6);
    expect(ws.probes.probes).toHaveLength(1);
    expect(ws.probePaths).toEqual([['spec', 'probes', 0]]);
  });

  it('keeps probe paths aligned with the probes that were read', () => {
    const ws = read(probes('  probes:\n    - {from: a}\n    - {from: x/y, to: x/z, port: 1}\n'));
    expect(ws.probes.probes?.map((p) => p.to)).toEqual(['x/z']);
    expect(ws.probePaths).toEqual([['spec', 'probes', 1]]);
  });

  it('a port out of range is schema.type and the probe is incomplete', () => {
    const ws = read(probes('  probes:\n    - {from: a/b, to: c/d, port: 65536}\n'));
    expect(codes(ws.diagnostics)).toEqual(['schema.type', 'probes.incomplete']);
  });

  it('an address other than service or podIP is probes.address', () => {
    const ws = read(probes('  probes:\n    - {from: a/b, to: c/d, port: 80, address: ip}\n'));
    expect(codes(ws.diagnostics)).toEqual(['probes.address']);
    expect(ws.probes.probes?.[0]?.address).toBeUndefined();
  });

  describe('token forms', () => {
    it.each([
      ['no form', '{signature: valid}'],
      ['claims and raw', '{claims: {iss: a}, raw: x}'],
      ['raw and jwt', '{raw: x, jwt: y}'],
      ['all three', '{claims: {}, raw: x, jwt: y}'],
    ])('%s is probes.token-form', (_, token) => {
      const text = probes(`  tokens:\n    t: ${token}\n`);
      const ws = read(text);
      expect(codes(ws.diagnostics)).toEqual(['probes.token-form']);
      expect(ws.diagnostics[0]?.range?.start.line).toBe(5);
    });

    it('an empty claims map is a form', () => {
      expect(read(probes('  tokens:\n    t: {claims: {}}\n')).diagnostics).toEqual([]);
    });

    it('a signature other than valid or invalid is probes.token-signature', () => {
      const ws = read(probes('  tokens:\n    t: {claims: {iss: a}, signature: forged}\n'));
      expect(codes(ws.diagnostics)).toEqual(['probes.token-signature']);
      expect(ws.probes.tokens?.t).toEqual({ claims: { iss: 'a' } });
    });

    it('a token that is not a map is schema.type', () => {
      const ws = read(probes('  tokens:\n    t: eyJ.x.y\n'));
      expect(codes(ws.diagnostics)).toEqual(['schema.type']);
    });

    it('a token use needs a token name, and a location header:/query:/cookie:', () => {
      const text = probes(
        '  probes:\n    - from: a/b\n      to: c/d\n      port: 80\n      request:\n        tokens:\n          - {in: "header:x"}\n          - {token: t, in: "body:x"}\n          - {token: t, in: "query:"}\n          - {token: t, in: "cookie:session"}\n',
      );
      const ws = read(text);
      expect(codes(ws.diagnostics)).toEqual([
        'probes.token-required',
        'probes.token-location',
        'probes.token-location',
      ]);
      expect(ws.diagnostics.map((d) => d.range?.start.line)).toEqual([10, 11, 12]);
      expect(ws.probes.probes?.[0]?.request?.tokens).toEqual([
        { token: 't' },
        { token: 't' },
        { token: 't', in: 'cookie:session' },
      ]);
    });
  });

  describe('now', () => {
    it.each([
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00.5Z',
      '2026-01-01T01:00:00+01:00',
      '2026-01-01t00:00:00z',
    ])('accepts the RFC 3339 time %s', (now) => {
      const ws = read(
        probes(`  now: "${now}"\n  probes:\n    - {from: a/b, to: c/d, port: 80, now: "${now}"}\n`),
      );
      expect(ws.diagnostics).toEqual([]);
      expect(ws.probes.now).toBe(now);
      expect(ws.probes.probes?.[0]?.now).toBe(now);
    });

    it.each([
      'yesterday',
      '1',
      '2026',
      'Jan 1 2026',
      '2026-01-01',
      '2026-01-01T00:00:00',
      '2026-13-01T00:00:00Z',
    ])('refuses %j with probes.now at the value, at both levels', (now) => {
      const text = probes(
        `  now: "${now}"\n  probes:\n    - {from: a/b, to: c/d, port: 80, now: "${now}"}\n`,
      );
      const ws = read(text);
      expect(codes(ws.diagnostics)).toEqual(['probes.now', 'probes.now']);
      expect(ws.diagnostics.map((d) => d.range?.start.line)).toEqual([4, 6]);
      expect(ws.probes.now).toBeUndefined();
      expect(ws.probes.probes?.[0]?.now).toBeUndefined();
    });
  });

  it('a JWKS entry that is not a map is schema.type; keys must be a list', () => {
    const ws = read(probes('  jwks:\n    "https://a/jwks": 3\n    "https://b/jwks": {keys: {}}\n'));
    expect(codes(ws.diagnostics)).toEqual(['schema.type', 'schema.type']);
  });
});

describe('decoded data is never spread', () => {
  it('keys that look like Object members stay plain data', () => {
    const ws = read(
      `${mesh('  layout: {toString: {x: 1, y: 2}, valueOf: 3}\n')}---\n${probes('  tokens:\n    hasOwnProperty: {raw: x}\n')}`,
    );
    expect(ws.mesh.layout?.toString).toEqual({ x: 1, y: 2 });
    expect(ws.mesh.layout && 'valueOf' in ws.mesh.layout).toBe(false);
    expect(ws.probes.tokens?.hasOwnProperty).toEqual({ raw: 'x' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
