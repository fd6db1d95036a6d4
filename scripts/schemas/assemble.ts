/**
 * The policies editor's one JSON schema, built from CustomResourceDefinitions: one definition per
 * wanted kind (per version only when the versions' schemas differ), chosen by `apiVersion` and
 * `kind` with if/then so each document is checked against its own kind only (`Gateway` exists in
 * both networking.istio.io and gateway.networking.k8s.io).
 */
import { convertSchema } from './convert';
import { type Json, type JsonObject, isJsonObject, sortKeys } from './json';

/** A kind the engine reads, and the versions it accepts (packages/evaluator/src/resources/index.ts). */
export interface WantedKind {
  group: string;
  kind: string;
  versions: readonly string[];
}

interface ServedVersion {
  apiVersion: string;
  schema: JsonObject;
}

interface KindSchemas {
  wanted: WantedKind;
  versions: ServedVersion[];
}

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

function str(value: Json | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** Kubernetes ObjectMeta, loosely: the fields a manifest author writes (server-set ones pass). */
function metadataSchema(kind: string): JsonObject {
  const field = (path: string, schema: JsonObject): JsonObject => ({ title: `${kind} ${path}`, ...schema });
  const stringMap: JsonObject = { type: 'object', additionalProperties: { type: 'string' } };
  return field('metadata', {
    type: 'object',
    properties: {
      name: field('metadata.name', { type: 'string' }),
      namespace: field('metadata.namespace', { type: 'string' }),
      labels: field('metadata.labels', stringMap),
      annotations: field('metadata.annotations', stringMap),
      creationTimestamp: field('metadata.creationTimestamp', { type: 'string', format: 'date-time' }),
    },
    required: ['name'],
  });
}

/** One version's resource schema: the CRD's `spec` (and `required`), our envelope around it. */
function resourceSchema(crdSchema: Json | undefined, kind: string, group: string): JsonObject {
  const converted = convertSchema(crdSchema, { kind, path: '' });
  const properties = isJsonObject(converted.properties) ? converted.properties : {};
  const required = Array.isArray(converted.required) ? converted.required : [];
  return {
    title: `${kind} (${group})`,
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: metadataSchema(kind),
      ...(properties.spec !== undefined ? { spec: properties.spec } : {}),
      // Written by controllers, never by hand: any map passes.
      status: { title: `${kind} status`, type: 'object' },
    },
    required: ['metadata', ...required.filter((r) => r !== 'metadata')],
    additionalProperties: false,
  };
}

/** The served versions of each wanted kind found in `crds` (every CRD document of every input). */
export function collectKinds(crds: readonly Json[], wanted: readonly WantedKind[]): KindSchemas[] {
  const found: KindSchemas[] = [];
  for (const want of wanted) {
    const crd = crds.find((c) => {
      const spec = isJsonObject(c) && isJsonObject(c.spec) ? c.spec : undefined;
      return (
        spec !== undefined &&
        str(spec.group) === want.group &&
        isJsonObject(spec.names) &&
        str(spec.names.kind) === want.kind
      );
    });
    if (crd === undefined) throw new Error(`no CustomResourceDefinition for ${want.group} ${want.kind}`);
    const spec = (crd as JsonObject).spec as JsonObject;
    const versions: ServedVersion[] = [];
    for (const version of Array.isArray(spec.versions) ? spec.versions : []) {
      if (!isJsonObject(version) || version.served !== true) continue;
      const name = str(version.name);
      if (!want.versions.includes(name)) continue;
      const openApi = isJsonObject(version.schema) ? version.schema.openAPIV3Schema : undefined;
      versions.push({
        apiVersion: `${want.group}/${name}`,
        schema: resourceSchema(openApi, want.kind, want.group),
      });
    }
    if (versions.length === 0)
      throw new Error(`${want.group} ${want.kind}: no served version the engine reads`);
    found.push({ wanted: want, versions });
  }
  return found;
}

function ifApiVersionAndKind(apiVersion: string, kind: string): JsonObject {
  return {
    properties: { apiVersion: { const: apiVersion }, kind: { const: kind } },
    required: ['apiVersion', 'kind'],
  };
}

/** The editor schema for every document of the policies editor. */
export function assembleSchema(kinds: readonly KindSchemas[]): JsonObject {
  const definitions: JsonObject = {};
  const allOf: Json[] = [];
  const kindNames = [...new Set(kinds.map((k) => k.wanted.kind))];
  const apiVersions = [...new Set(kinds.flatMap((k) => k.versions.map((v) => v.apiVersion)))];

  // A known kind needs one of the apiVersions that serve it (all groups that define the kind).
  for (const kind of kindNames) {
    const served = kinds
      .filter((k) => k.wanted.kind === kind)
      .flatMap((k) => k.versions.map((v) => v.apiVersion));
    allOf.push({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { properties: { apiVersion: { enum: served } }, required: ['apiVersion'] },
    });
  }

  for (const { wanted, versions } of kinds) {
    const texts = versions.map((v) => JSON.stringify(sortKeys(v.schema)));
    const allSame = texts.every((t) => t === texts[0]);
    for (const v of versions) {
      const version = v.apiVersion.slice(wanted.group.length + 1);
      const name = allSame ? `${wanted.kind}.${wanted.group}` : `${wanted.kind}.${wanted.group}.${version}`;
      if (definitions[name] === undefined) definitions[name] = v.schema;
      allOf.push({
        if: ifApiVersionAndKind(v.apiVersion, wanted.kind),
        then: { $ref: `#/definitions/${name}` },
      });
    }
  }

  return {
    $schema: DRAFT_07,
    title: 'Istio and Gateway API resources',
    type: 'object',
    properties: {
      apiVersion: { title: 'apiVersion', type: 'string', examples: apiVersions },
      kind: { title: 'kind', type: 'string', examples: kindNames },
    },
    // apiVersion and kind are not required at the top: other kinds pass (the engine ignores them
    // with a warning), and an empty editor is not flagged.
    allOf,
    definitions,
  };
}
