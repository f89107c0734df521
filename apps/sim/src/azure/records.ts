import type { Transitional } from '../core/transition.ts';
import type { CpuProfile } from '../estate/metrics.ts';

/** ARM resource types the simulator holds, spelt as ARM returns them. */
export const T = {
  vm: 'Microsoft.Compute/virtualMachines',
  disk: 'Microsoft.Compute/disks',
  snapshot: 'Microsoft.Compute/snapshots',
  nic: 'Microsoft.Network/networkInterfaces',
  nsg: 'Microsoft.Network/networkSecurityGroups',
  pip: 'Microsoft.Network/publicIPAddresses',
  vnet: 'Microsoft.Network/virtualNetworks',
  lb: 'Microsoft.Network/loadBalancers',
  storage: 'Microsoft.Storage/storageAccounts',
  postgres: 'Microsoft.DBforPostgreSQL/flexibleServers',
  mysql: 'Microsoft.DBforMySQL/flexibleServers',
  site: 'Microsoft.Web/sites',
  aks: 'Microsoft.ContainerService/managedClusters',
  vault: 'Microsoft.KeyVault/vaults',
  identity: 'Microsoft.ManagedIdentity/userAssignedIdentities',
} as const;

export type ArmType = (typeof T)[keyof typeof T];

/** What every ARM resource record carries. `id` keeps the case it was created with. */
export interface ArmBase {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  tags: Record<string, string>;
  /** ms since the epoch. */
  createdAt: number;
  /** Set while a delete runs; the record is removed once the simulator clock passes it. */
  deleteAt?: number | undefined;
}

export type VmPower = 'starting' | 'running' | 'stopping' | 'stopped' | 'deallocating' | 'deallocated';

export interface VmRecord extends ArmBase {
  type: typeof T.vm;
  vmId: string;
  size: string;
  zone?: string | undefined;
  osType: 'Linux' | 'Windows';
  image: { publisher: string; offer: string; sku: string };
  adminUsername: string;
  computerName: string;
  osDiskId: string;
  dataDiskIds: string[];
  nicIds: string[];
  power: Transitional<VmPower>;
  /** A resize or other update in flight: provisioningState is Updating until then. */
  updatingUntil?: number | undefined;
  cpu: CpuProfile;
}

export type DiskEncryption = 'platform' | 'customer' | 'ade';

export interface DiskRecord extends ArmBase {
  type: typeof T.disk;
  uniqueId: string;
  sku: string;
  sizeGb: number;
  osType?: 'Linux' | 'Windows' | undefined;
  /** The VM this disk is attached to. */
  managedBy?: string | undefined;
  zone?: string | undefined;
  encryption: DiskEncryption;
  /** Disk encryption set (customer-managed key) when `encryption` is customer. */
  diskEncryptionSetId?: string | undefined;
}

export interface SnapshotRecord extends ArmBase {
  type: typeof T.snapshot;
  uniqueId: string;
  sourceDiskId: string;
  sizeGb: number;
  osType?: 'Linux' | 'Windows' | undefined;
  incremental: boolean;
  /** publicNetworkAccess Enabled with networkAccessPolicy AllowAll. */
  publicAccess: boolean;
  sku: string;
  /** Set once a PUT or PATCH chose it; until then it follows `publicAccess`. */
  networkAccessPolicy?: 'AllowAll' | 'AllowPrivate' | 'DenyAll' | undefined;
  /** Set once a PUT or PATCH chose it; until then it follows `publicAccess`. */
  publicNetworkAccess?: 'Enabled' | 'Disabled' | undefined;
  /** Disk access resource, required with networkAccessPolicy AllowPrivate. */
  diskAccessId?: string | undefined;
}

export interface NicRecord extends ArmBase {
  type: typeof T.nic;
  vmId?: string | undefined;
  subnetId: string;
  privateIp: string;
  publicIpId?: string | undefined;
  nsgId?: string | undefined;
  mac: string;
  /** Load balancer backend pools this NIC's ipconfig belongs to. */
  backendPoolIds: string[];
}

export interface NsgRule {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol: 'Tcp' | 'Udp' | '*';
  sourceAddressPrefix: string;
  destinationPortRange: string;
  description?: string | undefined;
}

export interface NsgRecord extends ArmBase {
  type: typeof T.nsg;
  rules: NsgRule[];
  nicIds: string[];
  subnetIds: string[];
}

export interface PipRecord extends ArmBase {
  type: typeof T.pip;
  ip: string;
  allocation: 'Static' | 'Dynamic';
  sku: 'Standard' | 'Basic';
  /** The ipConfiguration (NIC, LB frontend, gateway) using this address; absent = unassociated. */
  ipConfigurationId?: string | undefined;
  zones?: string[] | undefined;
  domainLabel?: string | undefined;
}

export interface SubnetRecord {
  id: string;
  name: string;
  addressPrefix: string;
  nsgId?: string | undefined;
  nicIds: string[];
}

export interface VnetRecord extends ArmBase {
  type: typeof T.vnet;
  addressPrefix: string;
  subnets: SubnetRecord[];
}

export interface LbRule {
  name: string;
  protocol: 'Tcp' | 'Udp';
  frontendPort: number;
  backendPort: number;
}

export interface LbRecord extends ArmBase {
  type: typeof T.lb;
  sku: 'Standard' | 'Basic';
  publicIpId?: string | undefined;
  subnetId?: string | undefined;
  privateIp?: string | undefined;
  poolName: string;
  frontendName: string;
  backendNicIds: string[];
  rules: LbRule[];
}

export interface StorageRecord extends ArmBase {
  type: typeof T.storage;
  kind: 'StorageV2' | 'BlobStorage' | 'Storage';
  sku: string;
  accessTier: 'Hot' | 'Cool';
  allowBlobPublicAccess: boolean;
  /** encryption.services.blob.enabled */
  blobEncryption: boolean;
  keySource: 'Microsoft.Storage' | 'Microsoft.Keyvault';
  versioning: boolean;
  minimumTlsVersion: 'TLS1_0' | 'TLS1_2';
  httpsOnly: boolean;
  publicNetworkAccess: 'Enabled' | 'Disabled';
  isHnsEnabled: boolean;
}

export type FlexState = 'Ready' | 'Stopped' | 'Starting' | 'Stopping' | 'Updating';

export interface FlexServerRecord extends ArmBase {
  type: typeof T.postgres | typeof T.mysql;
  version: string;
  skuName: string;
  tier: 'Burstable' | 'GeneralPurpose' | 'MemoryOptimized';
  state: Transitional<FlexState>;
  publicAccess: boolean;
  backupRetentionDays: number;
  geoRedundantBackup: boolean;
  storageGb: number;
  administratorLogin: string;
  zone: string;
  highAvailability: boolean;
  customerKey: boolean;
  /**
   * Public access turned off by an update (PATCH network.publicNetworkAccess Disabled): reachable
   * through private endpoints only, unlike a server created into a delegated subnet.
   */
  privateEndpointOnly?: boolean | undefined;
}

export interface SiteRecord extends ArmBase {
  type: typeof T.site;
  kind: string;
  /** siteConfig.linuxFxVersion, e.g. PYTHON|3.11. */
  linuxFxVersion: string;
  state: 'Running' | 'Stopped';
  serverFarmId: string;
  httpsOnly: boolean;
}

export type AksPower = 'Running' | 'Stopped' | 'Starting' | 'Stopping';

export interface AgentPool {
  name: string;
  count: number;
  vmSize: string;
  mode: 'System' | 'User';
}

export interface AksRecord extends ArmBase {
  type: typeof T.aks;
  kubernetesVersion: string;
  power: Transitional<AksPower>;
  privateCluster: boolean;
  authorizedIpRanges: string[];
  pools: AgentPool[];
  dnsPrefix: string;
  fqdnSuffix: string;
  nodeResourceGroup: string;
  /** An update (PUT) in flight: provisioningState is Updating until then. */
  updatingUntil?: number | undefined;
}

export interface VaultKey {
  name: string;
  kty: 'RSA' | 'EC' | 'RSA-HSM';
  createdAt: number;
  /** Has a rotation policy with a rotate lifetime action. */
  rotation: boolean;
}

export interface VaultRecord extends ArmBase {
  type: typeof T.vault;
  tenantId: string;
  skuName: 'standard' | 'premium';
  softDelete: boolean;
  purgeProtection: boolean;
  rbac: boolean;
  publicNetworkAccess: 'Enabled' | 'Disabled';
  keys: VaultKey[];
  /** Keys without a rotation policy (the `security.key.no-rotation` finding is on the vault). */
  keysWithoutRotation: number;
}

export interface IdentityRecord extends ArmBase {
  type: typeof T.identity;
  tenantId: string;
  principalId: string;
  clientId: string;
}

export type AnyResource =
  | VmRecord
  | DiskRecord
  | SnapshotRecord
  | NicRecord
  | NsgRecord
  | PipRecord
  | VnetRecord
  | LbRecord
  | StorageRecord
  | FlexServerRecord
  | SiteRecord
  | AksRecord
  | VaultRecord
  | IdentityRecord;

/** The record type that holds resources of ARM type `K`. */
export type ResourceOf<K extends ArmType> = AnyResource extends infer R
  ? R extends { type: infer U }
    ? K extends U
      ? R
      : never
    : never
  : never;

export interface SubscriptionRecord {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  quotaId: string;
}

export interface ResourceGroupRecord {
  id: string;
  name: string;
  subscriptionId: string;
  location: string;
  tags: Record<string, string>;
  /** Share of the subscription's daily cost billed to this group (Cost Management grouping). */
  costWeight: number;
}
