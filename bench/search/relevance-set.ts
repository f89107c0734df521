// The labelled relevance set: queries a platform engineer types, each with the predicate over
// the estate's resources that decides what is relevant (grade 2 = exactly what was asked for,
// 1 = a reasonable answer, 0 = not relevant). Labels come from these predicates over the
// simulator's medium estate (seed RELEVANCE_SEED), never from running a search engine, so the set
// survives changes to the estate's generator and to the engines alike.
import type { Resource } from '@escher/protocol';

/** The simulator estate the set is judged over. */
export const RELEVANCE_ESTATE = { seed: 7, size: 'medium' } as const;

export type QueryCategory =
  'concept' | 'typo' | 'abbreviation' | 'tag' | 'region' | 'negation' | 'attribute' | 'name';

/** One labelled query. */
export interface RelevanceQuery {
  query: string;
  category: QueryCategory;
  /** The predicate, in words: what a person asking this wants. */
  wants: string;
  grade(resource: Resource): number;
}

/** A tag's value by key, ignoring the key's case (`Environment`, `environment`, `env` differ only in case here). */
export function tagValue(resource: Resource, key: string): string | undefined {
  const wanted = key.toLowerCase();
  for (const [k, v] of Object.entries(resource.tags)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

const attr = (r: Resource, key: string): unknown => r.attributes[key];
const text = (r: Resource, key: string): string => String(r.attributes[key] ?? '').toLowerCase();
const engine = (r: Resource): string => text(r, 'engine');
const isDb = (r: Resource): boolean => r.type === 'database.instance';
const isPostgres = (r: Resource): boolean => isDb(r) && engine(r).includes('postgres');
const isMysql = (r: Resource): boolean => isDb(r) && engine(r) === 'mysql';
const inRegion = (r: Resource, codes: readonly string[]): boolean => codes.includes(r.region);
const nameHas = (r: Resource, word: string): boolean => r.name.toLowerCase().includes(word);
const yes = (condition: boolean, grade = 2): number => (condition ? grade : 0);
/** Team or app tag, or the name, mentions the word: what "payments" means to a person. */
const about = (r: Resource, word: string): boolean =>
  tagValue(r, 'team') === word || tagValue(r, 'app') === word || nameHas(r, word);

/** The places (by name) of the estate's regions, as each cloud documents them. */
const FRANKFURT = ['eu-central-1', 'europe-west3', 'germanywestcentral'];
const N_VIRGINIA = ['us-east-1', 'eastus', 'eastus2', 'us-east4'];
const OREGON = ['us-west-2', 'us-west1'];
const IRELAND = ['eu-west-1', 'northeurope'];
const NETHERLANDS = ['westeurope', 'europe-west4'];
const BELGIUM = ['europe-west1'];
const IOWA = ['us-central1', 'centralus'];
const SOUTH_CAROLINA = ['us-east1'];
const EUROPE = [
  'eu-central-1',
  'eu-west-1',
  'westeurope',
  'northeurope',
  'europe-west1',
  'europe-west3',
  'eu',
];

/** At least 60 queries over concepts, typos, abbreviations, tags, regions, negations and names. */
export const RELEVANCE_SET: readonly RelevanceQuery[] = [
  // Concepts across clouds: the cloud-specific words a user types, the cloud-agnostic thing meant.
  {
    query: 'production postgres database',
    category: 'concept',
    wants: 'database.instance, engine postgres or aurora-postgresql, environment prod',
    grade: (r) => yes(isPostgres(r) && r.environment === 'prod'),
  },
  {
    query: 'mysql databases',
    category: 'concept',
    wants: 'database.instance with engine mysql (2); mariadb, MySQL-compatible (1)',
    grade: (r) => (isMysql(r) ? 2 : isDb(r) && engine(r) === 'mariadb' ? 1 : 0),
  },
  {
    query: 'kubernetes clusters',
    category: 'concept',
    wants: 'container.cluster',
    grade: (r) => yes(r.type === 'container.cluster'),
  },
  {
    query: 'serverless functions',
    category: 'concept',
    wants: 'serverless.function',
    grade: (r) => yes(r.type === 'serverless.function'),
  },
  {
    query: 'object storage buckets',
    category: 'concept',
    wants: 'storage.bucket',
    grade: (r) => yes(r.type === 'storage.bucket'),
  },
  {
    query: 'virtual machines in production',
    category: 'concept',
    wants: 'compute.instance, environment prod',
    grade: (r) => yes(r.type === 'compute.instance' && r.environment === 'prod'),
  },
  {
    query: 'load balancers',
    category: 'concept',
    wants: 'network.loadbalancer',
    grade: (r) => yes(r.type === 'network.loadbalancer'),
  },
  {
    query: 'encryption keys',
    category: 'concept',
    wants: 'security.key',
    grade: (r) => yes(r.type === 'security.key'),
  },
  {
    query: 'service accounts',
    category: 'concept',
    wants: 'GCP service accounts (2); other workload identities, iam.role (1)',
    grade: (r) => (r.nativeType === 'iam.googleapis.com/ServiceAccount' ? 2 : r.type === 'iam.role' ? 1 : 0),
  },
  {
    query: 'firewall rules',
    category: 'concept',
    wants: 'network.firewall',
    grade: (r) => yes(r.type === 'network.firewall'),
  },
  {
    query: 'disk snapshots',
    category: 'concept',
    wants: 'compute.snapshot',
    grade: (r) => yes(r.type === 'compute.snapshot'),
  },
  {
    query: 'sql server databases',
    category: 'concept',
    wants: 'database.instance with engine sqlserver',
    grade: (r) => yes(isDb(r) && engine(r) === 'sqlserver'),
  },
  {
    query: 'aurora postgres',
    category: 'concept',
    wants: 'database.instance with engine aurora-postgresql (2); other postgres (1)',
    grade: (r) => (isDb(r) && engine(r) === 'aurora-postgresql' ? 2 : isPostgres(r) ? 1 : 0),
  },
  {
    query: 'virtual networks',
    category: 'concept',
    wants: 'network.vpc',
    grade: (r) => yes(r.type === 'network.vpc'),
  },
  {
    query: 'block storage volumes',
    category: 'concept',
    wants: 'compute.volume',
    grade: (r) => yes(r.type === 'compute.volume'),
  },
  {
    query: 'managed identities',
    category: 'concept',
    wants: 'Azure user-assigned managed identities (2); other iam.role (1)',
    grade: (r) =>
      r.nativeType === 'Microsoft.ManagedIdentity/userAssignedIdentities' ? 2 : r.type === 'iam.role' ? 1 : 0,
  },
  {
    query: 'relational database servers',
    category: 'concept',
    wants: 'database.instance',
    grade: (r) => yes(isDb(r)),
  },
  {
    query: 'iam users',
    category: 'concept',
    wants: 'iam.user',
    grade: (r) => yes(r.type === 'iam.user'),
  },
  {
    query: 'static public ip addresses',
    category: 'concept',
    wants: 'network.ip',
    grade: (r) => yes(r.type === 'network.ip'),
  },
  {
    query: 'windows servers',
    category: 'concept',
    wants: 'compute.instance whose platform or osType is Windows',
    grade: (r) =>
      yes(
        r.type === 'compute.instance' &&
          (text(r, 'platform') === 'windows' || text(r, 'osType') === 'windows'),
      ),
  },
  {
    query: 'python functions',
    category: 'concept',
    wants: 'serverless.function with a python runtime',
    grade: (r) => yes(r.type === 'serverless.function' && text(r, 'runtime').startsWith('python')),
  },
  // Typos.
  {
    query: 'postgress prod db',
    category: 'typo',
    wants: 'database.instance, engine postgres or aurora-postgresql, environment prod',
    grade: (r) => yes(isPostgres(r) && r.environment === 'prod'),
  },
  {
    query: 'kubernets clusters',
    category: 'typo',
    wants: 'container.cluster',
    grade: (r) => yes(r.type === 'container.cluster'),
  },
  {
    query: 'databse mysql',
    category: 'typo',
    wants: 'database.instance with engine mysql',
    grade: (r) => yes(isMysql(r)),
  },
  {
    query: 'lamda functions',
    category: 'typo',
    wants: 'AWS Lambda functions (2); other serverless.function (1)',
    grade: (r) => (r.type === 'serverless.function' ? (r.nativeType === 'AWS::Lambda::Function' ? 2 : 1) : 0),
  },
  {
    query: 'loadbalancr',
    category: 'typo',
    wants: 'network.loadbalancer',
    grade: (r) => yes(r.type === 'network.loadbalancer'),
  },
  {
    query: 'paymnets',
    category: 'typo',
    wants: "resources of team or app 'payments', or named after it",
    grade: (r) => yes(about(r, 'payments')),
  },
  {
    query: 'stoped instances',
    category: 'typo',
    wants: 'compute.instance in state stopped',
    grade: (r) => yes(r.type === 'compute.instance' && r.state === 'stopped'),
  },
  {
    query: 'recomendations',
    category: 'typo',
    wants: "resources of app 'recommendations', or named after it",
    grade: (r) => yes(about(r, 'recommendations')),
  },
  {
    query: 'snapshtos',
    category: 'typo',
    wants: 'compute.snapshot',
    grade: (r) => yes(r.type === 'compute.snapshot'),
  },
  {
    query: 'inventroy database',
    category: 'typo',
    wants: "database.instance of app 'inventory' or named after it",
    grade: (r) => yes(isDb(r) && about(r, 'inventory')),
  },
  // Abbreviations and cloud product names.
  {
    query: 'vms',
    category: 'abbreviation',
    wants: 'compute.instance',
    grade: (r) => yes(r.type === 'compute.instance'),
  },
  {
    query: 'prod db',
    category: 'abbreviation',
    wants: 'database.instance, environment prod',
    grade: (r) => yes(isDb(r) && r.environment === 'prod'),
  },
  {
    query: 'lb prod',
    category: 'abbreviation',
    wants: 'network.loadbalancer, environment prod',
    grade: (r) => yes(r.type === 'network.loadbalancer' && r.environment === 'prod'),
  },
  {
    query: 'security groups',
    category: 'abbreviation',
    wants: 'AWS security groups (2); other network.firewall (1)',
    grade: (r) => (r.type === 'network.firewall' ? (r.nativeType === 'AWS::EC2::SecurityGroup' ? 2 : 1) : 0),
  },
  {
    query: 'eip',
    category: 'abbreviation',
    wants: 'AWS Elastic IPs (2); other network.ip (1)',
    grade: (r) => (r.type === 'network.ip' ? (r.cloud === 'aws' ? 2 : 1) : 0),
  },
  {
    query: 'kms keys',
    category: 'abbreviation',
    wants: 'security.key in AWS KMS or GCP Cloud KMS (2); Key Vaults (1)',
    grade: (r) => (r.type === 'security.key' ? (r.cloud === 'azure' ? 1 : 2) : 0),
  },
  {
    query: 'gke',
    category: 'abbreviation',
    wants: 'GCP container.cluster',
    grade: (r) => yes(r.type === 'container.cluster' && r.cloud === 'gcp'),
  },
  {
    query: 'aks clusters',
    category: 'abbreviation',
    wants: 'Azure container.cluster',
    grade: (r) => yes(r.type === 'container.cluster' && r.cloud === 'azure'),
  },
  {
    query: 'eks prod',
    category: 'abbreviation',
    wants: 'AWS container.cluster in prod (2); other AWS clusters (1)',
    grade: (r) =>
      r.type === 'container.cluster' && r.cloud === 'aws' ? (r.environment === 'prod' ? 2 : 1) : 0,
  },
  {
    query: 'rds',
    category: 'abbreviation',
    wants: 'AWS database.instance',
    grade: (r) => yes(isDb(r) && r.cloud === 'aws'),
  },
  {
    query: 's3',
    category: 'abbreviation',
    wants: 'AWS storage.bucket',
    grade: (r) => yes(r.type === 'storage.bucket' && r.cloud === 'aws'),
  },
  {
    query: 'ec2 staging',
    category: 'abbreviation',
    wants: 'AWS compute.instance in staging',
    grade: (r) => yes(r.type === 'compute.instance' && r.cloud === 'aws' && r.environment === 'staging'),
  },
  {
    query: 'cloud sql',
    category: 'abbreviation',
    wants: 'GCP database.instance',
    grade: (r) => yes(isDb(r) && r.cloud === 'gcp'),
  },
  {
    query: 'k8s dev',
    category: 'abbreviation',
    wants: 'container.cluster in dev',
    grade: (r) => yes(r.type === 'container.cluster' && r.environment === 'dev'),
  },
  // Tags, structured words and names.
  {
    query: 'team:payments',
    category: 'tag',
    wants: "team tag (any key case) = 'payments'",
    grade: (r) => yes(tagValue(r, 'team') === 'payments'),
  },
  {
    query: 'team=data databases',
    category: 'tag',
    wants: "database.instance with team tag 'data'",
    grade: (r) => yes(isDb(r) && tagValue(r, 'team') === 'data'),
  },
  {
    query: 'managed-by:terraform',
    category: 'tag',
    wants: "managed-by tag 'terraform'",
    grade: (r) => yes(tagValue(r, 'managed-by') === 'terraform'),
  },
  {
    query: 'ledger prod',
    category: 'tag',
    wants: "about 'ledger' (team, app or name) and environment prod (2); about ledger elsewhere (1)",
    grade: (r) => (about(r, 'ledger') ? (r.environment === 'prod' ? 2 : 1) : 0),
  },
  {
    query: 'checkout',
    category: 'tag',
    wants: "about 'checkout' (team, app or name)",
    grade: (r) => yes(about(r, 'checkout')),
  },
  {
    query: 'ml-training',
    category: 'tag',
    wants: "about 'ml-training' (app or name)",
    grade: (r) => yes(about(r, 'ml-training')),
  },
  {
    query: 'owned by alice',
    category: 'tag',
    wants: "owner tag mentions 'alice'",
    grade: (r) => yes((tagValue(r, 'owner') ?? '').startsWith('alice')),
  },
  {
    query: 'sre team clusters',
    category: 'tag',
    wants: "container.cluster with team tag 'sre' (2); other sre resources (1)",
    grade: (r) => (tagValue(r, 'team') === 'sre' ? (r.type === 'container.cluster' ? 2 : 1) : 0),
  },
  // Regions by code and by the names the clouds give them.
  {
    query: 'VMs in Frankfurt',
    category: 'region',
    wants: 'compute.instance in a Frankfurt region (eu-central-1, europe-west3)',
    grade: (r) => yes(r.type === 'compute.instance' && inRegion(r, FRANKFURT)),
  },
  {
    query: 'databases in N. Virginia',
    category: 'region',
    wants: 'database.instance in a Virginia region (us-east-1, eastus, us-east4)',
    grade: (r) => yes(isDb(r) && inRegion(r, N_VIRGINIA)),
  },
  {
    query: 'instances in Oregon',
    category: 'region',
    wants: 'compute.instance in us-west-2 (or us-west1)',
    grade: (r) => yes(r.type === 'compute.instance' && inRegion(r, OREGON)),
  },
  {
    query: 'buckets in Ireland',
    category: 'region',
    wants: 'storage.bucket in eu-west-1 or North Europe (Ireland)',
    grade: (r) => yes(r.type === 'storage.bucket' && inRegion(r, IRELAND)),
  },
  {
    query: 'clusters in the Netherlands',
    category: 'region',
    wants: 'container.cluster in West Europe or europe-west4',
    grade: (r) => yes(r.type === 'container.cluster' && inRegion(r, NETHERLANDS)),
  },
  {
    query: 'functions in Belgium',
    category: 'region',
    wants: 'serverless.function in europe-west1',
    grade: (r) => yes(r.type === 'serverless.function' && inRegion(r, BELGIUM)),
  },
  {
    query: 'Iowa vms',
    category: 'region',
    wants: 'compute.instance in us-central1 (or centralus)',
    grade: (r) => yes(r.type === 'compute.instance' && inRegion(r, IOWA)),
  },
  {
    query: 'South Carolina disks',
    category: 'region',
    wants: 'compute.volume in us-east1',
    grade: (r) => yes(r.type === 'compute.volume' && inRegion(r, SOUTH_CAROLINA)),
  },
  {
    query: 'us-east-1 databases',
    category: 'region',
    wants: 'database.instance in us-east-1',
    grade: (r) => yes(isDb(r) && r.region === 'us-east-1'),
  },
  {
    query: 'West US 2 load balancers',
    category: 'region',
    wants: 'network.loadbalancer in westus2',
    grade: (r) => yes(r.type === 'network.loadbalancer' && r.region === 'westus2'),
  },
  {
    query: 'postgres in europe',
    category: 'region',
    wants: 'postgres database.instance in a European region',
    grade: (r) => yes(isPostgres(r) && inRegion(r, EUROPE)),
  },
  // Negations and states.
  {
    query: 'buckets not encrypted',
    category: 'negation',
    wants: 'storage.bucket with encrypted false',
    grade: (r) => yes(r.type === 'storage.bucket' && attr(r, 'encrypted') === false),
  },
  {
    query: 'NOT tag:owner',
    category: 'negation',
    wants: 'resources without an owner tag (any key case)',
    grade: (r) => yes(tagValue(r, 'owner') === undefined),
  },
  {
    query: 'unencrypted volumes',
    category: 'negation',
    wants: 'compute.volume with encrypted false',
    grade: (r) => yes(r.type === 'compute.volume' && attr(r, 'encrypted') === false),
  },
  {
    query: 'instances without a team tag',
    category: 'negation',
    wants: 'compute.instance without a team tag',
    grade: (r) => yes(r.type === 'compute.instance' && tagValue(r, 'team') === undefined),
  },
  {
    query: 'databases not in production',
    category: 'negation',
    wants: 'database.instance whose environment is not prod (unknown included)',
    grade: (r) => yes(isDb(r) && r.environment !== 'prod'),
  },
  {
    query: 'stopped databases',
    category: 'attribute',
    wants: 'database.instance in state stopped',
    grade: (r) => yes(isDb(r) && r.state === 'stopped'),
  },
  {
    query: 'public databases',
    category: 'attribute',
    wants: 'database.instance with public true',
    grade: (r) => yes(isDb(r) && attr(r, 'public') === true),
  },
  {
    query: 'public buckets',
    category: 'attribute',
    wants: 'storage.bucket with public true',
    grade: (r) => yes(r.type === 'storage.bucket' && attr(r, 'public') === true),
  },
  {
    query: 'running vms in prod',
    category: 'attribute',
    wants: 'compute.instance, state running, environment prod',
    grade: (r) => yes(r.type === 'compute.instance' && r.state === 'running' && r.environment === 'prod'),
  },
  {
    query: 'unattached disks',
    category: 'attribute',
    wants: 'compute.volume with attached false',
    grade: (r) => yes(r.type === 'compute.volume' && attr(r, 'attached') === false),
  },
  // Names.
  {
    query: 'search-db-3',
    category: 'name',
    wants: "the resource named 'search-db-3' (2); other search databases (1)",
    grade: (r) => (r.name === 'search-db-3' ? 2 : isDb(r) && about(r, 'search') ? 1 : 0),
  },
  {
    query: 'stcrmprod009',
    category: 'name',
    wants: "the storage account named 'stcrmprod009'",
    grade: (r) => yes(r.name === 'stcrmprod009'),
  },
  {
    query: 'gateway prod gke',
    category: 'name',
    wants: "GCP container.cluster about 'gateway' in prod (2); other gateway clusters (1)",
    grade: (r) =>
      r.type === 'container.cluster' && about(r, 'gateway')
        ? r.cloud === 'gcp' && r.environment === 'prod'
          ? 2
          : 1
        : 0,
  },
  {
    query: 'fraud api',
    category: 'name',
    wants: 'resources named fraud-api-… (2); other fraud resources (1)',
    grade: (r) => (nameHas(r, 'fraud-api') ? 2 : about(r, 'fraud') ? 1 : 0),
  },
];
