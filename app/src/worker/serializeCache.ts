/**
 * serializeWorkspace with the Mesh and Probes documents cached per structure version: while the
 * user types in the editor only the policies change, and re-stringifying 100 workloads and 300
 * probes on every keystroke costs more than evaluating them.
 *
 * It relies only on the contract that the policies text is placed verbatim (trimmed at its end)
 * between the Mesh and Probes documents: the frame is taken from serializeWorkspace itself with a
 * one-line stand-in. Texts it cannot reason about (empty, a leading `---`, CR line ends) go to
 * serializeWorkspace directly. A unit test compares both for many texts.
 */
import { serializeWorkspace } from '@playground/evaluator';
import type { WorkspaceParts } from '@playground/evaluator';

const STAND_IN = 'playground-policies-stand-in: 1';

interface Frame {
  version: number;
  head: string;
  tail: string;
  policiesLine: number;
}

export class SerializeCache {
  private frame: Frame | null = null;

  /** `version` changes whenever metadata, mesh or probes change (the policies text does not count). */
  serialize(parts: WorkspaceParts, version: number): { text: string; policiesLine: number } {
    const policies = parts.policies.trimEnd();
    const simple = policies !== '' && !policies.includes('\r') && !/^\s*---/.test(policies);
    if (!simple) return serializeWorkspace(parts);
    if (this.frame?.version !== version) {
      const framed = serializeWorkspace({ ...parts, policies: STAND_IN });
      const at = framed.text.indexOf(STAND_IN);
      if (at < 0) return serializeWorkspace(parts);
      this.frame = {
        version,
        head: framed.text.slice(0, at),
        tail: framed.text.slice(at + STAND_IN.length),
        policiesLine: framed.policiesLine,
      };
    }
    return { text: `${this.frame.head}${policies}${this.frame.tail}`, policiesLine: this.frame.policiesLine };
  }
}
