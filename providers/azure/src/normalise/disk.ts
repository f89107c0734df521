import type { Resource, ResourceState } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, props, relationships, rowFields } from './common.ts';

/** Encryption and creation fields shared by managed disks and snapshots. */
export interface DiskLikeProperties {
  diskSizeGB: number;
  diskState: string;
  provisioningState: string;
  timeCreated: string;
  osType: string;
  incremental: boolean;
  networkAccessPolicy: string;
  publicNetworkAccess: string;
  creationData: { createOption?: string; sourceResourceId?: string };
  encryption: { type?: string; diskEncryptionSetId?: string };
  encryptionSettingsCollection: {
    enabled?: boolean;
    encryptionSettings?: { diskEncryptionKey?: { sourceVault?: { id?: string } } }[];
  };
}

/**
 * Whether the data is encrypted under a key the customer controls: a customer-managed key (disk
 * encryption set) or Azure Disk Encryption. Every managed disk has platform-key server-side
 * encryption, which CIS and Escher's `compute.volume.unencrypted` do not count; `encryptionType`
 * keeps ARM's value for anyone who wants the finer reading.
 */
export function customerEncrypted(p: Partial<DiskLikeProperties>): boolean {
  const type = (p.encryption?.type ?? '').toLowerCase();
  return type.includes('customerkey') || p.encryptionSettingsCollection?.enabled === true;
}

/** Key vaults holding Azure Disk Encryption keys for this disk; undefined when none. */
export function encryptionVaults(p: Partial<DiskLikeProperties>): string[] | undefined {
  const ids = (p.encryptionSettingsCollection?.encryptionSettings ?? [])
    .map((s) => s.diskEncryptionKey?.sourceVault?.id)
    .filter((id): id is string => !!id);
  return ids.length > 0 ? ids : undefined;
}

const DISK_STATE: Readonly<Record<string, ResourceState>> = {
  attached: 'in-use',
  reserved: 'in-use',
  unattached: 'available',
  activesas: 'available',
  activesasfrozen: 'available',
  frozen: 'available',
  readytoupload: 'pending',
  activeupload: 'pending',
};

/**
 * A managed disk. State: attached → in-use, unattached → available. Attributes: size in GiB,
 * sku, encrypted (customer key or ADE, see {@link customerEncrypted}), encryptionType,
 * attachedTo (the VM, from `managedBy`), osType.
 */
export function normaliseDisk(row: GraphRow): Resource[] {
  const p = props<DiskLikeProperties>(row);
  const deleting = (p.provisioningState ?? '').toLowerCase() === 'deleting';
  const attachedTo = row.managedBy || undefined;
  return [
    makeResource({
      ...rowFields(row),
      state: deleting
        ? 'deleting'
        : (DISK_STATE[(p.diskState ?? '').toLowerCase()] ?? (attachedTo ? 'in-use' : 'unknown')),
      createdAt: p.timeCreated,
      attributes: {
        size: p.diskSizeGB,
        sku: row.sku?.name,
        encrypted: customerEncrypted(p),
        encryptionType: p.encryption?.type,
        attachedTo,
        attached: attachedTo !== undefined,
        diskState: p.diskState,
        osType: p.osType,
        encryptionVaultIds: encryptionVaults(p),
      },
      // The ADE vault is an attribute, not a relationship: it often lives in another (shared
      // services) subscription, and in the simulator's estate it is not generated at all.
      relationships: relationships('attached-to', [attachedTo]),
    }),
  ];
}
