import { describe, expect, it } from 'vitest';
import { lineOf, oneWithCode, readYaml, withCode, yaml } from './testing';

const HEAD =
  'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: dr, namespace: foo}\nspec:\n';

describe('DestinationRule', () => {
  it('reads host, TLS, port-level settings, subsets and workloadSelector; ignores unsimulated policy fields', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: networking.istio.io/v1alpha3
      kind: DestinationRule
      metadata: {name: httpbin, namespace: foo}
      spec:
        host: httpbin.foo.svc.cluster.local
        exportTo: ["."]
        trafficPolicy:
          loadBalancer: {simple: ROUND_ROBIN}
          connectionPool: {tcp: {maxConnections: 10}}
          tls:
            mode: ISTIO_MUTUAL
          portLevelSettings:
          - port: {number: 8000}
            tls: {mode: DISABLE}
          - port: {number: 9000}
        subsets:
        - name: v1
          labels: {version: v1}
          trafficPolicy:
            tls: {mode: SIMPLE, sni: example.com}
        workloadSelector:
          matchLabels: {app: sleep}
    `);
    expect(diagnostics).toEqual([]);
    const dr = resources.destinationRules[0];
    expect(dr?.host).toBe('httpbin.foo.svc.cluster.local');
    expect(dr?.exportTo).toEqual(['.']);
    expect(dr?.trafficPolicy).toEqual({
      tls: { mode: 'ISTIO_MUTUAL' },
      portLevelSettings: [
        { port: 8000, tls: { mode: 'DISABLE' }, index: 0 },
        { port: 9000, tls: null, index: 1 },
      ],
    });
    expect(dr?.subsets).toEqual([
      {
        name: 'v1',
        labels: { version: 'v1' },
        trafficPolicy: { tls: { mode: 'SIMPLE' }, portLevelSettings: [] },
        index: 0,
      },
    ]);
    expect(dr?.workloadSelector).toEqual({ app: 'sleep' });
  });

  it('defaults: no trafficPolicy, no subsets, exportTo []', () => {
    const { resources, diagnostics } = readYaml(`${HEAD}  host: "*.foo.svc.cluster.local"\n`);
    expect(diagnostics).toEqual([]);
    expect(resources.destinationRules[0]).toMatchObject({
      trafficPolicy: null,
      subsets: [],
      exportTo: [],
      workloadSelector: null,
    });
  });

  it('tls present without mode reads mode null', () => {
    const { resources } = readYaml(`${HEAD}  host: h\n  trafficPolicy:\n    tls: {sni: x}\n`);
    expect(resources.destinationRules[0]?.trafficPolicy?.tls).toEqual({ mode: null });
  });

  it('host is required', () => {
    const { resources, diagnostics } = readYaml(`${HEAD}  trafficPolicy: {tls: {mode: DISABLE}}\n`);
    const d = oneWithCode(diagnostics, 'dr.host-required');
    expect(lineOf(d)).toBe(4);
    expect(resources.destinationRules[0]?.meta.rejected).toBe(true);
  });

  it('tls mode must be one of DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL', () => {
    const d = oneWithCode(
      readYaml(`${HEAD}  host: h\n  trafficPolicy:\n    tls: {mode: STRICT}\n`).diagnostics,
      'schema.enum',
    );
    expect(lineOf(d)).toBe(7);
  });

  it('portLevelSettings entries need port.number', () => {
    const { resources, diagnostics } = readYaml(
      `${HEAD}  host: h\n  trafficPolicy:\n    portLevelSettings:\n    - tls: {mode: DISABLE}\n    - port: {number: 0}\n`,
    );
    expect(withCode(diagnostics, 'dr.port-required').map(lineOf)).toEqual([8, 9]);
    expect(resources.destinationRules[0]?.trafficPolicy?.portLevelSettings).toEqual([]);
  });

  it('subsets need a unique name', () => {
    const { diagnostics } = readYaml(
      `${HEAD}  host: h\n  subsets:\n  - labels: {v: "1"}\n  - name: a\n  - name: a\n`,
    );
    expect(lineOf(oneWithCode(diagnostics, 'dr.subset-name-required'))).toBe(7);
    expect(lineOf(oneWithCode(diagnostics, 'dr.subset-duplicate'))).toBe(9);
  });

  it('fields that do not exist are refused', () => {
    const { diagnostics } = readYaml(`${HEAD}  host: h\n  trafficPolicy:\n    mtls: {mode: STRICT}\n`);
    expect(oneWithCode(diagnostics, 'schema.unknown-field').message).toContain('spec.trafficPolicy.mtls');
  });
});
