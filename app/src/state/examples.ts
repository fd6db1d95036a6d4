/**
 * The app's example workspaces, in one place:
 * - the gallery's catalog: every golden workspace of the evaluator
 *   (packages/evaluator/test/golden/*.yaml), the same files the engine's test suite runs, so every
 *   example is also a test. Vite turns the glob into one lazy chunk per file: the ids are known at
 *   start (file names), the texts load only when the gallery, a lesson or a `#example=` link asks;
 * - the toolbar's examples menu: the default mesh with policies from istio.io's tasks.
 * Features (gallery, lessons, toolbar) read them from here; nothing here knows a feature.
 */
import type { WorkspaceParts } from '@playground/evaluator';
import { DEFAULT_WORKSPACE } from './defaultWorkspace';
import { readWorkspaceText } from './workspaceText';

// --- The gallery's catalog (the golden workspaces) ---

const FILES = import.meta.glob('../../../packages/evaluator/test/golden/*.yaml', {
  query: '?raw',
  import: 'default',
}) as Record<string, () => Promise<string>>;

const idOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1).replace(/\.yaml$/, '');

const LOADERS = new Map(Object.entries(FILES).map(([path, load]) => [idOf(path), load]));

/** Example ids (file names without `.yaml`), sorted: the only values `#example=` accepts. */
export const EXAMPLE_IDS: readonly string[] = [...LOADERS.keys()].sort();

export const isExampleId = (id: string): boolean => LOADERS.has(id);

/** The raw text of an example (lessons use golden workspaces as their bases). */
export const exampleLoader = (id: string): (() => Promise<string>) | undefined => LOADERS.get(id);

export interface ExampleEntry {
  id: string;
  title: string;
  description: string;
  tags: string[];
  parts: WorkspaceParts;
}

/** One example, read and validated like an imported file; null for an unknown id or an unreadable file. */
export async function loadExample(id: string): Promise<ExampleEntry | null> {
  const load = LOADERS.get(id);
  if (!load) return null;
  const read = readWorkspaceText(await load());
  if (!read.ok) return null;
  const { metadata } = read.parts;
  return {
    id,
    title: metadata.title ?? metadata.name ?? id,
    description: metadata.description ?? '',
    tags: [...(metadata.tags ?? [])],
    parts: read.parts,
  };
}

let all: Promise<ExampleEntry[]> | null = null;

/** Every example, loaded once (the gallery searches titles, descriptions and tags). */
export function loadAllExamples(): Promise<ExampleEntry[]> {
  all ??= Promise.all(EXAMPLE_IDS.map(loadExample)).then((list) =>
    list.filter((e): e is ExampleEntry => e !== null),
  );
  return all;
}

/** Every tag in use, in a stable order (most used first, then by name). */
export function tagsOf(examples: readonly ExampleEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const e of examples) for (const t of e.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}

/**
 * Gallery search: every word of the query must occur (case-insensitively) in the title, the
 * description, a tag or the id; every selected tag must be on the example.
 */
export function filterExamples(
  examples: readonly ExampleEntry[],
  query: string,
  tags: readonly string[] = [],
): ExampleEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return examples.filter((e) => {
    if (!tags.every((t) => e.tags.includes(t))) return false;
    const haystack = [e.id, e.title, e.description, ...e.tags].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

// --- The toolbar's examples menu ---

export interface Example {
  id: string;
  title: string;
  text: string;
}

/** The default mesh with some Istio resources appended before its Probes document. */
function withPolicies(policies: string): string {
  const marker = '---\napiVersion: playground/v1\nkind: Probes';
  const at = DEFAULT_WORKSPACE.indexOf(marker);
  return `${DEFAULT_WORKSPACE.slice(0, at)}---\n${policies.trim()}\n${DEFAULT_WORKSPACE.slice(at)}`;
}

export const EXAMPLES: Example[] = [
  { id: 'authn-setup', title: 'Authentication task: no policies', text: DEFAULT_WORKSPACE },
  {
    id: 'mesh-strict',
    title: 'Mesh-wide STRICT mTLS',
    text: withPolicies(`
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT`),
  },
  {
    id: 'namespace-strict',
    title: 'STRICT mTLS in foo only',
    text: withPolicies(`
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: foo
spec:
  mtls:
    mode: STRICT`),
  },
  {
    id: 'allow-foo-only',
    title: 'httpbin.bar accepts only callers from foo',
    text: withPolicies(`
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-foo
  namespace: bar
spec:
  selector:
    matchLabels:
      app: httpbin
  action: ALLOW
  rules:
    - from:
        - source:
            namespaces: ["foo"]`),
  },
];
