import { readFileSync } from 'node:fs';
import type { Address, Instance, SecurityGroup, Snapshot, Subnet, Volume, Vpc } from '@aws-sdk/client-ec2';
import type { Cluster } from '@aws-sdk/client-eks';
import type { LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AccessKeyMetadata, MFADevice, Role, User } from '@aws-sdk/client-iam';
import type { AliasListEntry, KeyListEntry, KeyMetadata, Tag as KmsTag } from '@aws-sdk/client-kms';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { DBInstance } from '@aws-sdk/client-rds';

/** One region's records, as the SDK returned them from the simulator. */
export interface RegionRecords {
  instances: Instance[];
  volumes: Volume[];
  snapshots: Snapshot[];
  securityGroups: SecurityGroup[];
  addresses: Address[];
  vpcs: Vpc[];
  subnets: Subnet[];
  loadBalancers: LoadBalancer[];
  dbInstances: DBInstance[];
  functions: { config: FunctionConfiguration; tags: Record<string, string> }[];
  clusters: Cluster[];
  aliases: AliasListEntry[];
  keys: { entry: KeyListEntry; metadata: KeyMetadata; rotation?: boolean; tags: KmsTag[] }[];
}

/** `fixtures/sim-records.json`: real simulator responses for one account, and its manifest's findings. */
export interface SimRecords {
  account: string;
  epoch: string;
  'us-east-1': RegionRecords;
  'eu-west-1': RegionRecords;
  users: { user: User; accessKeys: AccessKeyMetadata[]; mfaDevices: MFADevice[] }[];
  roles: Role[];
  misconfigurations: Record<string, string[]>;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Loads the fixture with ISO timestamps turned back into the Dates the SDK returns. */
export function loadSimRecords(): SimRecords {
  const text = readFileSync(new URL('../fixtures/sim-records.json', import.meta.url), 'utf8');
  return JSON.parse(text, (key, value: unknown) =>
    key !== 'epoch' && typeof value === 'string' && ISO.test(value) ? new Date(value) : value,
  ) as SimRecords;
}
