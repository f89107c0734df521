import type { Cloud, Environment, Resource, ResourceType } from '@escher/protocol';
import type { StoreScope } from '../store.types.ts';

/**
 * Deterministic, realistic-looking resources for the store's tests and its benchmark: real id
 * shapes (ARNs, Azure resource ids, GCP full resource names), five to seven tags, typical
 * attributes and relationships. Not a substitute for the simulator's estate — just fast.
 */
export interface SyntheticEstateOptions {
  count: number;
  seed?: number;
}

/** A scope with its resources, as a scanner would hand them to `replaceScope`. */
export interface ScopedResources {
  scope: StoreScope;
  resources: Resource[];
}

interface TypeSpec {
  type: ResourceType;
  service: Record<Cloud, string>;
  nativeType: Record<Cloud, string>;
  weight: number;
}

const TYPES: readonly TypeSpec[] = [
  spec(
    'compute.instance',
    ['ec2', 'compute', 'compute'],
    ['AWS::EC2::Instance', 'Microsoft.Compute/virtualMachines', 'compute.googleapis.com/Instance'],
    30,
  ),
  spec(
    'compute.volume',
    ['ec2', 'compute', 'compute'],
    ['AWS::EC2::Volume', 'Microsoft.Compute/disks', 'compute.googleapis.com/Disk'],
    25,
  ),
  spec(
    'compute.snapshot',
    ['ec2', 'compute', 'compute'],
    ['AWS::EC2::Snapshot', 'Microsoft.Compute/snapshots', 'compute.googleapis.com/Snapshot'],
    10,
  ),
  spec(
    'storage.bucket',
    ['s3', 'storage', 'storage'],
    ['AWS::S3::Bucket', 'Microsoft.Storage/storageAccounts', 'storage.googleapis.com/Bucket'],
    6,
  ),
  spec(
    'database.instance',
    ['rds', 'sql', 'sqladmin'],
    ['AWS::RDS::DBInstance', 'Microsoft.DBforPostgreSQL/flexibleServers', 'sqladmin.googleapis.com/Instance'],
    5,
  ),
  spec(
    'serverless.function',
    ['lambda', 'web', 'cloudfunctions'],
    ['AWS::Lambda::Function', 'Microsoft.Web/sites', 'cloudfunctions.googleapis.com/CloudFunction'],
    8,
  ),
  spec(
    'network.firewall',
    ['ec2', 'network', 'compute'],
    ['AWS::EC2::SecurityGroup', 'Microsoft.Network/networkSecurityGroups', 'compute.googleapis.com/Firewall'],
    8,
  ),
  spec(
    'network.subnet',
    ['ec2', 'network', 'compute'],
    ['AWS::EC2::Subnet', 'Microsoft.Network/virtualNetworks/subnets', 'compute.googleapis.com/Subnetwork'],
    4,
  ),
  spec(
    'network.loadbalancer',
    ['elbv2', 'network', 'compute'],
    [
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      'Microsoft.Network/loadBalancers',
      'compute.googleapis.com/ForwardingRule',
    ],
    4,
  ),
];

const REGIONS: Record<Cloud, readonly string[]> = {
  aws: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'],
  azure: ['eastus', 'westus2', 'westeurope'],
  gcp: ['us-central1', 'europe-west1', 'asia-east1'],
};
const ACCOUNTS: Record<Cloud, readonly string[]> = {
  aws: ['123456789012', '210987654321', '555544443333'],
  azure: ['3f2c8a51-7d0e-4b6a-9c1e-2a7b5d9e0f11', 'a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c6d'],
  gcp: ['acme-payments-prod', 'acme-data-dev'],
};
const TEAMS = ['payments', 'checkout', 'search', 'platform', 'data', 'identity', 'growth', 'ledger'];
const APPS = ['api', 'worker', 'web', 'batch', 'gateway', 'cache', 'etl', 'scheduler'];
const ENVS: readonly [Environment, string][] = [
  ['prod', 'production'],
  ['staging', 'staging'],
  ['dev', 'dev'],
  ['test', 'qa'],
];
const OWNERS = ['ana.silva', 'bo.chen', 'carla.diaz', 'dev.patel', 'eli.cohen', 'fay.okafor', 'gus.berg'];
const SIZES: Record<Cloud, readonly string[]> = {
  aws: ['t3.micro', 't3.large', 'm5.large', 'm5.xlarge', 'c6i.2xlarge', 'r6g.large'],
  azure: ['Standard_B2s', 'Standard_D2s_v5', 'Standard_D4s_v5', 'Standard_E4s_v5'],
  gcp: ['e2-medium', 'n2-standard-2', 'n2-standard-4', 'c3-standard-8'],
};
const STATES: Partial<Record<ResourceType, readonly string[]>> = {
  'compute.instance': ['running', 'running', 'running', 'stopped'],
  'compute.volume': ['available', 'in-use', 'in-use'],
  'database.instance': ['available'],
};

/** Generates `count` resources, identical for the same seed. */
export function syntheticEstate(options: SyntheticEstateOptions): Resource[] {
  const random = mulberry32(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const totalWeight = TYPES.reduce((sum, t) => sum + t.weight, 0);
  const resources: Resource[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const cloud: Cloud = i % 10 < 5 ? 'aws' : i % 10 < 8 ? 'azure' : 'gcp';
    let roll = random() * totalWeight;
    const typeSpec = TYPES.find((t) => (roll -= t.weight) < 0) ?? (TYPES[0] as TypeSpec);
    const account = pick(ACCOUNTS[cloud]);
    const region = pick(REGIONS[cloud]);
    const zone = `${region}${cloud === 'azure' ? '-1' : pick(['a', 'b', 'c'])}`;
    const [environment, envTag] = pick(ENVS);
    const team = pick(TEAMS);
    const app = pick(APPS);
    const serial = i.toString(36).padStart(4, '0');
    const name = `${team}-${app}-${envTag}-${serial}`;
    const hex = hexId(random, 17);
    const id = nativeId(cloud, typeSpec, account, region, zone, name, hex);
    const tags: Record<string, string> = {
      env: envTag,
      team,
      owner: pick(OWNERS),
      app: `${team}-${app}`,
      'cost-center': `cc-${1000 + Math.floor(random() * 40)}`,
    };
    if (random() < 0.5) tags['managed-by'] = pick(['terraform', 'pulumi', 'console']);
    if (random() < 0.3) tags['backup-policy'] = pick(['daily', 'weekly']);
    const resource: Resource = {
      id,
      nativeId: id,
      cloud,
      account,
      region,
      type: typeSpec.type,
      nativeType: typeSpec.nativeType[cloud],
      name,
      environment,
      tags,
      createdAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 600) * 86_400_000).toISOString(),
      attributes: attributesFor(typeSpec.type, cloud, random, pick),
      relationships: relationshipsFor(typeSpec.type, cloud, account, region, random),
      costMonthly: Math.round(random() * 50_000) / 100,
    };
    const states = STATES[typeSpec.type];
    if (states) resource.state = pick(states);
    if (typeSpec.type === 'compute.instance' || typeSpec.type === 'compute.volume') resource.zone = zone;
    resources.push(resource);
  }
  return resources;
}

/** The scope a synthetic resource was listed under. */
export function scopeOf(resource: Resource): StoreScope {
  const typeSpec = TYPES.find((t) => t.type === resource.type);
  return {
    cloud: resource.cloud,
    account: resource.account,
    region: resource.region,
    service: typeSpec ? typeSpec.service[resource.cloud] : resource.type,
  };
}

/** Groups resources by scope, in first-seen order. */
export function groupByScope(resources: readonly Resource[]): ScopedResources[] {
  const groups = new Map<string, ScopedResources>();
  for (const resource of resources) {
    const scope = scopeOf(resource);
    const key = `${scope.cloud}|${scope.account}|${scope.region}|${scope.service}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { scope, resources: [] }));
    group.resources.push(resource);
  }
  return [...groups.values()];
}

function nativeId(
  cloud: Cloud,
  typeSpec: TypeSpec,
  account: string,
  region: string,
  zone: string,
  name: string,
  hex: string,
): string {
  const type = typeSpec.type;
  const kind = type.split('.')[1] ?? type;
  if (cloud === 'aws') {
    switch (type) {
      case 'storage.bucket':
        return `arn:aws:s3:::${name}`;
      case 'database.instance':
        return `arn:aws:rds:${region}:${account}:db:${name}`;
      case 'serverless.function':
        return `arn:aws:lambda:${region}:${account}:function:${name}`;
      case 'network.loadbalancer':
        return `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/app/${name}/${hex.slice(0, 16)}`;
      default:
        return `arn:aws:ec2:${region}:${account}:${kind}/${kind.slice(0, 3)}-${hex}`;
    }
  }
  if (cloud === 'azure') {
    return `/subscriptions/${account}/resourceGroups/rg-${name.split('-')[0]}-${region}/providers/${typeSpec.nativeType.azure}/${name}`;
  }
  return `//compute.googleapis.com/projects/${account}/zones/${zone}/${kind}s/${name}`;
}

function attributesFor(
  type: ResourceType,
  cloud: Cloud,
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
): Record<string, unknown> {
  const common = { encrypted: random() < 0.85, public: random() < 0.08 };
  switch (type) {
    case 'compute.instance':
      return {
        ...common,
        size: pick(SIZES[cloud]),
        privateIp: `10.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`,
        ...(common.public
          ? { publicIp: `54.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.7` }
          : {}),
        image: pick(['ubuntu-22.04', 'amazon-linux-2023', 'debian-12', 'windows-2022']),
        architecture: pick(['x86_64', 'arm64']),
        cpuAverage7d: Math.round(random() * 9000) / 100,
      };
    case 'compute.volume':
      return {
        ...common,
        sizeGiB: pick([8, 20, 50, 100, 500]),
        volumeType: pick(['gp3', 'io2', 'pd-ssd', 'Premium_LRS']),
      };
    case 'database.instance':
      return {
        ...common,
        engine: pick(['postgres', 'mysql']),
        engineVersion: pick(['15.4', '16.2', '8.0.36']),
        size: pick(['db.r6g.large', 'db.t3.medium']),
        multiAz: random() < 0.5,
        backupRetentionDays: pick([0, 7, 14]),
      };
    case 'serverless.function':
      return {
        runtime: pick(['nodejs20.x', 'python3.12', 'python3.8', 'java17']),
        memoryMb: pick([128, 512, 1024]),
      };
    case 'network.firewall':
      return {
        ingress: [
          { protocol: 'tcp', port: 443, source: '0.0.0.0/0' },
          {
            protocol: 'tcp',
            port: pick([22, 3389, 5432]),
            source: random() < 0.1 ? '0.0.0.0/0' : '10.0.0.0/8',
          },
        ],
      };
    default:
      return common;
  }
}

function relationshipsFor(
  type: ResourceType,
  cloud: Cloud,
  account: string,
  region: string,
  random: () => number,
): Resource['relationships'] {
  if (type !== 'compute.instance' && type !== 'compute.volume') return [];
  const ref = (kind: string): string =>
    cloud === 'aws'
      ? `arn:aws:ec2:${region}:${account}:${kind}/${kind.slice(0, 3)}-${hexId(random, 17)}`
      : `${cloud}:${account}:${region}:${kind}/${hexId(random, 8)}`;
  if (type === 'compute.volume') return [{ kind: 'attached-to', targetId: ref('instance') }];
  return [
    { kind: 'attached-volume', targetId: ref('volume') },
    { kind: 'security-group', targetId: ref('security-group') },
    { kind: 'in-subnet', targetId: ref('subnet') },
  ];
}

function hexId(random: () => number, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

function spec(
  type: ResourceType,
  services: [string, string, string],
  nativeTypes: [string, string, string],
  weight: number,
): TypeSpec {
  return {
    type,
    service: { aws: services[0], azure: services[1], gcp: services[2] },
    nativeType: { aws: nativeTypes[0], azure: nativeTypes[1], gcp: nativeTypes[2] },
    weight,
  };
}

/** A small, fast, seedable PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
