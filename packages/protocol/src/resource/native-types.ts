import type { Cloud, ResourceType } from './vocabulary.ts';

/**
 * The native types each cloud-agnostic type maps from (SPEC section 3). Part of the contract:
 * providers, importers and the simulator's manifest all use these exact strings.
 */
export const NATIVE_TYPES: Readonly<Record<ResourceType, Readonly<Record<Cloud, readonly string[]>>>> = {
  'compute.instance': {
    aws: ['AWS::EC2::Instance'],
    azure: ['Microsoft.Compute/virtualMachines'],
    gcp: ['compute.googleapis.com/Instance'],
  },
  'compute.volume': {
    aws: ['AWS::EC2::Volume'],
    azure: ['Microsoft.Compute/disks'],
    gcp: ['compute.googleapis.com/Disk'],
  },
  'compute.snapshot': {
    aws: ['AWS::EC2::Snapshot'],
    azure: ['Microsoft.Compute/snapshots'],
    gcp: ['compute.googleapis.com/Snapshot'],
  },
  'storage.bucket': {
    aws: ['AWS::S3::Bucket'],
    azure: ['Microsoft.Storage/storageAccounts'],
    gcp: ['storage.googleapis.com/Bucket'],
  },
  'database.instance': {
    aws: ['AWS::RDS::DBInstance'],
    azure: [
      'Microsoft.Sql/servers/databases',
      'Microsoft.DBforPostgreSQL/flexibleServers',
      'Microsoft.DBforMySQL/flexibleServers',
    ],
    gcp: ['sqladmin.googleapis.com/Instance'],
  },
  'serverless.function': {
    aws: ['AWS::Lambda::Function'],
    azure: ['Microsoft.Web/sites'],
    gcp: ['cloudfunctions.googleapis.com/CloudFunction', 'cloudfunctions.googleapis.com/Function'],
  },
  'container.cluster': {
    aws: ['AWS::EKS::Cluster'],
    azure: ['Microsoft.ContainerService/managedClusters'],
    gcp: ['container.googleapis.com/Cluster'],
  },
  'network.vpc': {
    aws: ['AWS::EC2::VPC'],
    azure: ['Microsoft.Network/virtualNetworks'],
    gcp: ['compute.googleapis.com/Network'],
  },
  'network.subnet': {
    aws: ['AWS::EC2::Subnet'],
    azure: ['Microsoft.Network/virtualNetworks/subnets'],
    gcp: ['compute.googleapis.com/Subnetwork'],
  },
  'network.firewall': {
    aws: ['AWS::EC2::SecurityGroup'],
    azure: ['Microsoft.Network/networkSecurityGroups'],
    gcp: ['compute.googleapis.com/Firewall'],
  },
  'network.loadbalancer': {
    aws: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
    azure: ['Microsoft.Network/loadBalancers'],
    gcp: ['compute.googleapis.com/ForwardingRule', 'compute.googleapis.com/BackendService'],
  },
  'network.ip': {
    aws: ['AWS::EC2::EIP'],
    azure: ['Microsoft.Network/publicIPAddresses'],
    gcp: ['compute.googleapis.com/Address'],
  },
  'iam.user': { aws: ['AWS::IAM::User'], azure: [], gcp: [] },
  'iam.role': {
    aws: ['AWS::IAM::Role'],
    azure: ['Microsoft.ManagedIdentity/userAssignedIdentities'],
    gcp: ['iam.googleapis.com/ServiceAccount'],
  },
  'security.key': {
    aws: ['AWS::KMS::Key'],
    azure: ['Microsoft.KeyVault/vaults'],
    gcp: ['cloudkms.googleapis.com/CryptoKey'],
  },
};

const lookup = new Map<string, ResourceType>();
for (const [type, byCloud] of Object.entries(NATIVE_TYPES) as [
  ResourceType,
  Record<Cloud, readonly string[]>,
][]) {
  for (const natives of Object.values(byCloud))
    for (const native of natives) lookup.set(native.toLowerCase(), type);
}

/** Maps a native type (case-insensitive, as Azure reports them) to its cloud-agnostic type. */
export function resourceTypeOfNative(nativeType: string): ResourceType | undefined {
  return lookup.get(nativeType.toLowerCase());
}
