import type { IdentityRecord, VaultKey, VaultRecord } from '../records.ts';
import { T } from '../records.ts';
import { compact, envelope, guidOf, iso } from './common.ts';

export function renderVault(v: VaultRecord): Record<string, unknown> {
  const out = envelope(v, T.vault);
  out['systemData'] = { createdAt: iso(v.createdAt), lastModifiedAt: iso(v.createdAt) };
  out['properties'] = compact({
    sku: { family: 'A', name: v.skuName },
    tenantId: v.tenantId,
    accessPolicies: [],
    enabledForDeployment: false,
    enabledForDiskEncryption: false,
    enabledForTemplateDeployment: false,
    enableSoftDelete: v.softDelete,
    softDeleteRetentionInDays: v.softDelete ? 90 : undefined,
    enableRbacAuthorization: v.rbac,
    enablePurgeProtection: v.purgeProtection ? true : undefined,
    vaultUri: `https://${v.name}.vault.azure.net/`,
    provisioningState: 'Succeeded',
    publicNetworkAccess: v.publicNetworkAccess,
  });
  return out;
}

/**
 * A key as the ARM keys API returns it. `rotationPolicy` is present only for keys that have one
 * with a `rotate` lifetime action; keys without it are the security.key.no-rotation finding.
 */
export function renderKey(v: VaultRecord, k: VaultKey): Record<string, unknown> {
  const version = guidOf(`${v.id}/keys/${k.name}`).replace(/-/g, '');
  const created = Math.floor(k.createdAt / 1000);
  const properties: Record<string, unknown> = {
    attributes: {
      enabled: true,
      created,
      updated: created,
      recoveryLevel: v.softDelete ? 'Recoverable+Purgeable' : 'Purgeable',
      exportable: false,
    },
    kty: k.kty,
    keyOps:
      k.kty === 'EC' ? ['sign', 'verify'] : ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey'],
    keyUri: `https://${v.name}.vault.azure.net/keys/${k.name}`,
    keyUriWithVersion: `https://${v.name}.vault.azure.net/keys/${k.name}/${version}`,
  };
  if (k.kty === 'EC') properties['curveName'] = 'P-256';
  else properties['keySize'] = 2048;
  if (k.rotation) {
    properties['rotationPolicy'] = {
      attributes: { created, updated: created, expiryTime: 'P1Y' },
      lifetimeActions: [
        { trigger: { timeAfterCreate: 'P90D' }, action: { type: 'rotate' } },
        { trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'notify' } },
      ],
    };
  }
  return {
    id: `${v.id}/keys/${k.name}`,
    name: k.name,
    type: 'Microsoft.KeyVault/vaults/keys',
    location: v.location,
    properties,
  };
}

export function renderIdentity(i: IdentityRecord): Record<string, unknown> {
  const out = envelope(i, T.identity);
  out['properties'] = { tenantId: i.tenantId, principalId: i.principalId, clientId: i.clientId };
  return out;
}
