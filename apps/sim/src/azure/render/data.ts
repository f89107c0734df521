import type { SimClock } from '../../core/clock.ts';
import { settle } from '../../core/transition.ts';
import type { FlexServerRecord, StorageRecord } from '../records.ts';
import { T } from '../records.ts';
import { compact, envelope, iso, regionDisplay } from './common.ts';

const PAIRED: Readonly<Record<string, string>> = {
  eastus: 'westus',
  eastus2: 'centralus',
  westus2: 'westcentralus',
  centralus: 'eastus2',
  westeurope: 'northeurope',
  northeurope: 'westeurope',
  uksouth: 'ukwest',
  southeastasia: 'eastasia',
  australiaeast: 'australiasoutheast',
  japaneast: 'japanwest',
  canadacentral: 'canadaeast',
  francecentral: 'francesouth',
};

export function renderStorageAccount(s: StorageRecord): Record<string, unknown> {
  const geo = /GRS/.test(s.sku);
  const out = envelope(s, T.storage);
  out['sku'] = { name: s.sku, tier: s.sku.startsWith('Premium') ? 'Premium' : 'Standard' };
  out['kind'] = s.kind;
  const enabledSince = iso(s.createdAt);
  const endpoint = (service: string): string => `https://${s.name}.${service}.core.windows.net/`;
  out['properties'] = compact({
    dnsEndpointType: 'Standard',
    defaultToOAuthAuthentication: false,
    publicNetworkAccess: s.publicNetworkAccess,
    keyCreationTime: { key1: enabledSince, key2: enabledSince },
    allowCrossTenantReplication: false,
    privateEndpointConnections: [],
    minimumTlsVersion: s.minimumTlsVersion,
    allowBlobPublicAccess: s.allowBlobPublicAccess,
    allowSharedKeyAccess: true,
    isHnsEnabled: s.isHnsEnabled,
    networkAcls: {
      bypass: 'AzureServices',
      virtualNetworkRules: [],
      ipRules: [],
      defaultAction: s.publicNetworkAccess === 'Enabled' ? 'Allow' : 'Deny',
    },
    supportsHttpsTrafficOnly: s.httpsOnly,
    encryption: compact({
      requireInfrastructureEncryption: false,
      services: {
        file: {
          keyType: 'Account',
          enabled: s.blobEncryption,
          lastEnabledTime: s.blobEncryption ? enabledSince : undefined,
        },
        blob: {
          keyType: 'Account',
          enabled: s.blobEncryption,
          lastEnabledTime: s.blobEncryption ? enabledSince : undefined,
        },
      },
      keySource: s.keySource,
      keyvaultproperties:
        s.keySource === 'Microsoft.Keyvault'
          ? { keyname: 'cmk-storage', keyvaulturi: `https://kv-${s.name.slice(0, 18)}.vault.azure.net/` }
          : undefined,
    }),
    accessTier: s.kind === 'Storage' ? undefined : s.accessTier,
    provisioningState: 'Succeeded',
    creationTime: iso(s.createdAt),
    primaryEndpoints: {
      dfs: endpoint('dfs'),
      web: endpoint('z13.web'),
      blob: endpoint('blob'),
      queue: endpoint('queue'),
      table: endpoint('table'),
      file: endpoint('file'),
    },
    primaryLocation: s.location,
    statusOfPrimary: 'available',
    secondaryLocation: geo ? (PAIRED[s.location] ?? s.location) : undefined,
    statusOfSecondary: geo ? 'available' : undefined,
  });
  return out;
}

export function renderBlobService(s: StorageRecord): Record<string, unknown> {
  return {
    sku: { name: s.sku, tier: s.sku.startsWith('Premium') ? 'Premium' : 'Standard' },
    id: `${s.id}/blobServices/default`,
    name: 'default',
    type: 'Microsoft.Storage/storageAccounts/blobServices',
    properties: {
      cors: { corsRules: [] },
      deleteRetentionPolicy: { allowPermanentDelete: false, enabled: true, days: 7 },
      isVersioningEnabled: s.versioning,
      changeFeed: { enabled: s.versioning },
      containerDeleteRetentionPolicy: { enabled: true, days: 7 },
    },
  };
}

/** Flexible servers return `location` as the region's display name ("East US"), as ARM does. */
export function renderFlexServer(f: FlexServerRecord, clock: SimClock): Record<string, unknown> {
  const state = settle(f.state, clock).state;
  const pg = f.type === T.postgres;
  const out = envelope(f, f.type, regionDisplay(f.location));
  out['sku'] = { name: f.skuName, tier: f.tier };
  out['systemData'] = { createdAt: iso(f.createdAt) };
  const earliestRestore = iso(Math.max(f.createdAt, clock.now() - f.backupRetentionDays * 86_400_000));
  out['properties'] = compact({
    dataEncryption: f.customerKey
      ? { type: 'AzureKeyVault', primaryKeyURI: `https://kv-${f.name.slice(0, 16)}.vault.azure.net/keys/cmk` }
      : { type: 'SystemManaged' },
    storage: pg
      ? { iops: 500, tier: 'P10', storageSizeGB: f.storageGb, autoGrow: 'Disabled', type: '' }
      : {
          storageSizeGB: f.storageGb,
          iops: 396,
          autoGrow: 'Enabled',
          autoIoScaling: 'Disabled',
          storageSku: 'Premium_LRS',
          logOnDisk: 'Disabled',
        },
    authConfig: pg ? { activeDirectoryAuth: 'Disabled', passwordAuth: 'Enabled' } : undefined,
    fullyQualifiedDomainName: `${f.name}.${pg ? 'postgres' : 'mysql'}.database.azure.com`,
    version: f.version,
    minorVersion: pg ? '12' : undefined,
    administratorLogin: f.administratorLogin,
    state,
    availabilityZone: f.zone,
    backup: {
      backupRetentionDays: f.backupRetentionDays,
      geoRedundantBackup: f.geoRedundantBackup ? 'Enabled' : 'Disabled',
      earliestRestoreDate: earliestRestore,
    },
    network: f.publicAccess
      ? { publicNetworkAccess: 'Enabled' }
      : f.privateEndpointOnly
        ? { publicNetworkAccess: 'Disabled' }
        : {
            publicNetworkAccess: 'Disabled',
            delegatedSubnetResourceId: `${f.id.replace(/\/providers\/.*$/, '')}/providers/Microsoft.Network/virtualNetworks/vnet-data/subnets/snet-${pg ? 'postgres' : 'mysql'}`,
            privateDnsZoneArmResourceId: `${f.id.replace(/\/resourceGroups\/.*$/, '')}/resourceGroups/${f.resourceGroup}/providers/Microsoft.Network/privateDnsZones/${f.name}.private.${pg ? 'postgres' : 'mysql'}.database.azure.com`,
          },
    highAvailability: f.highAvailability
      ? {
          mode: 'ZoneRedundant',
          state: state === 'Ready' ? 'Healthy' : 'NotEnabled',
          standbyAvailabilityZone: f.zone === '1' ? '2' : '1',
        }
      : { mode: 'Disabled', state: 'NotEnabled' },
    maintenanceWindow: { customWindow: 'Disabled', dayOfWeek: 0, startHour: 0, startMinute: 0 },
    replicationRole: pg ? 'Primary' : 'None',
    replicaCapacity: pg ? 5 : 10,
  });
  return out;
}
