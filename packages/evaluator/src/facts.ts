/**
 * What an evaluation reports besides the probes' results: per-workload facts, the probes'
 * own diagnostics and a summary of every document, all read off a compiled Engine.
 */
import type { Engine } from './pipeline/engine';
import { requestProblems } from './pipeline/request';
import type { PeerAuthentication } from './resources/types';
import { sourceField } from './source';
import type { Diagnostic, DocumentSummary, DroppedProbe, ResourceRef, WorkloadFacts } from './types';

const ref = (meta: ResourceRef): ResourceRef => ({
  kind: meta.kind,
  name: meta.name,
  namespace: meta.namespace,
  document: meta.document,
});

export function workloadFacts(engine: Engine): WorkloadFacts[] {
  return engine.mesh.workloads.map((w) => {
    const pa = engine.peerAuthentications.forWorkload(w);
    const mode = pa.workload;
    const ports = [...new Set([...w.ports.map((p) => p.targetPort), ...w.listens])].map((port) => {
      const m = engine.peerAuthentications.forPort(w, port);
      return {
        port,
        mode: w.sidecar ? m.mode : ('NONE' as const),
        origin: w.sidecar ? m.origin : ('no-sidecar' as const),
        ...(m.policy && w.sidecar ? { resource: ref(m.policy.meta) } : {}),
      };
    });
    const paRefs = new Map<PeerAuthentication, true>();
    for (const p of [pa.namespace.policy, pa.workload.policy, pa.workloadPolicy]) if (p) paRefs.set(p, true);
    const policies: ResourceRef[] = [
      ...engine.authorization.forWorkload(w).map((a) => ref(a.policy.meta)),
      ...engine.requestAuthentication.forWorkload(w).map((a) => ref(a.policy.meta)),
      ...[...paRefs.keys()].map((p) => ref(p.meta)),
    ];
    return {
      key: w.key,
      proxy: w.gateway ? 'gateway' : w.sidecar ? 'sidecar' : 'none',
      principal: w.sidecar || w.gateway ? w.principal : null,
      ip: w.ip,
      peerAuthentication: {
        mode: w.sidecar && !w.gateway ? mode.mode : 'NONE',
        origin: w.sidecar && !w.gateway ? mode.origin : 'no-sidecar',
        ...(mode.policy && w.sidecar ? { resource: ref(mode.policy.meta) } : {}),
        ports,
      },
      policies,
    };
  });
}

/** Probes naming endpoints, ports or tokens that do not exist: a diagnostic each, where the probe is. */
export function probeDiagnostics(engine: Engine): Diagnostic[] {
  const out: Diagnostic[] = [];
  const doc = engine.probesDocument;
  (engine.probesSpec.probes ?? []).forEach((probe, i) => {
    const path = engine.probePaths[i] ?? [];
    const report = (field: string, code: string, message: string) =>
      out.push({
        code,
        severity: 'error',
        message,
        document: doc?.index ?? -1,
        range: doc ? doc.rangeOf([...path, field]) : null,
        ...sourceField(doc?.source),
      });
    if (probe.from !== 'external' && !engine.mesh.byKey.has(probe.from)) {
      report(
        'from',
        'probes.unknown-endpoint',
        `probe ${i} ("${probe.name ?? ''}"): source "${probe.from}" is not a workload of the mesh`,
      );
    }
    const server = engine.mesh.byKey.get(probe.to);
    if (!server) {
      report(
        'to',
        'probes.unknown-endpoint',
        `probe ${i} ("${probe.name ?? ''}"): destination "${probe.to}" is not a workload of the mesh`,
      );
      return;
    }
    if ((probe.address ?? 'service') === 'service' && !server.ports.some((p) => p.port === probe.port)) {
      report(
        'port',
        'probes.unknown-port',
        `probe ${i}: Service ${server.service}.${server.namespace} has no port ${probe.port}`,
      );
    }
    for (const problem of requestProblems(engine, probe))
      report('request', 'probes.unknown-token', `probe ${i}: ${problem}`);
  });
  return out;
}

/** The Probes document's items that were not read as probes, with where they are. */
export function droppedProbes(engine: Engine): DroppedProbe[] {
  const doc = engine.probesDocument;
  return engine.droppedProbePaths.map((path) => ({
    index: Number(path[path.length - 1]),
    range: doc ? doc.rangeOf(path) : null,
    ...sourceField(doc?.source),
  }));
}

export function documentSummaries(engine: Engine): DocumentSummary[] {
  // Items of a `kind: List` share their document's index; parts each count from 0.
  const seen = new Set<string>();
  const out: DocumentSummary[] = [];
  for (const d of engine.documents) {
    const key = `${d.source ?? ''}\u0000${d.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const record =
      d.value && typeof d.value === 'object' && !Array.isArray(d.value)
        ? (d.value as Record<string, unknown>)
        : {};
    const meta =
      record.metadata && typeof record.metadata === 'object'
        ? (record.metadata as Record<string, unknown>)
        : {};
    out.push({
      index: d.index,
      kind: d.kind,
      apiVersion: d.apiVersion,
      name: typeof meta.name === 'string' ? meta.name : null,
      namespace: typeof meta.namespace === 'string' ? meta.namespace : null,
      range: d.range,
      ...sourceField(d.source),
    });
  }
  return out;
}
