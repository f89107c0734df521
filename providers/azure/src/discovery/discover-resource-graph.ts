import type { Resource } from '@escher/protocol';
import { NetworkIndex } from '../normalise/network-index.ts';
import { GRAPH_NORMALISERS, normaliseRow } from '../normalise/normalise-row.ts';
import { normalisePublicIp } from '../normalise/public-ip.ts';
import { resourcesQuery } from '../resource-graph/graph-row.ts';
import { queryResources } from '../resource-graph/query-resources.ts';
import type { DiscoveryContext } from './context.ts';
import { fillGaps } from './fill-gaps.ts';

const NIC = 'microsoft.network/networkinterfaces';
const PIP = 'microsoft.network/publicipaddresses';
const SITES = 'microsoft.web/sites';

/** NICs (not SPEC resources) and public IPs: what VMs, load balancers and IPs are joined through. */
const NETWORK_QUERY = resourcesQuery([NIC, PIP]);

/** Everything else the service reads; sites only when they are function apps. */
const MAIN_QUERY = resourcesQuery(
  Object.keys(GRAPH_NORMALISERS).filter((t) => ![PIP, SITES].includes(t.toLowerCase())),
  `(type =~ '${SITES}' and kind contains 'functionapp')`,
);

/**
 * The `resourcegraph` service for one subscription. First the network plumbing (NICs and public
 * IPs, held in memory as a small index; the public IPs are yielded once it is complete), then
 * every other type, normalised and yielded page by page as Graph returns them.
 */
export async function* discoverResourceGraph(ctx: DiscoveryContext): AsyncGenerator<Resource[]> {
  const network = new NetworkIndex();
  const pips = [];
  for await (const rows of queryResources(ctx.clients, ctx.subscriptionId, NETWORK_QUERY, ctx.options)) {
    for (const row of rows) {
      if (row.type.toLowerCase() === NIC) network.addNic(row);
      else {
        network.addPip(row);
        pips.push(row);
      }
    }
  }
  if (pips.length > 0) yield pips.flatMap((row) => normalisePublicIp(row, network));
  for await (const rows of queryResources(ctx.clients, ctx.subscriptionId, MAIN_QUERY, ctx.options)) {
    await fillGaps(ctx, rows);
    const page = rows.flatMap((row) => normaliseRow(row, network));
    if (page.length > 0) yield page;
  }
}
