/**
 * The Azure estate generator.
 *
 * Native ids (SPEC section 3) are ARM resource IDs, exactly as ARM returns them:
 * - `/subscriptions/{subscriptionId}/resourceGroups/{group}/providers/{Namespace/type}/{name}` for every
 *   resource (virtualMachines, disks, snapshots, networkSecurityGroups, publicIPAddresses,
 *   virtualNetworks, loadBalancers, storageAccounts, DBforPostgreSQL/MySQL flexibleServers, Web/sites,
 *   managedClusters, KeyVault vaults, userAssignedIdentities);
 * - subnets: `/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/virtualNetworks/{v}/subnets/{name}`;
 * - subscription ids are deterministic v4-shaped GUIDs from the seed;
 * - cost anomalies: `azure:{subscriptionId}:{service name}:{YYYY-MM-DD}` (the manifest's convention).
 */
import { split } from '../estate/size.ts';
import { generateCostHistory } from '../estate/cost.ts';
import type { GenerateInput } from '../estate/estate.ts';
import { AZURE_TENANT_ID } from './constants.ts';
import { emptyAzureEstate, type AzureEstate } from './estate.ts';
import { generateVms } from './gen/compute.ts';
import type { AzureGenContext } from './gen/context.ts';
import { generateFlexServers, generateStorageAccounts } from './gen/data.ts';
import { AZURE_REGIONS, generateSubscriptions } from './gen/groups.ts';
import { generateLoadBalancers } from './gen/load-balancers.ts';
import { generateNetworks } from './gen/network.ts';
import { generateClusters, generateSites } from './gen/platform.ts';
import { generateIdentities, generateVaults } from './gen/security.ts';
import { generateSnapshots } from './gen/snapshots.ts';

/**
 * Share of the estate taken by the kinds generated directly. Disks (≈2 per VM), public IPs and
 * subnets come with them and fill the remaining ≈40 %.
 */
const PRIMARY_WEIGHTS = {
  vms: 13,
  snapshots: 9,
  vnets: 3,
  nsgs: 7,
  lbs: 2,
  storage: 7,
  postgres: 3,
  mysql: 2,
  functions: 6,
  aks: 1.5,
  vaults: 3,
  identities: 4.5,
} as const;
const PRIMARY_SHARE = 0.6;

export const AZURE_COST_SERVICES = [
  { name: 'Virtual Machines', dailyUsd: 180 },
  { name: 'Storage', dailyUsd: 40 },
  { name: 'Azure Database for PostgreSQL', dailyUsd: 55 },
  { name: 'Azure Database for MySQL', dailyUsd: 25 },
  { name: 'Bandwidth', dailyUsd: 12 },
  { name: 'Virtual Network', dailyUsd: 8 },
  { name: 'Load Balancer', dailyUsd: 6 },
  { name: 'Azure Kubernetes Service', dailyUsd: 30 },
  { name: 'Functions', dailyUsd: 10 },
  { name: 'Azure App Service', dailyUsd: 20 },
  { name: 'Key Vault', dailyUsd: 3 },
  { name: 'Azure Monitor', dailyUsd: 9 },
] as const;

export function generateAzure(input: GenerateInput): AzureEstate {
  const { plan, manifest } = input;
  const az = emptyAzureEstate(AZURE_TENANT_ID);
  az.regions = AZURE_REGIONS.slice(0, Math.min(plan.regions.azure, AZURE_REGIONS.length));
  for (const region of az.regions) manifest.region('azure', region);
  const ctx: AzureGenContext = {
    rng: input.rng,
    epoch: input.epoch,
    manifest,
    az,
    groups: [],
    seq: new Map(),
  };
  const total = plan.resources.azure;
  const perSubscription = total / plan.accounts.azure;
  generateSubscriptions(ctx, plan.accounts.azure, az.regions, Math.max(3, Math.round(perSubscription / 12)));

  const n = split(Math.round(total * PRIMARY_SHARE), PRIMARY_WEIGHTS, 1);
  const net = generateNetworks(ctx, Math.max(n.vnets, plan.accounts.azure), n.nsgs);
  generateVms(ctx, n.vms, net);
  generateLoadBalancers(ctx, n.lbs);
  generateSnapshots(ctx, n.snapshots);
  generateStorageAccounts(ctx, n.storage);
  generateFlexServers(ctx, 'postgres', n.postgres);
  generateFlexServers(ctx, 'mysql', n.mysql);
  generateSites(ctx, n.functions);
  generateClusters(ctx, n.aks);
  generateVaults(ctx, n.vaults);
  generateIdentities(ctx, n.identities);

  const scale = Math.max(1, perSubscription / 60);
  az.cost = generateCostHistory(
    input.rng.fork('cost'),
    {
      cloud: 'azure',
      accounts: az.subscriptions.map((s) => s.subscriptionId),
      services: AZURE_COST_SERVICES.map((s) => ({ name: s.name, dailyUsd: s.dailyUsd * scale })),
      epoch: input.epoch,
      days: 120,
      anomalies: Math.max(2, plan.accounts.azure),
    },
    manifest,
  );
  return az;
}
