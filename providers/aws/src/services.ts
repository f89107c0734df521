import type { ServiceSpec } from '@escher/provider-api';
import type { Discoverer } from './core/discoverer.ts';
import {
  discoverAddresses,
  discoverInstances,
  discoverSecurityGroups,
  discoverSnapshots,
  discoverSubnets,
  discoverVolumes,
  discoverVpcs,
} from './ec2/discover.ts';
import { discoverClusters } from './eks/discover.ts';
import { discoverLoadBalancers } from './elbv2/discover.ts';
import { discoverUsers, discoverRoles } from './iam/discover.ts';
import { discoverKeys } from './kms/discover.ts';
import { discoverFunctions } from './lambda/discover.ts';
import { discoverDbInstances } from './rds/discover.ts';
import { discoverBuckets } from './s3/discover.ts';

/** A discovery unit and how to discover it. */
export interface AwsService extends ServiceSpec {
  discover: Discoverer;
}

/**
 * The AWS discovery units, one per listing. EC2 is split by resource kind so the scanner can run
 * its listings side by side (they share EC2's per-region rate limit, which the calls report as
 * service `ec2`); S3 and IAM are global and discovered once per account.
 */
export const AWS_SERVICES: readonly AwsService[] = [
  { id: 'ec2.instances', types: ['compute.instance'], global: false, discover: discoverInstances },
  { id: 'ec2.volumes', types: ['compute.volume'], global: false, discover: discoverVolumes },
  { id: 'ec2.snapshots', types: ['compute.snapshot'], global: false, discover: discoverSnapshots },
  { id: 'ec2.security-groups', types: ['network.firewall'], global: false, discover: discoverSecurityGroups },
  { id: 'ec2.addresses', types: ['network.ip'], global: false, discover: discoverAddresses },
  { id: 'ec2.vpcs', types: ['network.vpc'], global: false, discover: discoverVpcs },
  { id: 'ec2.subnets', types: ['network.subnet'], global: false, discover: discoverSubnets },
  { id: 'elbv2', types: ['network.loadbalancer'], global: false, discover: discoverLoadBalancers },
  { id: 'rds', types: ['database.instance'], global: false, discover: discoverDbInstances },
  { id: 'lambda', types: ['serverless.function'], global: false, discover: discoverFunctions },
  { id: 'eks', types: ['container.cluster'], global: false, discover: discoverClusters },
  { id: 'kms', types: ['security.key'], global: false, discover: discoverKeys },
  { id: 's3', types: ['storage.bucket'], global: true, discover: discoverBuckets },
  { id: 'iam.users', types: ['iam.user'], global: true, paced: true, discover: discoverUsers },
  { id: 'iam.roles', types: ['iam.role'], global: true, paced: true, discover: discoverRoles },
];

/** What the AWS provider can do (static, for the provider registry). */
export const AWS_CAPABILITIES = [
  'discover',
  'metrics.cpu',
  'credentials.profile',
  'credentials.sso',
  'credentials.assume-role',
  'credentials.env',
  'credentials.keys',
  'accounts.multi-role',
  ...AWS_SERVICES.flatMap((s) => s.types.map((t) => `discover:${t}`)),
] as const;
