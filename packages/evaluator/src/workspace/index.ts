/**
 * The playground's own documents (`playground/v1` Mesh and Probes), told apart from the Istio
 * resources and read with diagnostics for wrong types, unknown fields and duplicates.
 */
import type { NodePath, ParsedDocument } from '../document';
import { isRecord } from '../guards';
import { Reader, playgroundReading } from '../read';
import { sourceField } from '../source';
import type { Diagnostic, MeshSpec, ProbesSpec, WorkspaceMetadata } from '../types';
import { readMesh, readMetadata } from './mesh-document';
import { readProbes } from './probes-document';
import { MeshDocument, ProbesDocument, fieldsOf } from './schema';

export const PLAYGROUND_API_VERSION = 'playground/v1';

export interface WorkspaceDocuments {
  metadata: WorkspaceMetadata;
  mesh: MeshSpec;
  probes: ProbesSpec;
  meshDocument: ParsedDocument | null;
  probesDocument: ParsedDocument | null;
  /** Every other document: the Istio and Kubernetes resources. */
  resources: ParsedDocument[];
  diagnostics: Diagnostic[];
}

export interface ReadWorkspaceResult extends WorkspaceDocuments {
  /** Path of each probe (same order as probes.probes) inside the Probes document. */
  probePaths: NodePath[];
  /** Path of each `spec.probes` item that was not read as a probe (see readProbes). */
  droppedProbePaths: NodePath[];
}

/** Separates the playground documents from the Istio resources and reads them. */
export function readWorkspace(documents: readonly ParsedDocument[]): ReadWorkspaceResult {
  const diagnostics: Diagnostic[] = [];
  const resources: ParsedDocument[] = [];
  let meshDocument: ParsedDocument | null = null;
  let probesDocument: ParsedDocument | null = null;
  let metadata: WorkspaceMetadata = {};
  let mesh: MeshSpec = { namespaces: [], workloads: [] };
  let probes: ProbesSpec = { probes: [] };
  let probePaths: NodePath[] = [];
  let droppedProbePaths: NodePath[] = [];
  for (const doc of documents) {
    if (doc.value === null || doc.value === undefined) continue;
    if (!isRecord(doc.value)) {
      diagnostics.push({
        code: 'workspace.not-a-resource',
        severity: 'error',
        message: 'a workspace document must be a map with apiVersion and kind',
        document: doc.index,
        range: doc.range,
        ...sourceField(doc.source),
      });
      continue;
    }
    const isPlayground = doc.apiVersion === PLAYGROUND_API_VERSION;
    if (isPlayground && doc.kind === 'Mesh') {
      const r = new Reader(doc, 'Mesh', playgroundReading('Mesh'));
      if (meshDocument) {
        r.error('workspace.duplicate-mesh', [], 'only one Mesh document is allowed; this one is ignored');
      } else {
        r.fields(doc.value, [], fieldsOf(MeshDocument));
        meshDocument = doc;
        metadata = readMetadata(r, doc.value);
        mesh = readMesh(r, doc.value);
      }
      keep(diagnostics, r.diagnostics);
    } else if (isPlayground && doc.kind === 'Probes') {
      const r = new Reader(doc, 'Probes', playgroundReading('Probes'));
      if (probesDocument) {
        r.error('workspace.duplicate-probes', [], 'only one Probes document is allowed; this one is ignored');
      } else {
        r.fields(doc.value, [], fieldsOf(ProbesDocument));
        probesDocument = doc;
        ({ probes, probePaths, droppedProbePaths } = readProbes(r, doc.value));
      }
      keep(diagnostics, r.diagnostics);
    } else if (isPlayground) {
      diagnostics.push({
        code: 'workspace.unknown-kind',
        severity: 'error',
        message: `playground/v1 has kinds Mesh and Probes, not "${doc.kind ?? ''}"`,
        document: doc.index,
        range: doc.rangeOf(['kind']),
        ...sourceField(doc.source),
      });
    } else {
      resources.push(doc);
    }
  }
  return {
    metadata,
    mesh,
    probes,
    meshDocument,
    probesDocument,
    resources,
    diagnostics,
    probePaths,
    droppedProbePaths,
  };
}

/** Appends in order (a loop, not `push(...)`: a huge document's list would overflow the stack). */
function keep(into: Diagnostic[], found: readonly Diagnostic[]): void {
  for (const d of found) into.push(d);
}
