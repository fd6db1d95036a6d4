/**
 * One CRD version's `openAPIV3Schema` (a Kubernetes structural schema, OpenAPI v3.0 dialect) to a
 * draft-07 JSON schema that monaco-yaml can validate, complete and hover with:
 *
 * - `description` (and `example`, `externalDocs`) are dropped: the editor ships structure, not
 *   upstream prose. Each field gets a generated `title` instead: the kind and the field's path
 *   (`AuthorizationPolicy spec.rules[].from[].source.principals`), which is what hover shows.
 * - `x-kubernetes-int-or-string` becomes `type: [integer, string]`; `nullable` adds `null`.
 * - An object with `properties` and no `additionalProperties` gets `additionalProperties: false`:
 *   the API server prunes unknown fields of a structural schema and kubectl's strict field
 *   validation refuses them (`docs/workspace-format.md "Documents"`), as the engine does.
 *   `x-kubernetes-preserve-unknown-fields` keeps unknown fields allowed instead.
 * - Other `x-kubernetes-*` extensions (CEL validations, list types) are dropped; formats that
 *   draft-07 does not define (OpenAPI's int32, int64, double, byte…) are dropped.
 *
 * Any keyword outside the structural schema's vocabulary makes the conversion throw, so a new
 * construct in a future CRD is noticed when the schemas are regenerated.
 */
import { type Json, type JsonObject, isJsonObject } from './json';

/** Draft-07 formats (json-schema.org draft-07 validation, section 7.3) kept as they are. */
const DRAFT7_FORMATS = new Set([
  'date-time',
  'date',
  'time',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
]);

/** Keywords copied unchanged: their meaning is the same in OpenAPI v3.0 and draft-07. */
const COPIED = new Set([
  'type',
  'enum',
  'required',
  'pattern',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  'multipleOf',
  'default',
]);

/** Keywords dropped: prose, and Kubernetes extensions with no JSON-schema meaning for an editor. */
const DROPPED = new Set(['description', 'example', 'externalDocs', 'title']);

/** Where a schema sits: its kind and field path, for titles. */
export interface SchemaPlace {
  kind: string;
  path: string;
}

function fail(place: SchemaPlace, message: string): never {
  throw new Error(`${place.kind} ${place.path || '(root)'}: ${message}`);
}

function asSchema(value: Json | undefined, place: SchemaPlace): JsonObject {
  if (!isJsonObject(value)) fail(place, 'expected a schema object');
  return value;
}

function unique(values: Json[]): Json[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function titled(schema: JsonObject, place: SchemaPlace): JsonObject {
  return { title: `${place.kind} ${place.path}`, ...schema };
}

/** `anyOf: [{type: integer}, {type: string}]`, the way controller-gen spells int-or-string. */
function isIntOrStringAnyOf(value: Json | undefined): boolean {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => isJsonObject(v) && Object.keys(v).length === 1) &&
    JSON.stringify(value.map((v) => (isJsonObject(v) ? v.type : null)).sort()) === '["integer","string"]'
  );
}

/**
 * Converts one schema node. `place` is the node's own place; property, item and map-value
 * schemas below it get a title naming their place.
 */
export function convertSchema(node: Json | undefined, place: SchemaPlace): JsonObject {
  const source = asSchema(node, place);
  const out: JsonObject = {};
  const intOrString = source['x-kubernetes-int-or-string'] === true;
  const preserveUnknown = source['x-kubernetes-preserve-unknown-fields'] === true;

  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key) || key.startsWith('x-kubernetes-')) continue;
    if (COPIED.has(key)) {
      out[key] = key === 'enum' && Array.isArray(value) ? unique(value) : value;
    } else if (key === 'format') {
      if (typeof value === 'string' && DRAFT7_FORMATS.has(value)) out.format = value;
    } else if (key === 'nullable') {
      // handled with `type` below
    } else if (key === 'properties') {
      const properties: JsonObject = {};
      for (const [name, child] of Object.entries(asSchema(value, place))) {
        const childPlace = { kind: place.kind, path: place.path === '' ? name : `${place.path}.${name}` };
        properties[name] = titled(convertSchema(child, childPlace), childPlace);
      }
      out.properties = properties;
    } else if (key === 'items') {
      const childPlace = { kind: place.kind, path: `${place.path}[]` };
      out.items = titled(convertSchema(value, childPlace), childPlace);
    } else if (key === 'additionalProperties') {
      if (typeof value === 'boolean') out.additionalProperties = value;
      else {
        const childPlace = { kind: place.kind, path: `${place.path}.*` };
        out.additionalProperties = titled(convertSchema(value, childPlace), childPlace);
      }
    } else if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') {
      if (!Array.isArray(value)) fail(place, `${key} must be a list`);
      if (key === 'anyOf' && intOrString && isIntOrStringAnyOf(value)) continue;
      out[key] = value.map((branch) => convertSchema(branch, place));
    } else if (key === 'not') {
      out.not = convertSchema(value, place);
    } else {
      fail(place, `unsupported schema keyword "${key}"`);
    }
  }

  if (intOrString) out.type = ['integer', 'string'];
  if (source.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (
    out.type === 'object' &&
    out.properties !== undefined &&
    out.additionalProperties === undefined &&
    !preserveUnknown
  ) {
    out.additionalProperties = false;
  }
  return out;
}
