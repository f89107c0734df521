import type { Resource } from '@escher/protocol';
import type { ServiceSpec } from '@escher/provider-api';
import { listAddresses } from './compute/list-addresses.ts';
import { listDisks } from './compute/list-disks.ts';
import { listFirewalls } from './compute/list-firewalls.ts';
import { listForwardingRules } from './compute/list-forwarding-rules.ts';
import { listInstances } from './compute/list-instances.ts';
import { listNetworks } from './compute/list-networks.ts';
import { listSnapshots } from './compute/list-snapshots.ts';
import { listSubnetworks } from './compute/list-subnetworks.ts';
import { listClusters } from './container/list-clusters.ts';
import type { GcpContext } from './context.ts';
import { discoverFunctions } from './functions/discover-functions.ts';
import { listServiceAccounts } from './iam/list-service-accounts.ts';
import { discoverCryptoKeys } from './kms/discover-crypto-keys.ts';
import { listSqlInstances } from './sql/list-sql-instances.ts';
import { listBuckets } from './storage/list-buckets.ts';

/** A discovery unit of the GCP provider: what it finds and the operation that finds it. */
export interface GcpService extends ServiceSpec {
  discover(ctx: GcpContext): AsyncIterable<Resource[]>;
}

/**
 * Every GCP service the provider discovers, one entry per API collection, all `global`: Google's
 * quotas are per project and API (not per region), and one aggregated or `locations/-` list
 * covers every zone and region of a project, so a per-region fan-out would only multiply calls.
 * Each resource still carries its real region and zone.
 */
export const GCP_SERVICES: readonly GcpService[] = [
  { id: 'compute.instances', types: ['compute.instance'], global: true, discover: listInstances },
  { id: 'compute.disks', types: ['compute.volume'], global: true, discover: listDisks },
  { id: 'compute.snapshots', types: ['compute.snapshot'], global: true, discover: listSnapshots },
  { id: 'compute.networks', types: ['network.vpc'], global: true, discover: listNetworks },
  { id: 'compute.subnetworks', types: ['network.subnet'], global: true, discover: listSubnetworks },
  { id: 'compute.firewalls', types: ['network.firewall'], global: true, discover: listFirewalls },
  {
    id: 'compute.forwardingRules',
    types: ['network.loadbalancer'],
    global: true,
    discover: listForwardingRules,
  },
  { id: 'compute.addresses', types: ['network.ip'], global: true, discover: listAddresses },
  { id: 'storage.buckets', types: ['storage.bucket'], global: true, discover: listBuckets },
  { id: 'sqladmin.instances', types: ['database.instance'], global: true, discover: listSqlInstances },
  { id: 'container.clusters', types: ['container.cluster'], global: true, discover: listClusters },
  {
    id: 'cloudfunctions.functions',
    types: ['serverless.function'],
    global: true,
    discover: discoverFunctions,
  },
  { id: 'cloudkms.cryptoKeys', types: ['security.key'], global: true, discover: discoverCryptoKeys },
  { id: 'iam.serviceAccounts', types: ['iam.role'], global: true, discover: listServiceAccounts },
];

/** What the GCP provider can do (static, for the provider registry). */
export const GCP_CAPABILITIES: readonly string[] = [
  'accounts:projects',
  ...GCP_SERVICES.flatMap((s) => s.types.map((t) => `discover:${t}`)),
  'metrics:cpu',
];
