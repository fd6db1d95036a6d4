import { describe, expect, it } from 'vitest';
import type { AuthorizationPolicy } from './types';
import { lineOf, oneWithCode, readYaml, withCode, yaml } from './testing';

function onePolicy(text: string): {
  policy: AuthorizationPolicy;
  diagnostics: ReturnType<typeof readYaml>['diagnostics'];
} {
  const { resources, diagnostics } = readYaml(text);
  expect(resources.authorizationPolicies).toHaveLength(1);
  return { policy: resources.authorizationPolicies[0] as AuthorizationPolicy, diagnostics };
}

/** A policy with the given spec lines (indented under `spec:`), starting at line 6. */
function policyWith(spec: string, extraMeta = ''): string {
  return (
    'apiVersion: security.istio.io/v1\n' +
    'kind: AuthorizationPolicy\n' +
    'metadata:\n' +
    '  name: p\n' +
    `  namespace: foo${extraMeta}\n` +
    'spec:\n' +
    spec
  );
}

describe('AuthorizationPolicy: reading', () => {
  it('reads a v1beta1 policy with selector, rules, sources, operations and conditions', () => {
    const { policy, diagnostics } = onePolicy(yaml`
      apiVersion: security.istio.io/v1beta1
      kind: AuthorizationPolicy
      metadata:
        name: httpbin
        namespace: foo
        creationTimestamp: "2024-01-02T03:04:05Z"
        labels: {team: a}
      spec:
        selector:
          matchLabels:
            app: httpbin
        action: DENY
        rules:
        - from:
          - source:
              principals: ["cluster.local/ns/foo/sa/sleep"]
              notNamespaces: ["bar"]
          to:
          - operation:
              methods: ["GET"]
              ports: ["8000"]
              paths: ["/admin*"]
          when:
          - key: request.headers[x-token]
            notValues: ["secret"]
    `);
    expect(diagnostics).toEqual([]);
    expect(policy.meta).toMatchObject({
      kind: 'AuthorizationPolicy',
      name: 'httpbin',
      namespace: 'foo',
      apiVersion: 'security.istio.io/v1beta1',
      creationTimestamp: Date.UTC(2024, 0, 2, 3, 4, 5),
      order: 0,
      labels: { team: 'a' },
      annotations: {},
      basePath: [],
      rejected: false,
      document: 0,
    });
    expect(policy.selector).toEqual({ app: 'httpbin' });
    expect(policy.targetRefs).toEqual([]);
    expect(policy.action).toBe('DENY');
    expect(policy.provider).toBeNull();
    expect(policy.dryRun).toBe(false);
    expect(policy.rules).toEqual([
      {
        index: 0,
        from: [{ principals: ['cluster.local/ns/foo/sa/sleep'], notNamespaces: ['bar'] }],
        to: [{ methods: ['GET'], ports: ['8000'], paths: ['/admin*'] }],
        when: [{ key: 'request.headers[x-token]', notValues: ['secret'] }],
        isNull: false,
      },
    ]);
  });

  it('reads a v1 policy with the deprecated singular targetRef folded into targetRefs', () => {
    const { policy, diagnostics } = onePolicy(yaml`
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata:
        name: frontend-ingress
        namespace: foo
      spec:
        targetRef:
          kind: Gateway
          group: gateway.networking.k8s.io
          name: httpbin-gateway
        action: ALLOW
        rules:
        - from:
          - source:
              ipBlocks: ["10.0.0.0/8", "2001:db8::/32", "192.168.1.1"]
    `);
    expect(diagnostics).toEqual([]);
    expect(policy.selector).toBeNull();
    expect(policy.targetRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'httpbin-gateway' },
    ]);
    expect(policy.meta.rejected).toBe(false);
  });

  it('defaults: no action means ALLOW, no rules is null, no namespace is default', () => {
    const { policy, diagnostics } = onePolicy(yaml`
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata:
        name: allow-nothing
      spec: {}
    `);
    expect(diagnostics).toEqual([]);
    expect(policy.action).toBe('ALLOW');
    expect(policy.rules).toBeNull();
    expect(policy.meta.namespace).toBe('default');
    expect(policy.meta.creationTimestamp).toBeNull();
  });

  it('distinguishes rules: [] from an absent rules, and reads rules: [{}] as one empty rule', () => {
    expect(onePolicy(policyWith('  rules: []\n')).policy.rules).toEqual([]);
    const { policy, diagnostics } = onePolicy(policyWith('  rules: [{}]\n'));
    expect(diagnostics).toEqual([]);
    expect(policy.rules).toEqual([{ index: 0, from: null, to: null, when: null, isNull: false }]);
  });

  it('a null rule entry is isNull and rejected by the webhook', () => {
    const { policy, diagnostics } = onePolicy(
      policyWith('  rules:\n  - \n  - to: [{operation: {ports: ["80"]}}]\n'),
    );
    expect(policy.rules?.map((r) => r.isNull)).toEqual([true, false]);
    const d = oneWithCode(diagnostics, 'authz.rule-nil');
    expect(d.severity).toBe('error');
    expect(policy.meta.rejected).toBe(true);
  });

  it('reads the dry-run annotation', () => {
    const { policy, diagnostics } = onePolicy(
      policyWith('  action: DENY\n  rules: [{}]\n', '\n  annotations:\n    istio.io/dry-run: "true"'),
    );
    expect(diagnostics).toEqual([]);
    expect(policy.dryRun).toBe(true);
    expect(policy.meta.annotations).toEqual({ 'istio.io/dry-run': 'true' });
  });

  it('reads a CUSTOM provider name', () => {
    const { policy, diagnostics } = onePolicy(
      policyWith(
        '  action: CUSTOM\n  provider:\n    name: my-ext-authz\n  rules:\n  - to:\n    - operation:\n        paths: ["/admin*"]\n',
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(policy.provider).toBe('my-ext-authz');
  });
});

describe('AuthorizationPolicy: webhook errors', () => {
  it('Z5: DENY without rules is rejected', () => {
    const { policy, diagnostics } = onePolicy(policyWith('  action: DENY\n'));
    const d = oneWithCode(diagnostics, 'authz.deny-without-rules');
    expect(d.severity).toBe('error');
    expect(d.message).toContain('AuthorizationPolicy foo/p');
    expect(d.message).toContain('rules: [{}]');
    expect(lineOf(d)).toBe(7);
    expect(d.resource).toEqual({ kind: 'AuthorizationPolicy', name: 'p', namespace: 'foo', document: 0 });
    expect(policy.meta.rejected).toBe(true);
  });

  it('DENY with rules: [] is rejected too; CUSTOM without rules is rejected', () => {
    expect(
      withCode(readYaml(policyWith('  action: DENY\n  rules: []\n')).diagnostics, 'authz.deny-without-rules'),
    ).toHaveLength(1);
    const custom = readYaml(policyWith('  action: CUSTOM\n  provider: {name: x}\n')).diagnostics;
    expect(oneWithCode(custom, 'authz.custom-without-rules').severity).toBe('error');
  });

  it('CUSTOM needs provider.name; provider is refused with other actions', () => {
    const d = oneWithCode(
      readYaml(policyWith('  action: CUSTOM\n  rules: [{}]\n')).diagnostics,
      'authz.custom-provider-required',
    );
    expect(lineOf(d)).toBe(7);
    const e = oneWithCode(
      readYaml(policyWith('  action: DENY\n  provider: {name: x}\n  rules: [{}]\n')).diagnostics,
      'authz.provider-not-custom',
    );
    expect(lineOf(e)).toBe(8);
  });

  it('CUSTOM refuses identity/JWT fields in from and when', () => {
    const { diagnostics } = readYaml(
      policyWith(
        '  action: CUSTOM\n  provider: {name: x}\n  rules:\n  - from:\n    - source:\n        principals: ["a"]\n' +
          '        ipBlocks: ["1.2.3.4"]\n    when:\n    - key: request.auth.claims[iss]\n      values: ["x"]\n',
      ),
    );
    const found = withCode(diagnostics, 'authz.custom-unsupported');
    expect(found.map(lineOf)).toEqual([12, 15]);
  });

  it('an unknown action is refused by the CRD enum', () => {
    const d = oneWithCode(readYaml(policyWith('  action: deny\n  rules: [{}]\n')).diagnostics, 'schema.enum');
    expect(d.severity).toBe('error');
    expect(lineOf(d)).toBe(7);
  });

  it('from: [] and to: [] are refused; a from entry without source is refused but read as {}', () => {
    const { policy, diagnostics } = onePolicy(
      policyWith('  rules:\n  - from: []\n  - to: []\n  - from: [{}]\n'),
    );
    expect(lineOf(oneWithCode(diagnostics, 'authz.from-empty'))).toBe(8);
    expect(lineOf(oneWithCode(diagnostics, 'authz.to-empty'))).toBe(9);
    expect(lineOf(oneWithCode(diagnostics, 'authz.source-nil'))).toBe(10);
    expect(policy.rules?.[2]?.from).toEqual([{}]);
    expect(policy.meta.rejected).toBe(true);
  });

  it('empty source and operation are refused', () => {
    const { diagnostics } = readYaml(
      policyWith(
        '  rules:\n  - from:\n    - source: {principals: []}\n    to:\n    - operation: {}\n    - {}\n',
      ),
    );
    expect(lineOf(oneWithCode(diagnostics, 'authz.source-empty'))).toBe(9);
    expect(lineOf(oneWithCode(diagnostics, 'authz.operation-empty'))).toBe(11);
    expect(lineOf(oneWithCode(diagnostics, 'authz.operation-nil'))).toBe(12);
  });

  it('seed 000 jwt-per-host: hosts under source is an unknown field, so the policy is rejected', () => {
    const { policy, diagnostics } = onePolicy(yaml`
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata:
        name: jwt-per-host
        namespace: istio-system
      spec:
        selector:
          matchLabels:
            istio: ingressgateway
        action: DENY
        rules:
        - from:
          - source:
              hosts: ["example.com", "*.example.com"]
              # assuming the JWT token issued for example.com has the issuer example.com
              notRequestPrincipals: ["*@example.com"]
          - source:
              hosts: [".another.org", "*.another.org"]
              # assuming the JWT token issued for another.org has the issuer another.org
              notRequestPrincipals: ["*@another.org"]
    `);
    const unknown = withCode(diagnostics, 'schema.unknown-field');
    expect(unknown.map((d) => d.message)).toEqual([
      expect.stringContaining('unknown field "spec.rules[0].from[0].source.hosts"'),
      expect.stringContaining('unknown field "spec.rules[0].from[1].source.hosts"'),
    ]);
    expect(unknown.map(lineOf)).toEqual([14, 18]);
    expect(unknown.every((d) => d.severity === 'error')).toBe(true);
    expect(policy.meta.rejected).toBe(true);
  });

  it('seed 001 blog fragment: principals [""] is refused; operation under from is an unknown field', () => {
    const { policy, diagnostics } = onePolicy(yaml`
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata:
        name: rbac-policy
        namespace: my-namespace
      spec:
        selector:
          matchLabels:
            app: my-app
        rules:
          - from:
              - source:
                  principals: [""]
              - operation:
                  methods: ["GET"]
    `);
    const empty = oneWithCode(diagnostics, 'authz.empty-value');
    expect(empty.message).toContain('empty value not allowed');
    expect(lineOf(empty)).toBe(13);
    expect(lineOf(oneWithCode(diagnostics, 'schema.unknown-field'))).toBe(14);
    expect(lineOf(oneWithCode(diagnostics, 'authz.source-nil'))).toBe(14);
    expect(policy.meta.rejected).toBe(true);
  });

  it('Z52: a bad CIDR in ipBlocks is refused; bad IPs in every IP field too', () => {
    const { diagnostics } = readYaml(
      policyWith(
        '  rules:\n  - from:\n    - source:\n        ipBlocks: ["1.2.3.4/33"]\n        notRemoteIpBlocks: ["10.0.0.256"]\n' +
          '        remoteIpBlocks: ["::1/129", "fe80::1/64", "01.2.3.4"]\n',
      ),
    );
    const bad = withCode(diagnostics, 'authz.bad-ip');
    expect(bad.map(lineOf)).toEqual(expect.arrayContaining([10, 11, 12]));
    expect(bad).toHaveLength(4);
    expect(bad.find((d) => lineOf(d) === 10)?.message).toContain('bad CIDR range (1.2.3.4/33)');
    expect(bad.find((d) => lineOf(d) === 11)?.message).toContain('bad IP address (10.0.0.256)');
  });

  it('ports: an integer instead of a string is a schema type error; ranges, * and 65536 are bad ports', () => {
    const typed = readYaml(policyWith('  rules:\n  - to:\n    - operation:\n        ports: [8080]\n'));
    const d = oneWithCode(typed.diagnostics, 'schema.type');
    expect(d.message).toContain('spec.rules[0].to[0].operation.ports[0] must be a string');
    expect(lineOf(d)).toBe(10);
    expect(typed.resources.authorizationPolicies[0]?.meta.rejected).toBe(true);

    const bad = readYaml(
      policyWith(
        '  rules:\n  - to:\n    - operation:\n        ports: ["80-90", "*", "65536", "0", "65535"]\n',
      ),
    );
    expect(withCode(bad.diagnostics, 'authz.bad-port').map((x) => x.message)).toEqual([
      expect.stringContaining('bad port (80-90)'),
      expect.stringContaining('bad port (*)'),
      expect.stringContaining('bad port (65536)'),
    ]);
  });

  it('Z58 and path templates: {**} last, no braces outside operators, valid literals', () => {
    const { diagnostics } = readYaml(
      policyWith(
        '  rules:\n  - to:\n    - operation:\n        paths:\n' +
          '        - "/foo/{*}.txt"\n' + // line 11: braces beyond an operator
          '        - "/foo/{**}/bar/{*}"\n' + // line 12: {**} not last
          '        - "/foo/{*}/a*b"\n' + // line 13: '*' is not a template literal
          '        - "/foo/{*}/bar/{**}"\n' + // valid
          '        - "/store/{**}/cart"\n' + // valid
          '        - "/api/*/admin"\n' + // no template: accepted (literal '*')
          '        notPaths: ["/x/{y}"]\n', // line 17
      ),
    );
    const bad = withCode(diagnostics, 'authz.bad-path-template');
    expect(bad.map(lineOf)).toEqual([11, 12, 13, 17]);
    expect(bad[1]?.message).toContain('{**} is not the last operator');
  });

  it('Z53: an unknown when key is refused', () => {
    const d = oneWithCode(
      readYaml(policyWith('  rules:\n  - when:\n    - key: request.regex.headers[x]\n      values: ["a"]\n'))
        .diagnostics,
      'authz.condition-unknown-key',
    );
    expect(d.message).toContain('unknown attribute: request.regex.headers[x]');
    expect(lineOf(d)).toBe(9);
    expect(d.severity).toBe('error');
  });

  it('Z54: destination.namespace and the other retired keys are refused with their own message', () => {
    const { diagnostics } = readYaml(
      policyWith(
        '  rules:\n  - when:\n    - key: destination.namespace\n      values: ["a"]\n' +
          '    - key: destination.labels[app]\n      values: ["a"]\n' +
          '    - key: destination.user\n      values: ["a"]\n',
      ),
    );
    const msgs = withCode(diagnostics, 'authz.condition-unsupported-key').map((d) => d.message);
    expect(msgs).toEqual([
      expect.stringContaining('replaced by the metadata.namespace'),
      expect.stringContaining('replaced by the workload selector'),
      expect.stringContaining('only supported in v1alpha1'),
    ]);
  });

  it('when: key format, values required, empty key, and value checks per key', () => {
    const { diagnostics } = readYaml(
      policyWith(
        '  rules:\n  - when:\n' +
          '    - key: request.headers\n      values: ["a"]\n' + // 9: bad key
          '    - key: source.ip\n' + // 11: no values
          '    - key: ""\n      values: ["a"]\n' + // 12: empty key
          '    - key: source.ip\n      values: ["1.2.3.4/40"]\n' + // 14
          '    - key: destination.port\n      notValues: ["http"]\n' + // 16
          '    - key: request.auth.claims[groups]\n      values: ["g"]\n' + // valid
          '    - key: experimental.envoy.filters.a.b[c]\n      values: ["v"]\n', // valid
      ),
    );
    expect(lineOf(oneWithCode(diagnostics, 'authz.condition-bad-key'))).toBe(9);
    expect(oneWithCode(diagnostics, 'authz.condition-values-required').message).toContain(
      'at least one of `values` or `notValues` must be set for key source.ip',
    );
    expect(lineOf(oneWithCode(diagnostics, 'authz.condition-key-empty'))).toBe(12);
    expect(withCode(diagnostics, 'authz.condition-bad-value').map(lineOf)).toEqual([14, 16]);
  });

  it('when: empty values are refused, and request.experimental.inline.headers is a known key', () => {
    const { diagnostics } = readYaml(
      policyWith(
        '  rules:\n  - when:\n    - key: request.headers[x]\n      notValues: [""]\n' +
          '    - key: request.experimental.inline.headers[x]\n      values: ["a"]\n',
      ),
    );
    const d = oneWithCode(diagnostics, 'authz.empty-value');
    expect(d.message).toContain('invalid `notValue` for `key` request.headers[x]: empty value not allowed');
    expect(lineOf(d)).toBe(9);
    expect(diagnostics).toHaveLength(1);
  });

  it('IP values follow Go netip: zones on addresses, no leading zeros in prefix lengths', () => {
    const { diagnostics } = readYaml(
      policyWith(
        '  rules:\n  - from:\n    - source:\n        ipBlocks: ["fe80::1%eth0", "1.2.3.0/024", "::ffff:1.2.3.4", "1::/0"]\n',
      ),
    );
    expect(withCode(diagnostics, 'authz.bad-ip').map((d) => d.message)).toEqual([
      expect.stringContaining('bad CIDR range (1.2.3.0/024)'),
    ]);
  });

  it('an IPv6 zone is accepted (Go netip.ParseAddr) and reported where it stands: Istio drops it', () => {
    const { policy, diagnostics } = onePolicy(
      policyWith(
        '  action: DENY\n  rules:\n  - from:\n    - source:\n        ipBlocks: ["10.0.0.1", "fe80::1%eth0"]\n',
      ),
    );
    expect(policy.meta.rejected).toBe(false);
    const d = oneWithCode(diagnostics, 'authz.ip-zone-ignored');
    expect(d.severity).toBe('warning');
    expect(lineOf(d)).toBe(11);
    expect(d.range?.start.column).toBe(32); // the opening quote of "fe80::1%eth0"
    expect(d.message).toContain('matches fe80::1 whatever the interface');
    expect(withCode(diagnostics, 'authz.bad-ip')).toEqual([]);
  });

  it('an IPv6 zone in a when condition on an IP key is reported too', () => {
    const { policy, diagnostics } = onePolicy(
      policyWith('  rules:\n  - when:\n    - key: destination.ip\n      values: ["fe80::1%lo"]\n'),
    );
    expect(policy.meta.rejected).toBe(false);
    expect(lineOf(oneWithCode(diagnostics, 'authz.ip-zone-ignored'))).toBe(10);
  });

  it('a path template Istio accepts and Envoy refuses gets its own code, at the value; the policy stays', () => {
    const { policy, diagnostics } = onePolicy(
      policyWith(
        '  action: DENY\n  rules:\n  - to:\n    - operation:\n        paths: ["/ok/{*}", "/a=b/{*}"]\n',
      ),
    );
    expect(policy.meta.rejected).toBe(false);
    const d = oneWithCode(diagnostics, 'authz.path-template-unsupported');
    expect(d.severity).toBe('warning');
    expect(lineOf(d)).toBe(11);
    expect(d.range?.start.column).toBe(28); // the opening quote of "/a=b/{*}"
    expect(d.message).toContain('can never match');
    expect(withCode(diagnostics, 'authz.bad-path-template')).toEqual([]);
  });

  it('Z56: serviceAccounts with principals in one source is refused; service account and trust domain values', () => {
    const { diagnostics } = readYaml(
      policyWith(
        '  rules:\n  - from:\n    - source:\n        serviceAccounts: ["foo/sleep", "bar/*", "a/b/c"]\n' +
          '        principals: ["cluster.local/ns/foo/sa/sleep"]\n' +
          '    - source:\n        trustDomains: ["*.td.*", "a*b", "td/x", "*.example.com"]\n',
      ),
    );
    const both = oneWithCode(diagnostics, 'authz.service-accounts-with-principals');
    expect(both.message).toContain('cannot set serviceAccounts with namespaces or principals');
    expect(lineOf(both)).toBe(10);
    expect(withCode(diagnostics, 'authz.service-accounts').map(lineOf)).toEqual([10, 10]);
    expect(withCode(diagnostics, 'authz.trust-domains').map((d) => d.message)).toEqual([
      expect.stringContaining('at most one wildcard'),
      expect.stringContaining('only allowed at the start or end'),
      expect.stringContaining("must not contain '/'"),
    ]);
  });

  it('serviceAccounts may have at most 16 values', () => {
    const many = JSON.stringify(Array.from({ length: 17 }, (_, i) => `sa${i}`));
    const d = oneWithCode(
      readYaml(policyWith(`  rules:\n  - from:\n    - source:\n        serviceAccounts: ${many}\n`))
        .diagnostics,
      'authz.service-accounts',
    );
    expect(d.message).toContain('more than 16');
  });

  it('rules may have at most 512 items', () => {
    const rules = Array.from({ length: 513 }, () => '  - {}\n').join('');
    const d = oneWithCode(readYaml(policyWith(`  rules:\n${rules}`)).diagnostics, 'schema.max-items');
    expect(lineOf(d)).toBe(7);
  });

  it('dry-run: only ALLOW/DENY, and the value must be a boolean string', () => {
    const audit = readYaml(
      policyWith('  action: AUDIT\n  rules: [{}]\n', '\n  annotations:\n    istio.io/dry-run: "true"'),
    ).diagnostics;
    expect(lineOf(oneWithCode(audit, 'authz.dry-run-action'))).toBe(7);
    const bad = readYaml(
      policyWith('  rules: [{}]\n', '\n  annotations:\n    istio.io/dry-run: "yes"'),
    ).diagnostics;
    expect(lineOf(oneWithCode(bad, 'authz.dry-run-value'))).toBe(7);
    const unquoted = readYaml(
      policyWith('  rules: [{}]\n', '\n  annotations:\n    istio.io/dry-run: true'),
    ).diagnostics;
    expect(oneWithCode(unquoted, 'schema.type').message).toContain(
      'metadata.annotations.istio.io/dry-run must be a string',
    );
  });
});

describe('AuthorizationPolicy: selector and targetRefs', () => {
  it('an empty selector is accepted with the webhook warning', () => {
    const { policy, diagnostics } = onePolicy(policyWith('  selector: {}\n  rules: [{}]\n'));
    const d = oneWithCode(diagnostics, 'selector.no-labels');
    expect(d.severity).toBe('warning');
    expect(d.message).toContain('workload selector specified without labels');
    expect(lineOf(d)).toBe(7);
    expect(policy.selector).toEqual({});
    expect(policy.meta.rejected).toBe(false);
  });

  it('selector keys and values: empty key and wildcard are refused', () => {
    const { diagnostics } = readYaml(
      policyWith('  selector:\n    matchLabels:\n      "": a\n      app: "*"\n'),
    );
    expect(lineOf(oneWithCode(diagnostics, 'selector.empty-key'))).toBe(9);
    expect(lineOf(oneWithCode(diagnostics, 'selector.wildcard'))).toBe(10);
  });

  it('selector with targetRefs, targetRef with targetRefs, missing name, bad kind, cross-namespace', () => {
    const { diagnostics } = readYaml(
      policyWith(
        '  selector:\n    matchLabels: {app: a}\n' +
          '  targetRef: {kind: Service, name: httpbin}\n' + // 9
          '  targetRefs:\n' + // 10
          '  - {kind: Gateway, group: gateway.networking.k8s.io}\n' + // 11: no name
          '  - {kind: Deployment, group: apps, name: x}\n' + // 12: bad kind
          '  - {kind: Service, name: y, namespace: bar}\n', // 13: cross-namespace
      ),
    );
    expect(oneWithCode(diagnostics, 'target-ref.with-selector').message).toContain(
      'only one of targetRefs or workloadSelector can be set',
    );
    expect(lineOf(oneWithCode(diagnostics, 'target-ref.both'))).toBe(10);
    expect(lineOf(oneWithCode(diagnostics, 'target-ref.name-required'))).toBe(11);
    expect(lineOf(oneWithCode(diagnostics, 'target-ref.kind'))).toBe(12);
    expect(lineOf(oneWithCode(diagnostics, 'target-ref.namespace'))).toBe(13);
  });

  it('targetRef namespace is refused even when it names the policy namespace; group core means Service', () => {
    const { diagnostics } = readYaml(
      policyWith(
        '  targetRefs:\n  - {kind: Service, group: core, name: a}\n  - {kind: Service, name: b, namespace: foo}\n',
      ),
    );
    expect(diagnostics.map((d) => [d.code, lineOf(d)])).toEqual([['target-ref.namespace', 9]]);
  });
});

describe('AuthorizationPolicy: warnings and lints never reject', () => {
  it('Z55: DENY with HTTP-only operation fields and no ports warns', () => {
    const { policy, diagnostics } = onePolicy(
      policyWith('  action: DENY\n  rules:\n  - to:\n    - operation:\n        paths: ["/admin"]\n'),
    );
    const d = oneWithCode(diagnostics, 'authz.deny-http-only');
    expect(d.severity).toBe('warning');
    expect(d.message).toContain('will deny all traffic to TCP ports');
    expect(lineOf(d)).toBe(9);
    expect(policy.meta.rejected).toBe(false);
  });

  it('DENY with ports, or with TCP-capable sources, does not warn; from with only requestPrincipals warns', () => {
    const withPorts = readYaml(
      policyWith(
        '  action: DENY\n  rules:\n  - to:\n    - operation:\n        paths: ["/admin"]\n        ports: ["8000"]\n',
      ),
    );
    expect(withCode(withPorts.diagnostics, 'authz.deny-http-only')).toEqual([]);
    const tcpFrom = readYaml(
      policyWith('  action: DENY\n  rules:\n  - from:\n    - source: {notPrincipals: ["*"]}\n'),
    );
    expect(withCode(tcpFrom.diagnostics, 'authz.deny-http-only')).toEqual([]);
    const jwtOnly = readYaml(
      policyWith('  action: DENY\n  rules:\n  - from:\n    - source: {requestPrincipals: ["*"]}\n'),
    );
    expect(lineOf(oneWithCode(jwtOnly.diagnostics, 'authz.deny-http-only'))).toBe(9);
    const allow = readYaml(policyWith('  rules:\n  - to:\n    - operation:\n        paths: ["/admin"]\n'));
    expect(withCode(allow.diagnostics, 'authz.deny-http-only')).toEqual([]);
  });

  it('Z38, Z41 and paths without "/": lints with warning severity', () => {
    const { policy, diagnostics } = onePolicy(
      policyWith(
        '  rules:\n  - from:\n    - source:\n        principals: ["spiffe://cluster.local/ns/foo/sa/sleep"]\n' +
          '    to:\n    - operation:\n        methods: ["get", "POST", "*"]\n        paths: ["admin", "/ok", "*.txt"]\n',
      ),
    );
    const spiffe = oneWithCode(diagnostics, 'lint.principal-spiffe-prefix');
    expect(spiffe.severity).toBe('warning');
    expect(spiffe.message).toContain('"cluster.local/ns/foo/sa/sleep"');
    expect(lineOf(spiffe)).toBe(10);
    expect(lineOf(oneWithCode(diagnostics, 'lint.method-case'))).toBe(13);
    expect(lineOf(oneWithCode(diagnostics, 'lint.path-no-leading-slash'))).toBe(14);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(policy.meta.rejected).toBe(false);
  });
});

describe('AuthorizationPolicy: structure and robustness', () => {
  it('rules that is not a list is a schema type error', () => {
    const d = oneWithCode(readYaml(policyWith('  rules: {from: []}\n')).diagnostics, 'schema.type');
    expect(d.message).toContain('spec.rules must be a list');
    expect(lineOf(d)).toBe(7);
  });

  it('unknown fields in spec, rule and metadata are reported at their key', () => {
    const { diagnostics } = readYaml(
      policyWith(
        '  rule: []\n  rules:\n  - from:\n    - source:\n        principal: ["a"]\n',
        '\n  owner: me',
      ),
    );
    const unknown = withCode(diagnostics, 'schema.unknown-field');
    expect(unknown.map((d) => [lineOf(d), d.range?.start.column])).toEqual([
      [6, 3],
      [8, 3],
      [12, 9],
    ]);
    expect(unknown[2]?.message).toContain('did you mean "principals"');
  });

  it('never throws on junk values, __proto__ keys and wrong types everywhere', () => {
    const junk = [
      'spec: 3',
      'spec: [1, 2]',
      'spec: {rules: [1, "x", [], {from: 3, to: {}, when: [null, 4, {key: 5, values: {}}]}]}',
      'spec: {selector: {matchLabels: [1]}, targetRefs: {}, action: 7, provider: []}',
      'spec: {rules: [{from: [{source: {principals: [null, {}, [], 1.5]}}]}]}',
      'spec: {__proto__: {polluted: true}, rules: [{__proto__: 1}]}',
      'metadata: {name: [], namespace: {}, labels: "x", annotations: [1]}',
      'metadata: null',
    ];
    for (const body of junk) {
      const text = `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n${body.startsWith('metadata') ? '' : 'metadata: {name: j}\n'}${body}\n`;
      const { resources, diagnostics } = readYaml(text);
      expect(resources.authorizationPolicies).toHaveLength(1);
      expect(resources.authorizationPolicies[0]?.meta.rejected).toBe(true);
      expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
      expect(diagnostics.some((d) => d.code === 'resource.internal-error')).toBe(false);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
