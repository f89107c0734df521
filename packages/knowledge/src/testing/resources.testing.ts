import type { Resource } from '@escher/protocol';

/** A resource with sensible defaults, for tests: pass what the test is about. */
export function resource(overrides: Partial<Resource> & Pick<Resource, 'id'>): Resource {
  return {
    nativeId: overrides.id,
    cloud: 'aws',
    account: '123456789012',
    region: 'us-east-1',
    type: 'compute.instance',
    nativeType: 'AWS::EC2::Instance',
    name: overrides.id,
    tags: {},
    attributes: {},
    relationships: [],
    ...overrides,
  };
}

/** The three production Postgres databases of issue 4, one per cloud, as the providers normalise them. */
export const PROD_POSTGRES: readonly Resource[] = [
  resource({
    id: 'arn:aws:rds:us-east-1:123456789012:db:payments-db',
    type: 'database.instance',
    nativeType: 'AWS::RDS::DBInstance',
    name: 'payments-db',
    state: 'running',
    environment: 'prod',
    tags: { Environment: 'Production', team: 'payments', owner: 'alice' },
    attributes: {
      engine: 'postgres',
      engineVersion: '15.4',
      size: 'db.r6g.large',
      public: false,
      encrypted: true,
      storageGiB: 500,
    },
    costMonthly: 412.5,
    createdAt: '2023-03-01T10:00:00.000Z',
  }),
  resource({
    id: '/subscriptions/0000-prod/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-pg',
    cloud: 'azure',
    account: '0000-prod',
    region: 'germanywestcentral',
    type: 'database.instance',
    nativeType: 'Microsoft.DBforPostgreSQL/flexibleServers',
    name: 'orders-pg',
    state: 'running',
    environment: 'prod',
    tags: { env: 'prod', Team: 'orders' },
    attributes: {
      engine: 'postgres',
      engineVersion: '16',
      size: 'Standard_D2ds_v4',
      public: true,
      encrypted: true,
      storageGb: 256,
    },
    costMonthly: 180,
    createdAt: '2024-06-15T08:00:00.000Z',
  }),
  resource({
    id: '//sqladmin.googleapis.com/projects/shop-prd/instances/catalog-sql',
    cloud: 'gcp',
    account: 'shop-prd',
    region: 'europe-west3',
    zone: 'europe-west3-a',
    type: 'database.instance',
    nativeType: 'sqladmin.googleapis.com/Instance',
    name: 'catalog-sql',
    state: 'stopped',
    environment: 'prod',
    tags: { env: 'prd' },
    attributes: {
      engine: 'postgres',
      engineVersion: '15',
      databaseVersion: 'POSTGRES_15',
      size: 'db-custom-2-7680',
      public: false,
      encrypted: true,
    },
  }),
];

/** A few other resources across clouds and types, for filters that must not match everything. */
export const OTHERS: readonly Resource[] = [
  resource({
    id: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0web',
    name: 'web-frontend-01',
    state: 'running',
    environment: 'dev',
    tags: { env: 'dev', team: 'web' },
    attributes: { size: 't3.micro', public: true },
    costMonthly: 7.5,
  }),
  resource({
    id: 'arn:aws:ec2:eu-central-1:123456789012:volume/vol-0orphan',
    region: 'eu-central-1',
    type: 'compute.volume',
    nativeType: 'AWS::EC2::Volume',
    name: 'vol-0orphan',
    state: 'available',
    tags: {},
    attributes: { size: 800, encrypted: false, attached: false },
    costMonthly: 64,
  }),
  resource({
    id: '//storage.googleapis.com/projects/shop-dev/buckets/shop-assets',
    cloud: 'gcp',
    account: 'shop-dev',
    region: 'us',
    type: 'storage.bucket',
    nativeType: 'storage.googleapis.com/Bucket',
    name: 'shop-assets',
    environment: 'staging',
    tags: { env: 'stg', owner: 'bob', 'cost center': 'marketing' },
    attributes: { public: true, encrypted: true, versioning: 'Disabled' },
  }),
];

export const ESTATE: readonly Resource[] = [...PROD_POSTGRES, ...OTHERS];
