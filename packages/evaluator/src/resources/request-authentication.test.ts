import { describe, expect, it } from 'vitest';
import { lineOf, oneWithCode, readYaml, withCode, yaml } from './testing';

const HEAD =
  'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: ra, namespace: foo}\nspec:\n';

describe('RequestAuthentication', () => {
  it('reads a v1 policy with a singular targetRef and JWTRule defaults (seed 002)', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1
      kind: RequestAuthentication
      metadata:
        name: "jwt-example"
        namespace: foo
      spec:
        targetRef:
          kind: Gateway
          group: gateway.networking.k8s.io
          name: httpbin-gateway
        jwtRules:
        - issuer: "testing@secure.istio.io"
          jwksUri: "https://raw.githubusercontent.com/istio/istio/master/security/tools/jwt/samples/jwks.json"
    `);
    expect(diagnostics).toEqual([]);
    const ra = resources.requestAuthentications[0];
    expect(ra?.selector).toBeNull();
    expect(ra?.targetRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'httpbin-gateway' },
    ]);
    expect(ra?.jwtRules).toEqual([
      {
        index: 0,
        issuer: 'testing@secure.istio.io',
        audiences: [],
        jwksUri: 'https://raw.githubusercontent.com/istio/istio/master/security/tools/jwt/samples/jwks.json',
        jwks: null,
        fromHeaders: [],
        fromParams: [],
        fromCookies: [],
        forwardOriginalToken: false,
        outputPayloadToHeader: null,
        outputClaimToHeaders: [],
        spaceDelimitedClaims: [],
      },
    ]);
  });

  it('reads every JWTRule field of a v1beta1 policy', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1beta1
      kind: RequestAuthentication
      metadata: {name: ra, namespace: foo}
      spec:
        selector:
          matchLabels: {app: httpbin}
        jwtRules:
        - issuer: issuer-1
          audiences: [foo, bar]
          jwks: '{"keys": []}'
          fromHeaders:
          - name: x-jwt-token
            prefix: "Value "
          - name: auth-token
          fromParams: [token]
          fromCookies: [session]
          forwardOriginalToken: true
          outputPayloadToHeader: x-test-payload
          outputClaimToHeaders:
          - header: x-sub
            claim: sub
          timeout: 1.5s
          spaceDelimitedClaims: [custom_scope]
    `);
    expect(diagnostics).toEqual([]);
    expect(resources.requestAuthentications[0]?.jwtRules[0]).toEqual({
      index: 0,
      issuer: 'issuer-1',
      audiences: ['foo', 'bar'],
      jwksUri: null,
      jwks: '{"keys": []}',
      fromHeaders: [{ name: 'x-jwt-token', prefix: 'Value ' }, { name: 'auth-token' }],
      fromParams: ['token'],
      fromCookies: ['session'],
      forwardOriginalToken: true,
      outputPayloadToHeader: 'x-test-payload',
      outputClaimToHeaders: [{ header: 'x-sub', claim: 'sub' }],
      spaceDelimitedClaims: ['custom_scope'],
    });
    expect(resources.requestAuthentications[0]?.selector).toEqual({ app: 'httpbin' });
  });

  it('seed 001 blog fragment: issuer "" is refused', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1
      kind: RequestAuthentication
      metadata:
        name: jwt-auth-policy
        namespace: my-namespace
      spec:
        selector:
          matchLabels:
            app: my-app
        jwtRules:
          - issuer: ""
            jwksUri: ""
    `);
    const d = oneWithCode(diagnostics, 'jwt.issuer-required');
    expect(d.severity).toBe('error');
    expect(lineOf(d)).toBe(11);
    expect(resources.requestAuthentications[0]?.meta.rejected).toBe(true);
  });

  it('a missing issuer is refused', () => {
    const d = oneWithCode(
      readYaml(`${HEAD}  jwtRules:\n  - jwksUri: https://x/jwks\n`).diagnostics,
      'jwt.issuer-required',
    );
    expect(lineOf(d)).toBe(6);
  });

  it('jwksUri and jwks are mutually exclusive; jwksUri must be an http(s) URL', () => {
    const both = readYaml(`${HEAD}  jwtRules:\n  - issuer: a\n    jwksUri: https://x/jwks\n    jwks: "{}"\n`);
    expect(lineOf(oneWithCode(both.diagnostics, 'jwt.jwks-both'))).toBe(8);
    const scheme = readYaml(
      `${HEAD}  jwtRules:\n  - issuer: a\n    jwksUri: ftp://x/jwks\n  - issuer: b\n    jwksUri: not a url\n`,
    );
    expect(withCode(scheme.diagnostics, 'jwt.jwks-uri').map(lineOf)).toEqual([7, 9]);
  });

  it('inline jwks must parse as JSON', () => {
    const d = oneWithCode(
      readYaml(`${HEAD}  jwtRules:\n  - issuer: a\n    jwks: not-json\n`).diagnostics,
      'jwt.jwks-parse',
    );
    expect(lineOf(d)).toBe(7);
  });

  it('fromHeaders need a name; empty params, cookies, audiences and claim headers are refused', () => {
    const { diagnostics } = readYaml(
      `${HEAD}  jwtRules:\n  - issuer: a\n    fromHeaders:\n    - prefix: "Bearer "\n    fromParams: [""]\n` +
        `    fromCookies: [""]\n    audiences: [""]\n    outputClaimToHeaders:\n    - header: x\n`,
    );
    expect(lineOf(oneWithCode(diagnostics, 'jwt.header-name-required'))).toBe(8);
    expect(withCode(diagnostics, 'jwt.empty-value').map(lineOf)).toEqual(expect.arrayContaining([9, 10, 11]));
    expect(withCode(diagnostics, 'jwt.empty-value')).toHaveLength(3);
    expect(lineOf(oneWithCode(diagnostics, 'jwt.claim-header-required'))).toBe(13);
  });

  it('timeout must be a duration of at least 1ms', () => {
    const ok = readYaml(`${HEAD}  jwtRules:\n  - issuer: a\n    timeout: 100ms\n`);
    expect(ok.diagnostics).toEqual([]);
    const bad = readYaml(
      `${HEAD}  jwtRules:\n  - issuer: a\n    timeout: 5 seconds\n  - issuer: b\n    timeout: 0s\n`,
    );
    expect(withCode(bad.diagnostics, 'jwt.timeout').map(lineOf)).toEqual([7, 9]);
    // Go's units, the micro sign included: 1500µs is 1.5ms; 500µs is under a millisecond.
    const micro = readYaml(
      `${HEAD}  jwtRules:\n  - issuer: a\n    timeout: 1500µs\n  - issuer: b\n    timeout: 500µs\n`,
    );
    expect(withCode(micro.diagnostics, 'jwt.timeout').map(lineOf)).toEqual([9]);
  });

  it('selector and targetRefs together are refused; a null rule is refused; unknown fields are refused', () => {
    const { diagnostics } = readYaml(
      `${HEAD}  selector: {matchLabels: {app: a}}\n  targetRefs: [{kind: Service, name: s}]\n  jwtRules:\n  -\n  - issuer: a\n    jwks_uri: x\n`,
    );
    expect(withCode(diagnostics, 'target-ref.with-selector')).toHaveLength(1);
    expect(lineOf(oneWithCode(diagnostics, 'jwt.rule-nil'))).toBe(8);
    const unknown = oneWithCode(diagnostics, 'schema.unknown-field');
    expect(unknown.message).toContain('spec.jwtRules[1].jwks_uri');
    expect(unknown.message).toContain('did you mean "jwksUri"');
  });
});
