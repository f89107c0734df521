import type { Resource, ResourceState } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, props, rowFields } from './common.ts';

interface FlexProperties {
  state: string;
  version: string;
  minorVersion: string;
  fullyQualifiedDomainName: string;
  availabilityZone: string;
  storage: { storageSizeGB?: number };
  backup: { backupRetentionDays?: number; geoRedundantBackup?: string };
  network: { publicNetworkAccess?: string; delegatedSubnetResourceId?: string };
  highAvailability: { mode?: string };
  dataEncryption: { type?: string };
}

const STATE: Readonly<Record<string, ResourceState>> = {
  ready: 'running',
  updating: 'running',
  starting: 'starting',
  stopping: 'stopping',
  stopped: 'stopped',
  dropping: 'deleting',
  disabled: 'stopped',
  provisioning: 'pending',
  restarting: 'pending',
};

/** Azure's least backup retention per engine: what a server has when nobody chose more. */
const MIN_RETENTION: Readonly<Record<string, number>> = { postgres: 7, mysql: 1 };

/**
 * A PostgreSQL or MySQL flexible server. Always encrypted at rest (service- or customer-managed
 * key), so `encrypted` is true. Backups cannot be turned off on flexible servers; `backupEnabled`
 * is false when the server keeps only the engine's minimum retention (7 days PostgreSQL, 1 day
 * MySQL) with no geo-redundant copy — the Azure reading of database.instance.no-backup.
 * `public`: public network access is enabled. size = SKU name (Standard_D2ds_v4).
 */
export function normaliseFlexibleServer(row: GraphRow): Resource[] {
  const p = props<FlexProperties>(row);
  const engine = row.type.toLowerCase().includes('postgresql') ? 'postgres' : 'mysql';
  const retention = p.backup?.backupRetentionDays;
  const geo = (p.backup?.geoRedundantBackup ?? '').toLowerCase() === 'enabled';
  const subnet = p.network?.delegatedSubnetResourceId;
  return [
    makeResource({
      ...rowFields(row),
      zone: p.availabilityZone || undefined,
      state: STATE[(p.state ?? '').toLowerCase()] ?? 'unknown',
      attributes: {
        engine,
        engineVersion: p.version,
        size: row.sku?.name,
        tier: row.sku?.tier,
        storageGb: p.storage?.storageSizeGB,
        public: (p.network?.publicNetworkAccess ?? '').toLowerCase() === 'enabled',
        endpoint: p.fullyQualifiedDomainName,
        encrypted: true,
        customerManagedKey: (p.dataEncryption?.type ?? '').toLowerCase() === 'azurekeyvault',
        backupRetentionDays: retention,
        geoRedundantBackup: geo,
        backupEnabled: retention === undefined ? undefined : geo || retention > MIN_RETENTION[engine]!,
        highAvailability: (p.highAvailability?.mode ?? 'Disabled').toLowerCase() !== 'disabled',
        nativeState: p.state,
        subnetId: subnet,
      },
      // The delegated subnet is an attribute, not a relationship: hub networks often sit in another
      // subscription, and in the simulator's estate it is not generated at all.
      relationships: [],
    }),
  ];
}
