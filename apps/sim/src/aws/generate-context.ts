import type { Rng } from '../core/rng.ts';
import type { ManifestBuilder } from '../estate/manifest-builder.ts';
import type { AwsAccountState } from './estate.ts';

/** How many of each AWS resource kind to generate in one scope. */
export interface AwsBudget {
  instances: number;
  volumes: number;
  snapshots: number;
  vpcs: number;
  subnets: number;
  securityGroups: number;
  addresses: number;
  loadBalancers: number;
  dbInstances: number;
  functions: number;
  clusters: number;
  keys: number;
  /** Global (per account) kinds: */
  buckets: number;
  users: number;
  roles: number;
}

/** Relative weight of each kind in an AWS estate. */
export const AWS_WEIGHTS: Readonly<AwsBudget> = {
  instances: 18,
  volumes: 20,
  snapshots: 12,
  vpcs: 2,
  subnets: 8,
  securityGroups: 10,
  addresses: 3,
  loadBalancers: 3,
  dbInstances: 4,
  functions: 8,
  clusters: 1,
  keys: 2,
  buckets: 5,
  users: 2,
  roles: 4,
};

export const GLOBAL_KINDS = ['buckets', 'users', 'roles'] as const;

/** What every AWS sub-generator receives for one scope. */
export interface AwsGenContext {
  rng: Rng;
  epoch: number;
  manifest: ManifestBuilder;
  account: AwsAccountState;
  /** The region being generated (for global kinds: the account's home region). */
  region: string;
  /** All regions this account uses (S3 buckets spread over them). */
  regions: readonly string[];
}
