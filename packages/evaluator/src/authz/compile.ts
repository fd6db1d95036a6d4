/**
 * Compiles an AuthorizationPolicy's rules once (docs/semantics.md §A2, §A3, §A8):
 * rule = from AND to AND when; from/to = OR over entries; entry = AND over its fields;
 * field = (values match) AND (no notValues match). On a TCP chain, ALLOW drops any rule that
 * uses an HTTP-only attribute, while DENY/AUDIT/CUSTOM drop just those attributes.
 */
import type { AuthorizationPolicy, Condition, Operation, Source } from '../resources/types';
import type { AuthzRequest } from './context';
import {
  clientAttributeOf,
  fieldCompiler,
  type Clause,
  type FieldCompiler,
  type TrustDomains,
} from './fields';

/** An AND of clauses (a source, an operation, or the `when` list). Empty = matches everything. */
interface Conjunction {
  clauses: Clause[];
}

export interface CompiledRule {
  index: number;
  /** null = the list is absent (matches anything). */
  from: Conjunction[] | null;
  to: Conjunction[] | null;
  when: Conjunction;
  usesHttpOnly: boolean;
  /** Values Istio accepts that Envoy refuses, in words (for the trace): they never match. */
  unmatchable: string[];
}

export interface CompiledPolicy {
  policy: AuthorizationPolicy;
  rules: CompiledRule[];
}

/** [positive field, negative field] pairs, in the API's order. */
const SOURCE_FIELDS = [
  ['principals', 'notPrincipals'],
  ['requestPrincipals', 'notRequestPrincipals'],
  ['namespaces', 'notNamespaces'],
  ['serviceAccounts', 'notServiceAccounts'],
  ['trustDomains', 'notTrustDomains'],
  ['ipBlocks', 'notIpBlocks'],
  ['remoteIpBlocks', 'notRemoteIpBlocks'],
] as const satisfies readonly (readonly [keyof Source, keyof Source])[];

const OPERATION_FIELDS = [
  ['hosts', 'notHosts'],
  ['ports', 'notPorts'],
  ['methods', 'notMethods'],
  ['paths', 'notPaths'],
] as const satisfies readonly (readonly [keyof Operation, keyof Operation])[];

function fieldClauses(
  compiler: FieldCompiler,
  label: string,
  field: string,
  values: readonly string[] | undefined,
  notValues: readonly string[] | undefined,
  unmatchable: string[],
): Clause[] {
  const out: Clause[] = [];
  // Values Envoy refuses are named in the clause, so a trace says they can never match.
  const noted = (
    text: string,
    never: readonly string[] | undefined,
    all: readonly string[],
    not: boolean,
  ) => {
    if (!never?.length) return text;
    const quoted = never.map((v) => `"${v}"`).join(', ');
    unmatchable.push(
      `${text} ${quoted} is refused by Envoy and can never match` +
        (not ? ': it excludes nothing' : never.length === all.length ? ': the rule can never match' : ''),
    );
    return `${text} (${quoted}: refused by Envoy, can never match)`;
  };
  if (values && values.length) {
    const c = compiler.compile(field, values);
    if (c)
      out.push({
        label: noted(`${label}.${field}`, c.never, values, false),
        httpOnly: c.httpOnly,
        reads: clientAttributeOf(field),
        test: c.test,
      });
  }
  if (notValues && notValues.length) {
    const c = compiler.compile(field, notValues);
    if (c) {
      const test = c.test;
      out.push({
        label: noted(`${label}.not${field[0]?.toUpperCase()}${field.slice(1)}`, c.never, notValues, true),
        httpOnly: c.httpOnly,
        reads: clientAttributeOf(field),
        test: (r) => !test(r),
      });
    }
  }
  return out;
}

function compileSource(
  compiler: FieldCompiler,
  source: Source,
  label: string,
  unmatchable: string[],
): Conjunction {
  const clauses = SOURCE_FIELDS.flatMap(([pos, neg]) =>
    fieldClauses(compiler, label, pos, source[pos], source[neg], unmatchable),
  );
  return { clauses };
}

function compileOperation(
  compiler: FieldCompiler,
  op: Operation,
  label: string,
  unmatchable: string[],
): Conjunction {
  const clauses = OPERATION_FIELDS.flatMap(([pos, neg]) =>
    fieldClauses(compiler, label, pos, op[pos], op[neg], unmatchable),
  );
  return { clauses };
}

function compileConditions(
  compiler: FieldCompiler,
  when: readonly Condition[],
): { conj: Conjunction; unknown: boolean } {
  const clauses: Clause[] = [];
  let unknown = false;
  when.forEach((c, i) => {
    for (const [values, negate] of [
      [c.values, false],
      [c.notValues, true],
    ] as const) {
      if (!values?.length) continue;
      const compiled = compiler.compile(c.key, values);
      if (!compiled) {
        unknown = true;
        continue;
      }
      const test = compiled.test;
      clauses.push({
        label: `when[${i}] ${c.key} ${negate ? 'notValues' : 'values'}`,
        httpOnly: compiled.httpOnly,
        reads: clientAttributeOf(c.key),
        test: negate ? (r) => !test(r) : test,
      });
    }
  });
  return { conj: { clauses }, unknown };
}

export function compilePolicy(policy: AuthorizationPolicy, td: TrustDomains): CompiledPolicy {
  const compiler = fieldCompiler(policy.meta.namespace, td);
  const rules: CompiledRule[] = [];
  for (const rule of policy.rules ?? []) {
    if (rule.isNull) continue;
    const unmatchable: string[] = [];
    const from = rule.from
      ? rule.from.map((s, i) => compileSource(compiler, s, `from[${i}].source`, unmatchable))
      : null;
    const to = rule.to
      ? rule.to.map((o, i) => compileOperation(compiler, o, `to[${i}].operation`, unmatchable))
      : null;
    const when = compileConditions(compiler, rule.when ?? []);
    // An unknown `when` key makes istiod skip the whole rule, for every action (§A9).
    if (when.unknown) continue;
    const all = [...(from ?? []), ...(to ?? []), when.conj].flatMap((c) => c.clauses);
    rules.push({
      index: rule.index,
      from,
      to,
      when: when.conj,
      usesHttpOnly: all.some((c) => c.httpOnly),
      unmatchable,
    });
  }
  return { policy, rules };
}

/** Whether a conjunction holds; on TCP for DENY-like actions HTTP-only clauses are dropped. */
function holds(conj: Conjunction, request: AuthzRequest, dropHttpOnly: boolean): boolean {
  for (const clause of conj.clauses) {
    if (dropHttpOnly && clause.httpOnly) continue;
    if (!clause.test(request)) return false;
  }
  return true;
}

function anyHolds(list: Conjunction[] | null, request: AuthzRequest, dropHttpOnly: boolean): boolean {
  if (list === null) return true;
  for (const conj of list) if (holds(conj, request, dropHttpOnly)) return true;
  return false;
}

/**
 * Whether a compiled rule matches. Returns `'dropped'` when the rule does not exist on this chain
 * (an ALLOW rule with HTTP-only attributes on a TCP chain).
 */
export function ruleMatches(
  rule: CompiledRule,
  request: AuthzRequest,
  action: AuthorizationPolicy['action'],
): boolean | 'dropped' {
  const tcp = request.chain === 'tcp';
  if (tcp && action === 'ALLOW' && rule.usesHttpOnly) return 'dropped';
  const drop = tcp;
  return (
    anyHolds(rule.from, request, drop) && anyHolds(rule.to, request, drop) && holds(rule.when, request, drop)
  );
}

/** The first clause that failed, in words, for a rule that did not match (for the trace). */
export function explainMiss(rule: CompiledRule, request: AuthzRequest): string {
  const drop = request.chain === 'tcp';
  const describe = (list: Conjunction[] | null, what: string): string | null => {
    if (list === null || anyHolds(list, request, drop)) return null;
    const failures = list.map(
      (conj) => conj.clauses.find((c) => !(drop && c.httpOnly) && !c.test(request))?.label ?? what,
    );
    return `${failures.join(' / ')} did not match`;
  };
  return (
    describe(rule.from, 'from') ??
    describe(rule.to, 'to') ??
    (rule.when.clauses.find((c) => !(drop && c.httpOnly) && !c.test(request))?.label ?? 'when') +
      ' did not match'
  );
}

/**
 * Partially evaluates a rule for one request at one server: clauses that do not depend on the
 * client are decided now, so deciding many clients (the matrix) only tests what varies with them.
 * Returns null when the rule can no longer match (or does not exist on this chain).
 */
export function specializeRule(
  rule: CompiledRule,
  request: AuthzRequest,
  action: AuthorizationPolicy['action'],
): CompiledRule | null {
  const tcp = request.chain === 'tcp';
  if (tcp && action === 'ALLOW' && rule.usesHttpOnly) return null;
  const reduce = (conj: Conjunction): Conjunction | null => {
    const clauses: Clause[] = [];
    for (const c of conj.clauses) {
      if (tcp && c.httpOnly) continue;
      if (c.reads) clauses.push(c);
      else if (!c.test(request)) return null;
    }
    return { clauses };
  };
  const reduceList = (list: Conjunction[] | null): Conjunction[] | null | false => {
    if (list === null) return null;
    const kept = list.map(reduce).filter((c): c is Conjunction => c !== null);
    return kept.length === 0 ? false : kept;
  };
  const from = reduceList(rule.from);
  const to = reduceList(rule.to);
  const when = reduce(rule.when);
  if (from === false || to === false || when === null) return null;
  return { index: rule.index, from, to, when, usesHttpOnly: false, unmatchable: rule.unmatchable };
}
