import type { Resource } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, props, provisioningState, rowFields } from './common.ts';

interface VaultProperties {
  provisioningState: string;
  sku: { name?: string };
  vaultUri: string;
  enableSoftDelete: boolean;
  enablePurgeProtection: boolean;
  enableRbacAuthorization: boolean;
  publicNetworkAccess: string;
  networkAcls: { defaultAction?: string };
}

/** What a vault's keys say about rotation (an ARM keys list per vault: Graph has no keys). */
export interface VaultKeysInfo {
  keyCount: number;
  keysWithoutRotation: number;
}

/**
 * A Key Vault, Azure's `security.key`. `rotationEnabled` is true when every key in it has a
 * rotation policy with a rotate action (undefined when the keys could not be listed);
 * `public`: reachable from any network (public access on, firewall default Allow).
 */
export function normaliseKeyVault(row: GraphRow, keys?: VaultKeysInfo): Resource[] {
  const p = props<VaultProperties>(row);
  const publicAccess = (p.publicNetworkAccess ?? 'Enabled').toLowerCase() !== 'disabled';
  return [
    makeResource({
      ...rowFields(row),
      state: provisioningState(p.provisioningState ?? 'Succeeded'),
      attributes: {
        sku: p.sku?.name,
        endpoint: p.vaultUri,
        softDelete: p.enableSoftDelete !== false,
        purgeProtection: p.enablePurgeProtection === true,
        rbacAuthorization: p.enableRbacAuthorization === true,
        publicNetworkAccess: p.publicNetworkAccess,
        public: publicAccess && (p.networkAcls?.defaultAction ?? 'Allow').toLowerCase() === 'allow',
        keyCount: keys?.keyCount,
        keysWithoutRotation: keys?.keysWithoutRotation,
        rotationEnabled: keys ? keys.keysWithoutRotation === 0 : undefined,
      },
      relationships: [],
    }),
  ];
}
