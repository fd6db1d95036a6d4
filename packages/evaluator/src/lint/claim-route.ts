/** A VirtualService that routes on JWT claims at a gateway no RequestAuthentication covers. */
import type { MeshWorkload } from '../mesh';
import { selects } from '../mesh';
import { routingClaim } from '../gateway/claims';
import type { Diagnostic } from '../types';
import { DOCS, warn, type LintInput } from './context';

/**
 * istioctl analyze IST0149 JwtClaimBasedRoutingWithoutRequestAuthN (istio/istio
 * pkg/config/analysis/analyzers/virtualservice/jwtclaimroute.go): a VirtualService routes on JWT
 * claims at a gateway whose workload no RequestAuthentication applies to, so no token is ever
 * validated there and the claim routes never match.
 */
export function claimRouteLints(
  { resources, mesh, rangeOf }: LintInput,
  hasRequestAuthentication: (w: MeshWorkload) => boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const vs of resources.virtualServices) {
    if (vs.meta.rejected) continue;
    let claimPath: (string | number)[] | null = null;
    let claimKey = '';
    for (const route of vs.http)
      route.match.forEach((m, i) => {
        for (const field of ['headers', 'withoutHeaders'] as const)
          for (const name of Object.keys(m[field] ?? {}))
            if (claimPath === null && routingClaim(name) !== null) {
              claimPath = [...vs.meta.basePath, 'spec', 'http', route.index, 'match', i, field, name];
              claimKey = name;
            }
      });
    if (claimPath === null) continue;
    for (const name of vs.gateways) {
      if (name === 'mesh') continue;
      const [ns, gwName] = name.includes('/') ? name.split('/', 2) : [vs.meta.namespace, name];
      const gw = resources.gateways.find(
        (g) => !g.meta.rejected && g.meta.namespace === ns && g.meta.name === gwName,
      );
      if (!gw || Object.keys(gw.selector).length === 0) continue;
      for (const w of mesh.workloads) {
        if (!selects(gw.selector, w.labels) || hasRequestAuthentication(w)) continue;
        out.push(
          warn(
            vs.meta,
            'lint.jwt-claim-route-without-request-authentication',
            `routes on the JWT claim ${claimKey} through Gateway ${ns}/${gwName}, but no RequestAuthentication applies to its workload ${w.key}: no token is validated there, so the claim routes never match (istioctl analyze IST0149)`,
            rangeOf(vs.meta.document, claimPath),
            { docs: DOCS.claimRoute },
          ),
        );
      }
    }
  }
  return out;
}
