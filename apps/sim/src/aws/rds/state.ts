import type { Transitional } from '../../core/transition.ts';
import type { CpuProfile } from '../../estate/metrics.ts';
import type { TagMap } from '../tagging/tags.ts';

export type DbStatus =
  'available' | 'stopped' | 'stopping' | 'starting' | 'rebooting' | 'modifying' | 'backing-up';

export interface DbSubnetGroup {
  name: string;
  vpcId: string;
  subnets: { id: string; az: string }[];
}

export interface DbInstance extends Transitional<DbStatus> {
  id: string;
  arn: string;
  resourceId: string;
  engine: string;
  engineVersion: string;
  instanceClass: string;
  allocatedStorage: number;
  storageType: string;
  iops?: number | undefined;
  publiclyAccessible: boolean;
  storageEncrypted: boolean;
  /** The alias of the KMS key when encrypted (`alias/aws/rds` or a customer key's alias). */
  kmsAlias?: string | undefined;
  backupRetentionPeriod: number;
  multiAz: boolean;
  az: string;
  subnetGroup?: DbSubnetGroup | undefined;
  securityGroupIds: string[];
  endpointAddress: string;
  port: number;
  masterUsername: string;
  dbName?: string | undefined;
  clusterId?: string | undefined;
  licenseModel: string;
  deletionProtection: boolean;
  createdAt: number;
  tags: TagMap;
  /** CPU utilisation profile: CloudWatch's CPUUtilization for this instance. */
  cpuProfile: CpuProfile;
  /** Modifications waiting for the maintenance window, or applied when `modifying` ends. */
  pendingClass?: string | undefined;
  /** True when `pendingClass` is applied as soon as `modifying` ends (ApplyImmediately). */
  pendingApply?: boolean | undefined;
}

export interface DbSnapshot extends Transitional<'creating' | 'available'> {
  id: string;
  arn: string;
  instanceId: string;
  createdAt: number;
  engine: string;
  engineVersion: string;
  allocatedStorage: number;
  port: number;
  az: string;
  vpcId?: string | undefined;
  instanceCreatedAt: number;
  masterUsername: string;
  licenseModel: string;
  storageType: string;
  encrypted: boolean;
  kmsAlias?: string | undefined;
  resourceId: string;
  tags: TagMap;
}

/** RDS state of one account and region. */
export interface RdsState {
  instances: DbInstance[];
  byId: Map<string, DbInstance>;
  snapshots: DbSnapshot[];
  snapshotsById: Map<string, DbSnapshot>;
}

export function emptyRdsState(): RdsState {
  return { instances: [], byId: new Map(), snapshots: [], snapshotsById: new Map() };
}
