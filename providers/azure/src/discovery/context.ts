import type { CallOptions } from '../arm/call.ts';
import type { AzureClients } from '../clients.ts';
import type { GraphRow } from '../resource-graph/graph-row.ts';

/** What one discovery scope works with: the clients, the subscription, the gate and signal. */
export interface DiscoveryContext {
  clients: AzureClients;
  subscriptionId: string;
  options: CallOptions;
}

/** ARM calls in flight per scope for per-resource lookups; the gate paces them further. */
export const ARM_CONCURRENCY = 8;

/** Resource group (as in the id, original casing) and name, which ARM's per-resource calls need. */
export function armTarget(row: GraphRow): { resourceGroup: string; name: string; kind: string | null } {
  return { resourceGroup: row.id.split('/')[4] ?? row.resourceGroup, name: row.name, kind: row.kind };
}
