import type { ServiceSpec } from '@escher/provider-api';

/**
 * What the Azure provider discovers, as the scanner's fan-out units. All are global: Resource
 * Graph answers for a whole subscription in one paged query, and ARM's read quota is per
 * subscription, not per region, so splitting by region would only multiply calls.
 *
 * - `resourcegraph`: everything Resource Graph describes completely — VMs (power state included),
 *   disks, snapshots, networks and subnets, NSGs, load balancers, public IPs, flexible servers,
 *   SQL databases, function apps, AKS clusters, managed identities. One paged query for the NICs
 *   and public IPs that tie VMs to networks, then one paged query for the rest, streamed page by
 *   page. (ARM is asked only for the odd row Graph has not filled in yet.)
 * - `storage`: storage accounts from Graph plus one ARM call per account for blob versioning,
 *   which Graph lacks.
 * - `keyvault`: vaults from Graph plus one ARM keys list per vault for rotation policies.
 *
 * The two ARM-heavy families are separate services so their per-resource calls (which draw on ARM's
 * per-subscription bucket) run beside the Graph paging (which draws on Graph's own quota), and so
 * a failure in either leaves the rest of the inventory intact.
 */
export const SERVICES: readonly ServiceSpec[] = [
  {
    id: 'resourcegraph',
    types: [
      'compute.instance',
      'compute.volume',
      'compute.snapshot',
      'network.vpc',
      'network.subnet',
      'network.firewall',
      'network.loadbalancer',
      'network.ip',
      'database.instance',
      'serverless.function',
      'container.cluster',
      'iam.role',
    ],
    global: true,
  },
  { id: 'storage', types: ['storage.bucket'], global: true },
  { id: 'keyvault', types: ['security.key'], global: true },
];

/**
 * What this provider can do, for the registry and the UI: discovery through Resource Graph, CPU
 * metrics from Azure Monitor, the credential kinds it accepts.
 */
export const CAPABILITIES: readonly string[] = [
  'discover',
  'discover:resource-graph',
  'metrics:cpu',
  'credentials:service-principal',
  'credentials:cli',
  'credentials:default',
  'endpoint-override',
];
