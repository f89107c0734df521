import type { Resource, ResourceState } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, props, provisioningState, rowFields } from './common.ts';

interface StorageProperties {
  provisioningState: string;
  creationTime: string;
  statusOfPrimary: string;
  allowBlobPublicAccess: boolean | null;
  publicNetworkAccess: string;
  supportsHttpsTrafficOnly: boolean;
  minimumTlsVersion: string;
  accessTier: string;
  isHnsEnabled: boolean;
  allowSharedKeyAccess: boolean | null;
  networkAcls: { defaultAction?: string };
  encryption: {
    keySource?: string;
    services?: { blob?: { enabled?: boolean } };
    requireInfrastructureEncryption?: boolean;
  };
}

/** What the blob service of an account says (an ARM call per account: Graph does not have it). */
export interface BlobServiceInfo {
  versioning?: boolean | undefined;
  deleteRetentionDays?: number | undefined;
}

/**
 * A storage account, Azure's bucket. `public`: anonymous blob access is allowed on the account
 * (`allowBlobPublicAccess`; ARM's documented default when absent is allowed). `encrypted`: the
 * blob service encrypts at rest. `versioning`: blob versioning, from the blob service (undefined
 * when it could not be read).
 */
export function normaliseStorageAccount(row: GraphRow, blob: BlobServiceInfo = {}): Resource[] {
  const p = props<StorageProperties>(row);
  const base = provisioningState(p.provisioningState);
  const state: ResourceState =
    base === 'available' && p.statusOfPrimary && p.statusOfPrimary.toLowerCase() !== 'available'
      ? 'failed'
      : base;
  return [
    makeResource({
      ...rowFields(row),
      state,
      createdAt: p.creationTime,
      attributes: {
        kind: row.kind || undefined,
        sku: row.sku?.name,
        accessTier: p.accessTier,
        public: p.allowBlobPublicAccess !== false,
        publicNetworkAccess: p.publicNetworkAccess,
        networkDefaultAction: p.networkAcls?.defaultAction,
        encrypted: p.encryption?.services?.blob?.enabled !== false,
        keySource: p.encryption?.keySource,
        customerManagedKey: (p.encryption?.keySource ?? '').toLowerCase() === 'microsoft.keyvault',
        versioning: blob.versioning,
        softDeleteDays: blob.deleteRetentionDays,
        httpsOnly: p.supportsHttpsTrafficOnly,
        minimumTlsVersion: p.minimumTlsVersion,
        sharedKeyAccess: p.allowSharedKeyAccess !== false,
        hierarchicalNamespace: p.isHnsEnabled,
      },
      relationships: [],
    }),
  ];
}
