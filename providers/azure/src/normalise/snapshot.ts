import type { Resource } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, props, provisioningState, relationships, rowFields } from './common.ts';
import { customerEncrypted, type DiskLikeProperties } from './disk.ts';

/**
 * A disk snapshot. `public` is true when it can be exported from anywhere: public network access
 * enabled with network access policy AllowAll (SAS export from the Internet). Attributes: size in
 * GiB, sku, incremental, encrypted, sourceId; relationship snapshot-of the source disk.
 */
export function normaliseSnapshot(row: GraphRow): Resource[] {
  const p = props<DiskLikeProperties>(row);
  const source = p.creationData?.sourceResourceId;
  return [
    makeResource({
      ...rowFields(row),
      state: provisioningState(p.provisioningState),
      createdAt: p.timeCreated,
      attributes: {
        size: p.diskSizeGB,
        sku: row.sku?.name,
        incremental: p.incremental,
        // Absent means ARM's defaults: Enabled and AllowAll.
        public:
          (p.publicNetworkAccess ?? 'Enabled').toLowerCase() === 'enabled' &&
          (p.networkAccessPolicy ?? 'AllowAll').toLowerCase() === 'allowall',
        networkAccessPolicy: p.networkAccessPolicy,
        encrypted: customerEncrypted(p),
        encryptionType: p.encryption?.type,
        sourceId: source,
        osType: p.osType,
      },
      relationships: relationships('snapshot-of', [source]),
    }),
  ];
}
