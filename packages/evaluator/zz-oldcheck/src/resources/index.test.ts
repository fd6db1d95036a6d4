import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../document';
import { readResources } from './index';
import { lineOf, oneWithCode, parseDocs, readYaml, yaml } from './testing';

describe('readResources: kinds and versions', () => {
  it('dispatches every kind by kind and apiVersion group, in document order', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: a}
      ---
      apiVersion: security.istio.io/v1beta1
      kind: AuthorizationPolicy
      metadata: {name: b}
      ---
      apiVersion: networking.istio.io/v1alpha3
      kind: Gateway
      metadata: {name: c}
      spec:
        servers: [{port: {number: 80, protocol: HTTP}, hosts: ["*"]}]
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata: {name: d}
      spec:
        gatewayClassName: istio
        listeners: [{name: http, port: 80, protocol: HTTP}]
    `);
    expect(diagnostics).toEqual([]);
    expect(resources.peerAuthentications.map((r) => [r.meta.name, r.meta.order, r.meta.document])).toEqual([
      ['a', 0, 0],
    ]);
    expect(resources.authorizationPolicies.map((r) => [r.meta.name, r.meta.order, r.meta.document])).toEqual([
      ['b', 1, 1],
    ]);
    expect(resources.gateways.map((r) => r.meta.name)).toEqual(['c']);
    expect(resources.kubernetesGateways.map((r) => r.meta.name)).toEqual(['d']);
  });

  it('an unknown apiVersion for a known kind is an error and the document is skipped', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v2
      kind: AuthorizationPolicy
      metadata: {name: p, namespace: foo}
      ---
      apiVersion: security.istio.io/v1
      kind: Gateway
      metadata: {name: g}
    `);
    expect(resources.authorizationPolicies).toEqual([]);
    expect(resources.gateways).toEqual([]);
    const [first, second] = diagnostics;
    expect(first?.code).toBe('resource.unknown-api-version');
    expect(first?.severity).toBe('error');
    expect(first?.message).toContain('AuthorizationPolicy foo/p');
    expect(first?.range?.start.line).toBe(1);
    expect(second?.code).toBe('resource.unknown-api-version');
    expect(second?.range?.start.line).toBe(5);
  });

  it('Kubernetes workload kinds are not simulated (info); other kinds are ignored with a warning', () => {
    const { diagnostics } = readYaml(yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: httpbin, namespace: foo}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: httpbin}
      ---
      apiVersion: networking.istio.io/v1
      kind: Sidecar
      metadata: {name: default}
    `);
    expect(diagnostics.map((d) => [d.code, d.severity, d.document, lineOf(d)])).toEqual([
      ['resource.kind-not-simulated', 'info', 0, 2],
      ['resource.kind-not-simulated', 'info', 1, 6],
      ['resource.kind-not-simulated', 'warning', 2, 10],
    ]);
    expect(diagnostics[0]?.message).toContain(
      'kind Service is not simulated; describe workloads in the Mesh document',
    );
  });

  it('a document without kind is an error', () => {
    const d = oneWithCode(
      readYaml('apiVersion: v1\nmetadata: {name: x}\n').diagnostics,
      'resource.kind-missing',
    );
    expect(d.severity).toBe('error');
  });

  it('kind: List items keep their base path and point their ranges inside the list', () => {
    const docs = parseDocs(yaml`
      apiVersion: v1
      kind: List
      items:
      - apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: ok, namespace: foo}
      - apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: bad, namespace: foo}
        spec:
          action: DENY
    `);
    const { resources, diagnostics } = readResources(docs, { rootNamespace: 'istio-system' });
    expect(
      resources.authorizationPolicies.map((p) => [
        p.meta.name,
        p.meta.basePath,
        p.meta.order,
        p.meta.rejected,
      ]),
    ).toEqual([
      ['ok', ['items', 0], 0, false],
      ['bad', ['items', 1], 1, true],
    ]);
    expect(lineOf(oneWithCode(diagnostics, 'authz.deny-without-rules'))).toBe(11);
  });

  it('never throws, even when the document itself is not a map or rangeOf throws', () => {
    const { diagnostics } = readYaml(
      'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n---\n- a\n- b\n',
    );
    expect(oneWithCode(diagnostics, 'meta.name-required').severity).toBe('error');
    const broken: ParsedDocument = {
      index: 3,
      value: [1, 2],
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, offset: 0, length: 0 },
      rangeOf: () => {
        throw new Error('boom');
      },
      keyRangeOf: () => {
        throw new Error('boom');
      },
      basePath: [],
    };
    const out = readResources([broken], { rootNamespace: 'istio-system' });
    expect(out.diagnostics.length).toBeGreaterThan(0);
    expect(out.diagnostics.every((d) => d.range === null && d.document === 3)).toBe(true);
    expect(out.resources.authorizationPolicies[0]?.meta.rejected).toBe(true);
  });
});

describe('readResources: metadata', () => {
  it('name is required; creationTimestamp must be RFC 3339; labels are strings; unknown metadata fields are refused', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata:
        namespace: foo
        creationTimestamp: yesterday
        labels: {version: 1}
        owner: me
      spec: {}
    `);
    expect(lineOf(oneWithCode(diagnostics, 'meta.name-required'))).toBe(3);
    expect(diagnostics.filter((d) => d.code === 'schema.type').map(lineOf)).toEqual([5, 6]);
    expect(lineOf(oneWithCode(diagnostics, 'schema.unknown-field'))).toBe(7);
    const meta = resources.authorizationPolicies[0]?.meta;
    expect(meta?.creationTimestamp).toBeNull();
    expect(meta?.labels).toEqual({});
    expect(meta?.rejected).toBe(true);
  });

  it('accepts server-set metadata fields and parses creationTimestamp with an offset', () => {
    const { resources, diagnostics } = readYaml(yaml`
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata:
        name: p
        namespace: foo
        uid: 0b7b4f2c
        resourceVersion: "12"
        generation: 3
        creationTimestamp: "2024-01-02T05:04:05+02:00"
        annotations: {note: "x"}
      status: {}
    `);
    expect(diagnostics).toEqual([]);
    expect(resources.peerAuthentications[0]?.meta.creationTimestamp).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(resources.peerAuthentications[0]?.meta.annotations).toEqual({ note: 'x' });
  });
});
