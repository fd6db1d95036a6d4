/**
 * Parsing a workspace given as parts (the app's form: Mesh spec, Istio resources text, Probes
 * spec). Each part is parsed as a text of its own, so every position is relative to its part, and
 * only what changed since the previous call is parsed again: the Mesh and Probes specs by object
 * identity (the app replaces them on every edit and never mutates them), the resources text per
 * document through the parse cache.
 */
import { fastDocumentValue } from './fast-yaml';
import { ParseCache, parseWorkspaceText, type ParseResult } from './parse';
import type { MeshSpec, ProbesSpec, WorkspaceMetadata } from './types';
import { meshDocumentText, probesDocumentText, type WorkspaceParts } from './workspace-text';

/** A part's canonical text and its parse. */
interface ParsedPart {
  text: string;
  parsed: ParseResult;
}

export interface PartsParse extends ParseResult {
  /** The canonical texts the Mesh and Probes parts were parsed as (their positions point into these). */
  texts: { mesh: string; probes: string };
}

export class PartsParser {
  // The policies text without the plain reader: the editor's markers and lints want positions in
  // the document being edited on nearly every keystroke, so its tree would be built anyway.
  private readonly policies = new ParseCache();
  // The Mesh and Probes parts' own caches, for the plain reader (one text each at a time): big
  // (hundreds of workloads, thousands of probes), rarely asked for a position.
  private readonly meshCache = new ParseCache(fastDocumentValue);
  private readonly probesCache = new ParseCache(fastDocumentValue);
  // One slot each: an edit replaces the object, so only the latest one can come back.
  private mesh: { metadata: WorkspaceMetadata; mesh: MeshSpec; part: ParsedPart } | null = null;
  private probes: { probes: ProbesSpec; part: ParsedPart } | null = null;

  parse(parts: WorkspaceParts): PartsParse {
    const mesh = this.meshPart(parts.metadata, parts.mesh);
    const probes = this.probesPart(parts.probes);
    const policies = parseWorkspaceText(parts.policies, this.policies, 'policies');
    // Document order decides which Mesh/Probes document counts: the parts' own come first and last,
    // so a stray playground document in the resources text is the duplicate, as in a saved file.
    return {
      documents: [...mesh.parsed.documents, ...policies.documents, ...probes.parsed.documents],
      diagnostics: [
        // Copies: a cached part's diagnostics must not be shared with earlier results.
        ...mesh.parsed.diagnostics.map((d) => ({ ...d })),
        ...policies.diagnostics,
        ...probes.parsed.diagnostics.map((d) => ({ ...d })),
      ],
      texts: { mesh: mesh.text, probes: probes.text },
    };
  }

  private meshPart(metadata: WorkspaceMetadata, mesh: MeshSpec): ParsedPart {
    if (this.mesh?.metadata !== metadata || this.mesh.mesh !== mesh) {
      const text = meshDocumentText(metadata, mesh);
      this.mesh = {
        metadata,
        mesh,
        part: { text, parsed: parseWorkspaceText(text, this.meshCache, 'mesh') },
      };
    }
    return this.mesh.part;
  }

  private probesPart(probes: ProbesSpec): ParsedPart {
    if (this.probes?.probes !== probes) {
      const text = probesDocumentText(probes);
      this.probes = { probes, part: { text, parsed: parseWorkspaceText(text, this.probesCache, 'probes') } };
    }
    return this.probes.part;
  }
}
