/**
 * JSON Schemas (draft 2020-12) of the playground's own documents, emitted from their one
 * declaration in `schema.ts`, for editors that validate or complete Mesh and Probes YAML. They
 * describe the documents as docs/workspace-format.md writes them; the readers are more lenient
 * (an unknown field is only a warning there, a number is taken where text is expected).
 */
import * as z from 'zod/mini';
import { MeshDocument, ProbesDocument } from './schema';

/** A JSON Schema document: plain JSON data. */
export type JsonSchema = Record<string, unknown>;

function emit(schema: z.ZodMiniType, id: string): JsonSchema {
  return { $id: id, ...z.toJSONSchema(schema, { target: 'draft-2020-12' }) };
}

/** The JSON Schema of the `playground/v1` Mesh document. */
export function meshDocumentJsonSchema(): JsonSchema {
  return emit(MeshDocument, 'https://playground.local/schemas/playground-v1-mesh.json');
}

/** The JSON Schema of the `playground/v1` Probes document. */
export function probesDocumentJsonSchema(): JsonSchema {
  return emit(ProbesDocument, 'https://playground.local/schemas/playground-v1-probes.json');
}
