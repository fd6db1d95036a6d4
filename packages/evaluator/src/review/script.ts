/**
 * The verification script (issue 9 "Exports"): a bash script that checks on a real cluster the
 * outcomes the playground evaluated. It applies the Istio resources, then runs each probe the way
 * Istio's task pages do —
 *   kubectl exec "$(kubectl get pod -l app=sleep -n foo -o jsonpath={.items..metadata.name})" \
 *     -c sleep -n foo -- curl http://httpbin.bar:8000/ip -s -o /dev/null -w "%{http_code}\n"
 * (istio.io/latest/docs/tasks/security/authentication/authn-policy/) — and compares each status
 * with the evaluated one, printing PASS/FAIL, a summary, and exiting 1 on any mismatch.
 *
 * Every value that comes from the workspace (names, namespaces, labels, paths, headers, tokens,
 * hosts) is passed through `shq`, a single-quoted bash word, and comments go through `commentText`,
 * so nothing a user wrote can run. The Istio resources go in a quoted here-document (no expansion)
 * whose delimiter is not a line of the text.
 */
import type { Evaluation, ProbeResult, ProbeSpec, TokenSpec, WorkloadSpec } from '../types';
import type { WorkspaceParts } from '../workspace-text';
import { requestSummary } from './match';

export interface VerificationScriptOptions {
  /** A title for the script's header comment; default the workspace's title or name. */
  title?: string;
}

/** A bash word that is exactly `value`: single-quoted, each `'` written as `'\''`. */
export function shq(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Text safe on one comment line: line breaks and other controls shown as escapes. */
// eslint-disable-next-line no-control-regex
const COMMENT_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
export function commentText(value: string): string {
  return value.replace(COMMENT_UNSAFE, (c) => `\\x${(c.codePointAt(0) ?? 0).toString(16).padStart(2, '0')}`);
}

/** A here-document delimiter that is not a line of `text` (bash ends the document at the first such line). */
export function heredocDelimiter(text: string, base = 'PLAYGROUND_ISTIO_RESOURCES'): string {
  const lines = new Set(text.split('\n').map((l) => l.replace(/\r$/, '').trim()));
  let delimiter = base;
  for (let n = 1; lines.has(delimiter); n++) delimiter = `${base}_${n}`;
  return delimiter;
}

/** The environment variable a simulated token is read from: `TOKEN_<NAME>`, unique per name. */
function tokenVariables(tokens: Record<string, TokenSpec>): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const name of Object.keys(tokens)) {
    const base = `TOKEN_${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
    let variable = base;
    for (let n = 2; used.has(variable); n++) variable = `${base}_${n}`;
    used.add(variable);
    out.set(name, variable);
  }
  return out;
}

interface Workloads {
  get(ref: string): WorkloadSpec | undefined;
  /** How many workloads of `namespace` carry label `app=value`. */
  withApp(namespace: string, value: string): number;
}

function workloadIndex(parts: WorkspaceParts): Workloads {
  const all = parts.mesh.workloads ?? [];
  const map = new Map(all.map((w) => [`${w.namespace}/${w.name}`, w]));
  return {
    get: (ref) => map.get(ref),
    withApp: (namespace, value) =>
      all.filter((w) => w.namespace === namespace && w.labels?.app === value).length,
  };
}

function splitRef(ref: string): { namespace: string; name: string } {
  const slash = ref.indexOf('/');
  return slash < 0
    ? { namespace: 'default', name: ref }
    : { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
}

/**
 * The pod label selector for a workload: `app=<value>` as the task pages use, when no other workload
 * of the namespace has that `app` label (ratings-v1 and ratings-v2 share `app=ratings`); else all
 * its labels; `app=<name>` when it has none.
 */
function selectorOf(ref: string, workloads: Workloads): string {
  const { namespace, name } = splitRef(ref);
  const labels = workloads.get(ref)?.labels ?? {};
  if (labels.app !== undefined && workloads.withApp(namespace, labels.app) <= 1) return `app=${labels.app}`;
  const all = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return all.length ? all.join(',') : `app=${name}`;
}

/** `kubectl get pod … -o jsonpath=…` inside `"$(…)"`, as the task pages find a pod. */
function podLookup(ref: string, workloads: Workloads, jsonpath: string): string {
  const { namespace } = splitRef(ref);
  return `"$(kubectl get pod -l ${shq(selectorOf(ref, workloads))} -n ${shq(namespace)} -o jsonpath=${jsonpath})"`;
}

/** A word that is `prefix` followed by a token's value: a literal, or a required environment variable. */
interface TokenValue {
  word: (prefix: string) => string;
  /** The environment variable a real token must be given in, for simulated tokens. */
  variable?: string;
}

function tokenValue(name: string, spec: TokenSpec | undefined, variables: Map<string, string>): TokenValue {
  const literal = spec?.jwt ?? spec?.raw;
  if (literal !== undefined) return { word: (prefix) => shq(prefix + literal) };
  const variable = variables.get(name) ?? 'TOKEN';
  return {
    variable,
    word: (prefix) =>
      `${prefix ? shq(prefix) : ''}"\${${variable}:?a real JWT is needed, see the comment at the top}"`,
  };
}

interface CurlRequest {
  /** curl arguments after the URL (already quoted words). */
  args: string[];
  /** Query parameters to append to the URL (quoted words, each `name=value`). */
  query: string[];
  /** Environment variables the request needs. */
  needs: string[];
}

function curlRequest(spec: ProbeSpec, parts: WorkspaceParts, variables: Map<string, string>): CurlRequest {
  const request = spec.request ?? {};
  const tokens = parts.probes.tokens ?? {};
  const args: string[] = [];
  const query: string[] = [];
  const needs: string[] = [];
  const { method } = requestSummary(spec);
  if (method === 'HEAD') args.push('-I');
  else if (method !== 'GET') args.push('-X', shq(method));
  if (request.host !== undefined) args.push('-H', shq(`Host: ${request.host}`));
  for (const [k, v] of Object.entries(request.headers ?? {})) args.push('-H', shq(`${k}: ${String(v)}`));
  const uses = [
    ...(request.token !== undefined ? [{ token: request.token }] : []),
    ...(request.tokens ?? []),
  ];
  for (const use of uses) {
    const value = tokenValue(
      use.token,
      Object.hasOwn(tokens, use.token) ? tokens[use.token] : undefined,
      variables,
    );
    if (value.variable) needs.push(value.variable);
    const where = use.in ?? 'header:Authorization';
    const colon = where.indexOf(':');
    const kind = colon < 0 ? 'header' : where.slice(0, colon).toLowerCase();
    const key = colon < 0 ? where : where.slice(colon + 1);
    if (kind === 'query') query.push(value.word(`${key}=`));
    else if (kind === 'cookie') args.push('-H', value.word(`Cookie: ${key}=`));
    else {
      const prefix = use.prefix ?? (key.toLowerCase() === 'authorization' ? 'Bearer ' : '');
      args.push('-H', value.word(`${key}: ${prefix}`));
    }
  }
  return { args, query, needs };
}

/** The URL as one bash word: `base` (already a word) + path + query. */
function urlWord(base: string, path: string, query: string[]): string {
  if (query.length === 0) return `${base}${shq(path)}`;
  const separator = path.includes('?') ? '&' : '?';
  return `${base}${shq(path + separator)}${query.join(`'&'`)}`;
}

/** Curl's URL globbing reads `[]{}` as ranges and sets; `-g` turns that off for such paths. */
const needsGlobOff = (path: string): boolean => /[[\]{}]/.test(path);

/** Whether the probe goes over a TCP filter chain: tested with `nc`, as Istio's TCP tasks do. */
function isTcp(result: ProbeResult): boolean {
  if (result.status === 'connected' || result.status === 'denied') return true;
  return result.trace.some(
    (s) => s.stage === 'protocol' && /TCP filter chain|sniffed as TCP/.test(s.message),
  );
}

const STATUS_FORMAT = `-s -o /dev/null -w "%{http_code}\\n"`;

function probeBlock(
  spec: ProbeSpec,
  result: ProbeResult,
  parts: WorkspaceParts,
  workloads: Workloads,
  variables: Map<string, string>,
): string[] {
  const label = result.name || `probe ${result.index}`;
  const lines = [`# ${commentText(`#${result.index} ${label}: ${spec.from} → ${spec.to}:${spec.port}`)}`];
  if (result.verdict === 'invalid') {
    lines.push('# not checked: the playground could not evaluate this probe (unknown workload or port)');
    return lines;
  }
  const target = workloads.get(spec.to);
  const to = splitRef(spec.to);
  const service = target?.service ?? to.name;
  const path = requestSummary(spec).path;
  const external = spec.from === 'external';
  const tcp = isTcp(result);
  const request = curlRequest(spec, parts, variables);
  const needs = [...new Set([...(external ? ['INGRESS_HOST', 'INGRESS_PORT'] : []), ...request.needs])];

  let command: string;
  let expected = result.status;
  const hostWord =
    spec.address === 'podIP'
      ? podLookup(spec.to, workloads, '{.items..status.podIP}')
      : shq(`${service}.${to.namespace}`);
  if (tcp) {
    // istio.io/latest/docs/tasks/security/authorization/authz-tcp/: a client sidecar accepts every
    // TCP connection itself, so the test is whether the server answered (tcp-echo echoes what it is
    // sent); a denied connection is closed without an answer. Expected: connected, or denied.
    expected = result.status === 'connected' ? 'connected' : 'denied';
    const probe = `sh -c 'echo hello | nc -w 3 "$1" "$2"' sh`;
    const from = splitRef(spec.from);
    const host = external ? '"$INGRESS_HOST"' : hostWord;
    const port = external ? '"$INGRESS_PORT"' : shq(String(spec.port));
    const run = external
      ? `${probe} ${host} ${port}`
      : `kubectl exec ${podLookup(spec.from, workloads, '{.items..metadata.name}')} -c ${shq(from.name)} -n ${shq(from.namespace)} -- ${probe} ${host} ${port}`;
    command = `answer=$(${run} 2>/dev/null) && [ -n "$answer" ] && status=connected || status=denied`;
  } else if (external) {
    // Outside the mesh: curl from this machine to the ingress gateway, the Host header naming the route.
    const host = spec.request?.host ?? `${service}.${to.namespace}${spec.port === 80 ? '' : `:${spec.port}`}`;
    const args =
      spec.request?.host === undefined ? ['-H', shq(`Host: ${host}`), ...request.args] : request.args;
    const url = urlWord('"http://$INGRESS_HOST:$INGRESS_PORT"', path, request.query);
    command =
      `status=$(curl ${url} ${STATUS_FORMAT}${needsGlobOff(path) ? ' -g' : ''} ${args.join(' ')})`.trimEnd();
  } else {
    const from = splitRef(spec.from);
    const base =
      spec.address === 'podIP'
        ? `"http://"${hostWord}${shq(`:${spec.port}`)}`
        : shq(`http://${service}.${to.namespace}:${spec.port}`);
    const url = urlWord(base, path, request.query);
    command =
      `status=$(kubectl exec ${podLookup(spec.from, workloads, '{.items..metadata.name}')} ` +
      `-c ${shq(from.name)} -n ${shq(from.namespace)} -- curl ${url} ${STATUS_FORMAT}` +
      `${needsGlobOff(path) ? ' -g' : ''}${request.args.length ? ` ${request.args.join(' ')}` : ''})`;
  }
  const check = `check ${shq(label)} ${shq(expected)} "$status"`;
  if (needs.length === 0) return [...lines, command, check];
  const condition = needs.map((v) => `[ -n "\${${v}:-}" ]`).join(' && ');
  return [
    ...lines,
    `if ${condition}; then`,
    `  ${command}`,
    `  ${check}`,
    'else',
    `  skip ${shq(label)} ${shq(needs.join(' '))}`,
    'fi',
  ];
}

function tokenComments(parts: WorkspaceParts, variables: Map<string, string>, used: Set<string>): string[] {
  const tokens = parts.probes.tokens ?? {};
  const lines: string[] = [];
  for (const [name, variable] of variables) {
    const spec = tokens[name];
    if (!used.has(variable) || !spec) continue;
    lines.push(
      `#   ${variable}: token ${commentText(JSON.stringify(name))}, simulated in the playground with claims ` +
        `${commentText(JSON.stringify(spec.claims ?? {}))}${spec.signature === 'invalid' ? ' and an invalid signature' : ''}`,
    );
  }
  if (lines.length === 0) return [];
  return [
    '# Simulated tokens: the playground made them up, a cluster needs real ones. Export a real JWT with the',
    '# same claims, signed by a key of the JWKS your RequestAuthentication names (one with a signature that',
    '# does not verify where the playground says "invalid signature"); probes without their token are skipped.',
    ...lines,
    '',
  ];
}

/** The bash script that checks the evaluated outcomes of `evaluation` on a real cluster. */
export function verificationScript(
  parts: WorkspaceParts,
  evaluation: Evaluation,
  options: VerificationScriptOptions = {},
): string {
  const title =
    options.title ?? parts.metadata.title ?? parts.metadata.name ?? 'Istio Policy Playground workspace';
  const workloads = workloadIndex(parts);
  const variables = tokenVariables(parts.probes.tokens ?? {});
  const specs = parts.probes.probes ?? [];
  const blocks: string[][] = [];
  const needed = new Set<string>();
  let external = false;
  for (const result of evaluation.probes) {
    const spec = specs[result.index];
    if (!spec) continue;
    if (spec.from === 'external') external = true;
    const block = probeBlock(spec, result, parts, workloads, variables);
    for (const line of block)
      for (const m of line.matchAll(/\$\{(TOKEN_[A-Z0-9_]+):\?/g)) if (m[1]) needed.add(m[1]);
    blocks.push(block);
  }
  const policies =
    parts.policies.endsWith('\n') || parts.policies === '' ? parts.policies : `${parts.policies}\n`;
  const delimiter = heredocDelimiter(policies);
  const apply =
    policies.trim() === ''
      ? ['# The workspace has no Istio resources to apply.']
      : [
          '# The Istio resources of the workspace, verbatim.',
          `if ! kubectl apply -f - <<'${delimiter}'`,
          `${policies}${delimiter}`,
          'then',
          '  echo "kubectl apply failed" >&2',
          '  exit 2',
          'fi',
          '# Policies take a few seconds to reach the proxies (the Istio tasks wait too).',
          'sleep "${SETTLE_SECONDS:-5}"',
        ];
  return [
    '#!/usr/bin/env bash',
    `# ${commentText(title)}`,
    '# Generated by the Istio Policy Playground: checks on a real cluster the outcomes the playground',
    "# evaluated. It expects the workloads of the workspace to be deployed (e.g. Istio's samples/sleep and",
    '# samples/httpbin) and kubectl to point at the cluster. Prints PASS/FAIL per probe; exits 1 on a mismatch.',
    'set -uo pipefail',
    '',
    ...(external
      ? [
          "# Probes from outside the mesh go through the ingress gateway. Set its address as Istio's ingress",
          '# tasks do (istio.io/latest/docs/tasks/traffic-management/ingress/ingress-control/):',
          "#   export INGRESS_HOST=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].ip}')",
          '#   export INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath=\'{.spec.ports[?(@.name=="http2")].port}\')',
          "# (for a Gateway API gateway: INGRESS_HOST=$(kubectl get gtw NAME -n NS -o jsonpath='{.status.addresses[0].value}'), INGRESS_PORT=80)",
          '# Without them those probes are skipped.',
          '',
        ]
      : []),
    ...tokenComments(parts, variables, needed),
    'passed=0',
    'failed=0',
    'skipped=0',
    'check() { # name expected actual',
    '  if [ "$3" = "$2" ]; then',
    '    passed=$((passed + 1))',
    '    printf \'PASS %s: %s\\n\' "$1" "$3"',
    '  else',
    '    failed=$((failed + 1))',
    '    printf \'FAIL %s: expected %s, got %s\\n\' "$1" "$2" "${3:-nothing}"',
    '  fi',
    '}',
    'skip() { # name variables',
    '  skipped=$((skipped + 1))',
    '  printf \'SKIP %s: set %s\\n\' "$1" "$2"',
    '}',
    '',
    ...apply,
    '',
    ...blocks.flatMap((b) => [...b, '']),
    'printf \'%d passed, %d failed, %d skipped\\n\' "$passed" "$failed" "$skipped"',
    '[ "$failed" -eq 0 ] || exit 1',
    '',
  ].join('\n');
}
