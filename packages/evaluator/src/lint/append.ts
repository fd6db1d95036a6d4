/**
 * Quick fixes that add a resource: a new YAML document after the last document of the part the
 * linted resource is in (the policies text in the app, the whole workspace in the CLI).
 */
import type { ResourceSet, TargetRef } from '../resources/types';
import type { Fix, SourceRange } from '../types';

/** A YAML scalar for a name or label value: plain when YAML reads it back as the same string. */
export function scalar(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9_./-]*$/.test(value) &&
    !/^(true|false|null|yes|no|on|off|[0-9.]+)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

/** `document` appended at `end` as one edit, with the `---` that separates it from the one before. */
export function appendDocument(title: string, end: SourceRange | undefined, document: string): Fix | null {
  if (!end) return null;
  const at: SourceRange = { start: end.end, end: end.end, offset: end.offset + end.length, length: 0 };
  // A document that ends with its line break ends at column 1 of the next line.
  const separator = end.end.column === 1 ? '---\n' : '\n---\n';
  return { title, edits: [{ range: at, text: `${separator}${document}` }] };
}

export function selectorYaml(labels: Record<string, string>): string {
  const lines = Object.entries(labels).map(([k, v]) => `      ${scalar(k)}: ${scalar(v)}`);
  return `  selector:\n    matchLabels:\n${lines.join('\n')}\n`;
}

export function targetRefsYaml(refs: TargetRef[]): string {
  const items = refs.map(
    (r) => `    - group: ${scalar(r.group)}\n      kind: ${scalar(r.kind)}\n      name: ${scalar(r.name)}\n`,
  );
  return `  targetRefs:\n${items.join('')}`;
}

/** Whether a resource of that kind and name already exists there (a fix must not replace it). */
export function nameTaken(resources: ResourceSet, kind: string, namespace: string, name: string): boolean {
  const all = [
    ...resources.authorizationPolicies,
    ...resources.peerAuthentications,
    ...resources.requestAuthentications,
  ];
  return all.some((r) => r.meta.kind === kind && r.meta.namespace === namespace && r.meta.name === name);
}

export function strictPeerAuthentication(
  name: string,
  namespace: string,
  labels: Record<string, string> | null,
): string {
  return (
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\n' +
    `metadata:\n  name: ${scalar(name)}\n  namespace: ${scalar(namespace)}\n` +
    `spec:\n${labels ? selectorYaml(labels) : ''}  mtls:\n    mode: STRICT\n`
  );
}
