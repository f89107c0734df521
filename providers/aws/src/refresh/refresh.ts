import type { Resource, ResourceType } from '@escher/protocol';
import type { AwsContext } from '../core/context.ts';
import {
  refreshAddress,
  refreshInstance,
  refreshSecurityGroup,
  refreshSnapshot,
  refreshSubnet,
  refreshVolume,
  refreshVpc,
} from './refresh-ec2.ts';
import { refreshBucket, refreshRole, refreshUser } from './refresh-global.ts';
import {
  refreshCluster,
  refreshDbInstance,
  refreshFunction,
  refreshKey,
  refreshLoadBalancer,
} from './refresh-services.ts';

/** Re-reads one resource in the context of its account and region. */
export type Refresher = (ctx: AwsContext, target: Resource) => Promise<Resource | undefined>;

/** How each type is re-read: a route table, one entry per SPEC section 3 type AWS has. */
export const REFRESHERS: Readonly<Record<ResourceType, Refresher>> = {
  'compute.instance': refreshInstance,
  'compute.volume': refreshVolume,
  'compute.snapshot': refreshSnapshot,
  'storage.bucket': refreshBucket,
  'database.instance': refreshDbInstance,
  'serverless.function': refreshFunction,
  'container.cluster': refreshCluster,
  'network.vpc': refreshVpc,
  'network.subnet': refreshSubnet,
  'network.firewall': refreshSecurityGroup,
  'network.loadbalancer': refreshLoadBalancer,
  'network.ip': refreshAddress,
  'iam.user': refreshUser,
  'iam.role': refreshRole,
  'security.key': refreshKey,
};
