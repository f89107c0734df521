import type { Resource } from '@escher/protocol';
import type { Store } from '../store.ts';
import type { StoreScope } from '../store.types.ts';

/** A small cross-cloud estate shaped as the providers normalise it, for search tests. */
export function searchTestEstate(): Resource[] {
  const aws = (name: string, extra: Partial<Resource>): Resource => {
    const id = `arn:aws:rds:us-east-1:111122223333:db:${name}`;
    return {
      id,
      nativeId: id,
      cloud: 'aws',
      account: '111122223333',
      region: 'us-east-1',
      type: 'database.instance',
      nativeType: 'AWS::RDS::DBInstance',
      name,
      state: 'running',
      tags: {},
      attributes: {},
      relationships: [],
      ...extra,
    };
  };
  const azureId = (kind: string, name: string): string =>
    `/subscriptions/3f2c8a51-7d0e-4b6a-9c1e-2a7b5d9e0f11/resourceGroups/rg-prod/providers/${kind}/${name}`;
  const gcpId = (name: string): string => `//sqladmin.googleapis.com/projects/acme-prod/instances/${name}`;
  return [
    aws('orders-db-01', {
      environment: 'prod',
      tags: { Environment: 'Production', team: 'orders' },
      attributes: { engine: 'postgres', engineVersion: '15.8', public: false, encrypted: true },
    }),
    aws('orders-db-dev', {
      environment: 'dev',
      tags: { Environment: 'dev', team: 'orders' },
      attributes: { engine: 'postgres', engineVersion: '15.8', public: false, encrypted: true },
    }),
    aws('billing-mysql-01', {
      environment: 'prod',
      tags: { Environment: 'Production', owner: 'ana' },
      attributes: { engine: 'mysql', engineVersion: '8.0.39', public: false, encrypted: true },
    }),
    {
      id: azureId('Microsoft.DBforPostgreSQL/flexibleServers', 'psql-ledger-prod'),
      nativeId: azureId('Microsoft.DBforPostgreSQL/flexibleServers', 'psql-ledger-prod'),
      cloud: 'azure',
      account: '3f2c8a51-7d0e-4b6a-9c1e-2a7b5d9e0f11',
      region: 'westeurope',
      type: 'database.instance',
      nativeType: 'Microsoft.DBforPostgreSQL/flexibleServers',
      name: 'psql-ledger-prod',
      state: 'running',
      environment: 'prod',
      tags: { env: 'prod', owner: 'bo' },
      attributes: { engine: 'postgres', engineVersion: '16', public: false, encrypted: true },
      relationships: [],
    },
    {
      id: gcpId('analytics-pg'),
      nativeId: gcpId('analytics-pg'),
      cloud: 'gcp',
      account: 'acme-prod',
      region: 'europe-west3',
      type: 'database.instance',
      nativeType: 'sqladmin.googleapis.com/Instance',
      name: 'analytics-pg',
      state: 'running',
      environment: 'prod',
      tags: { env: 'prd', owner: 'carla' },
      attributes: { engine: 'postgres', engineVersion: '15', databaseVersion: 'POSTGRES_15', public: false },
      relationships: [],
    },
    {
      id: 'arn:aws:ec2:eu-central-1:111122223333:instance/i-0payments01',
      nativeId: 'arn:aws:ec2:eu-central-1:111122223333:instance/i-0payments01',
      cloud: 'aws',
      account: '111122223333',
      region: 'eu-central-1',
      type: 'compute.instance',
      nativeType: 'AWS::EC2::Instance',
      name: 'payments-api-prod-01',
      state: 'running',
      environment: 'prod',
      tags: { env: 'prod', team: 'payments', owner: 'dev' },
      attributes: { size: 'm5.large', public: false, platform: 'linux' },
      relationships: [],
    },
    {
      id: 'arn:aws:s3:::acme-logs-archive',
      nativeId: 'arn:aws:s3:::acme-logs-archive',
      cloud: 'aws',
      account: '111122223333',
      region: 'us-east-1',
      type: 'storage.bucket',
      nativeType: 'AWS::S3::Bucket',
      name: 'acme-logs-archive',
      environment: 'prod',
      tags: { env: 'prod' },
      attributes: { encrypted: false, public: false },
      relationships: [],
    },
  ];
}

/** Writes resources as one sync: a scope per cloud, account and type, as the scanner groups them. */
export function syncInto(store: Store, resources: readonly Resource[]): void {
  const scopes = new Map<string, { scope: StoreScope; resources: Resource[] }>();
  for (const r of resources) {
    const key = `${r.cloud}|${r.account}|${r.type}`;
    const group = scopes.get(key) ?? {
      scope: { cloud: r.cloud, account: r.account, region: 'global', service: r.type },
      resources: [],
    };
    group.resources.push(r);
    scopes.set(key, group);
  }
  const syncId = store.beginSync();
  for (const { scope, resources: list } of scopes.values()) store.replaceScope(scope, list, syncId);
  store.finishSync(syncId, { apiCalls: 0 });
}
