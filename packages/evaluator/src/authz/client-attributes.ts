/**
 * What of the client a server's authorization can depend on (authz/fields.ts `clientAttributeOf`),
 * for sharing one decision among clients that cannot be told apart (matrix.ts).
 */
import type { PolicySet } from './decide';
import type { Clause } from './fields';

/**
 * What of the client a policy set's decision can depend on, beyond the transport (which the
 * matrix always tells apart): its namespace, the rest of its identity, its addresses, or anything
 * at all when a CUSTOM provider is consulted. For a set specialised to one request, the clauses
 * left are exactly those that read the client.
 */
export function clientAttributesRead(set: PolicySet): {
  namespace: boolean;
  identity: boolean;
  address: boolean;
  anything: boolean;
} {
  const read = { namespace: false, identity: false, address: false, anything: set.custom.length > 0 };
  const note = (clauses: readonly Clause[]) => {
    for (const c of clauses) {
      if (c.reads === 'namespace') read.namespace = true;
      else if (c.reads === 'identity') read.identity = true;
      else if (c.reads === 'address') read.address = true;
    }
  };
  for (const list of [set.custom, set.badCustom, set.deny, set.allow, set.audit, set.dryRun])
    for (const compiled of list)
      for (const rule of compiled.rules) {
        for (const conj of [...(rule.from ?? []), ...(rule.to ?? []), rule.when]) note(conj.clauses);
      }
  return read;
}
