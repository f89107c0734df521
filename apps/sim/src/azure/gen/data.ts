import { envToken } from '../../estate/naming.ts';
import type { FlexServerRecord, StorageRecord } from '../records.ts';
import { T } from '../records.ts';
import { add, alnumName, base, draw, misconfig, nextSeq, place, type AzureGenContext } from './context.ts';

/**
 * Storage accounts. Misconfigurations: allowBlobPublicAccess true (storage.bucket.public), blob
 * encryption service disabled (storage.bucket.unencrypted), blob versioning off
 * (storage.bucket.no-versioning, visible through blobServices/default).
 */
export function generateStorageAccounts(ctx: AzureGenContext, count: number): void {
  const rng = ctx.rng.fork('storage');
  for (let i = 0; i < count; i++) {
    const { g, location } = place(ctx, rng);
    const seq = nextSeq(ctx, 'storage');
    const name = rng.chance(0.6)
      ? alnumName(['st', g.app, envToken(rng, g.env)], String(seq).padStart(3, '0'))
      : alnumName([g.app, 'data'], `${rng.hex(4)}${seq}`);
    const b = base(ctx, rng, g, location, T.storage, name);
    const isPublic = draw(rng, 'storage.bucket.public');
    const unencrypted = draw(rng, 'storage.bucket.unencrypted');
    const noVersioning = draw(rng, 'storage.bucket.no-versioning');
    const account: StorageRecord = {
      ...b,
      type: T.storage,
      kind: rng.weighted([
        ['StorageV2', 90],
        ['BlobStorage', 5],
        ['Storage', 5],
      ] as const),
      sku: rng.pick(['Standard_LRS', 'Standard_GRS', 'Standard_RAGRS', 'Standard_ZRS', 'Premium_LRS']),
      accessTier: rng.chance(0.8) ? 'Hot' : 'Cool',
      allowBlobPublicAccess: isPublic,
      blobEncryption: !unencrypted,
      keySource: !unencrypted && rng.chance(0.25) ? 'Microsoft.Keyvault' : 'Microsoft.Storage',
      versioning: !noVersioning,
      minimumTlsVersion: rng.chance(0.9) ? 'TLS1_2' : 'TLS1_0',
      httpsOnly: rng.chance(0.95),
      publicNetworkAccess: rng.chance(0.8) ? 'Enabled' : 'Disabled',
      isHnsEnabled: g.app === 'datalake' || rng.chance(0.1),
    };
    add(ctx, account, 'storage.bucket');
    if (isPublic) misconfig(ctx, 'storage.bucket.public', account.id);
    if (unencrypted) misconfig(ctx, 'storage.bucket.unencrypted', account.id);
    if (noVersioning) misconfig(ctx, 'storage.bucket.no-versioning', account.id);
  }
}

const PG_VERSIONS = ['11', '12', '13', '14', '15', '16'];
const MYSQL_VERSIONS = ['5.7', '8.0.21'];
const FLEX_SKUS = [
  { skuName: 'Standard_B1ms', tier: 'Burstable' },
  { skuName: 'Standard_B2s', tier: 'Burstable' },
  { skuName: 'Standard_D2ds_v4', tier: 'GeneralPurpose' },
  { skuName: 'Standard_D4ds_v5', tier: 'GeneralPurpose' },
  { skuName: 'Standard_E4ds_v4', tier: 'MemoryOptimized' },
] as const;

/**
 * PostgreSQL / MySQL flexible servers. Misconfigurations: publicNetworkAccess Enabled
 * (database.instance.public); minimum backup retention (PostgreSQL 7 days, MySQL 1 day) without
 * geo-redundant backup (database.instance.no-backup). Flexible servers are always encrypted at rest,
 * so database.instance.unencrypted does not apply on Azure.
 */
export function generateFlexServers(ctx: AzureGenContext, engine: 'postgres' | 'mysql', count: number): void {
  const rng = ctx.rng.fork(engine);
  const type = engine === 'postgres' ? T.postgres : T.mysql;
  for (let i = 0; i < count; i++) {
    const { g, location } = place(ctx, rng);
    const seq = nextSeq(ctx, engine);
    const stem = engine === 'postgres' ? 'psql' : 'mysql';
    const name = rng.chance(0.5)
      ? `${stem}-${g.app}-${envToken(rng, g.env)}-${seq}`
      : `${g.app}-${engine === 'postgres' ? 'pg' : 'db'}-${seq}`;
    const b = base(ctx, rng, g, location, type, name);
    const isPublic = draw(rng, 'database.instance.public');
    const noBackup = draw(rng, 'database.instance.no-backup');
    const sku = rng.pick(FLEX_SKUS);
    const server: FlexServerRecord = {
      ...b,
      type,
      version: rng.pick(engine === 'postgres' ? PG_VERSIONS : MYSQL_VERSIONS),
      skuName: sku.skuName,
      tier: sku.tier,
      state: { state: rng.chance(0.85) ? 'Ready' : 'Stopped' },
      publicAccess: isPublic,
      backupRetentionDays: noBackup ? (engine === 'postgres' ? 7 : 1) : rng.int(14, 35),
      geoRedundantBackup: !noBackup && rng.chance(0.4),
      storageGb: rng.pick([32, 64, 128, 256, 512]),
      administratorLogin: rng.pick(['pgadmin', 'dbadmin', 'sqladmin', 'adminuser']),
      zone: String(rng.int(1, 3)),
      highAvailability: g.env === 'prod' && rng.chance(0.5),
      customerKey: rng.chance(0.2),
    };
    add(ctx, server, 'database.instance');
    if (isPublic) misconfig(ctx, 'database.instance.public', server.id);
    if (noBackup) misconfig(ctx, 'database.instance.no-backup', server.id);
  }
}
