import { isIpAddress } from './ip';

/**
 * Envoy's *trusted client address*, which RBAC calls `remote_ip` (`remoteIpBlocks`, `remote.ip`;
 * docs/semantics.md §A5, §G6). Rules from Envoy `http/conn_manager_utility.cc` `mutateRequestHeaders`,
 * `http/utility.cc` `getLastAddressFromXFF` and the XFF section of Envoy's header docs:
 *
 * - Gateways run with `use_remote_address: true` and `xff_num_trusted_hops` = meshConfig
 *   `gatewayTopology.numTrustedProxies` (istio/istio `networking/core/gateway.go`).
 *   With 0 trusted hops XFF is ignored and the direct peer is the remote address. With N > 0 it is
 *   the Nth XFF entry from the right, read before the gateway appends its own peer; if XFF has fewer
 *   than N entries, or that entry is not an IP address, it falls back to the direct peer.
 * - Sidecars run with `use_remote_address: false` and no trusted hops (Istio sets hops only on
 *   gateways), so the remote address is the last XFF entry when it is an IP address, else the peer.
 *   This honours a client-supplied XFF.
 *
 * Entries are split on `,` and trimmed of ASCII whitespace (Envoy `StringUtil::ltrim`/`rtrim`); repeated XFF headers are expected to be
 * joined with `,` already.
 */
export function remoteAddress(
  directPeer: string,
  xff: string | undefined,
  numTrustedProxies: number,
  atGateway: boolean,
): string {
  if (xff === undefined) return directPeer;
  if (atGateway) {
    if (numTrustedProxies <= 0) return directPeer;
    return xffEntryFromRight(xff, numTrustedProxies - 1) ?? directPeer;
  }
  return xffEntryFromRight(xff, 0) ?? directPeer;
}

/** The XFF entry after skipping `skip` entries from the right, when it is an IP address. */
function xffEntryFromRight(xff: string, skip: number): string | undefined {
  let end = xff.length;
  for (let i = 0; i < skip; i++) {
    const comma = xff.lastIndexOf(',', end - 1);
    if (comma === -1 || end === 0) return undefined;
    end = comma;
  }
  const comma = end === 0 ? -1 : xff.lastIndexOf(',', end - 1);
  const entry = xff.slice(comma + 1, end).replace(/^[ \t\f\v\n\r]+|[ \t\f\v\n\r]+$/g, '');
  return isIpAddress(entry) ? entry : undefined;
}
