/**
 * The Kubernetes envelope shared by every kind: top-level fields and `metadata`, read as the API
 * server would (namespace defaults to `default`, as kubectl applies it).
 */
import type { ResourceMeta } from './types';
import type { Reader } from '../read';
import { isRecord } from '../guards';
import { type Dict, own } from '../read';
import { sourceField } from '../source';

const TOP_LEVEL_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'] as const;

/** ObjectMeta fields a manifest may carry (server-set ones are accepted and ignored). */
const METADATA_FIELDS = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
] as const;

/** RFC 3339 date-time, as `metav1.Time` accepts it. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The document's root map, or `{}` (a non-map root is reported). */
export function rootOf(r: Reader): Dict {
  const root = r.doc.value;
  if (isRecord(root)) return root;
  r.error('schema.type', [], `the document must be a map, found ${root === null ? 'nothing' : typeof root}`);
  return {};
}

/** Reads `metadata`; sets the reader's resource name and namespace first so messages name it. */
export function readMeta(r: Reader, root: Dict, apiVersion: string, order: number): ResourceMeta {
  const metadata = r.object(root, 'metadata', []) ?? {};
  const rawName = own(metadata, 'name');
  const rawNamespace = own(metadata, 'namespace');
  if (typeof rawName === 'string') r.resource.name = rawName;
  if (typeof rawNamespace === 'string' && rawNamespace !== '') r.resource.namespace = rawNamespace;

  r.fields(root, [], TOP_LEVEL_FIELDS);
  r.fields(metadata, ['metadata'], METADATA_FIELDS);

  const name = r.string(metadata, 'name', ['metadata']);
  if (name === undefined || name === '') {
    const where = r.present(root, 'metadata') ? ['metadata'] : [];
    r.error(
      'meta.name-required',
      where,
      'metadata.name is required; the API server refuses an object without a name',
      {
        key: where.length > 0,
      },
    );
  }
  r.string(metadata, 'namespace', ['metadata']);

  let creationTimestamp: number | null = null;
  const ts = r.string(metadata, 'creationTimestamp', ['metadata']);
  if (ts !== undefined) {
    const ms = RFC3339.test(ts) ? Date.parse(ts.replace(' ', 'T')) : NaN;
    if (Number.isNaN(ms)) {
      r.error(
        'schema.type',
        ['metadata', 'creationTimestamp'],
        `metadata.creationTimestamp "${ts}" is not an RFC 3339 time (for example 2024-01-02T03:04:05Z)`,
      );
    } else {
      creationTimestamp = ms;
    }
  }

  return {
    kind: r.resource.kind,
    name: r.resource.name,
    namespace: r.resource.namespace,
    document: r.doc.index,
    apiVersion,
    creationTimestamp,
    order,
    labels: r.stringMap(metadata, 'labels', ['metadata']) ?? {},
    annotations: r.stringMap(metadata, 'annotations', ['metadata']) ?? {},
    basePath: r.doc.basePath,
    rejected: false,
    ...sourceField(r.doc.source),
  };
}
