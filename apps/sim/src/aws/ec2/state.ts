import { Rng } from '../../core/rng.ts';
import type { Transitional } from '../../core/transition.ts';
import type { CpuProfile } from '../../estate/metrics.ts';

/**
 * EC2 state of one account and region: every record in a Map keyed by its EC2 id, so handlers look
 * things up in O(1). Times are epoch milliseconds; tags are plain `{ key: value }` records in the
 * order they were set (EC2 returns them in that order).
 */
export interface Ec2State {
  instances: Map<string, Ec2Instance>;
  volumes: Map<string, Ec2Volume>;
  snapshots: Map<string, Ec2Snapshot>;
  securityGroups: Map<string, Ec2SecurityGroup>;
  /** Elastic IPs by allocation id. */
  addresses: Map<string, Ec2Address>;
  vpcs: Map<string, Ec2Vpc>;
  subnets: Map<string, Ec2Subnet>;
  /** Ids for resources created at run time (RunInstances, CreateSnapshot, …). */
  rng: Rng;
}

export type Tags = Record<string, string>;

export type InstanceStateName =
  'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

/** EC2's numeric state codes (the low byte of `instanceState.code`). */
export const INSTANCE_STATE_CODES: Readonly<Record<InstanceStateName, number>> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface BlockDevice {
  deviceName: string;
  volumeId: string;
  attachTime: number;
  deleteOnTermination: boolean;
}

export interface Ec2Instance extends Transitional<InstanceStateName> {
  id: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  architecture: 'x86_64' | 'arm64';
  platform?: 'windows' | undefined;
  launchTime: number;
  az: string;
  vpcId: string;
  subnetId: string;
  privateIp: string;
  /** The public IPv4 address: auto-assigned (lost on stop) or the associated Elastic IP's. */
  publicIp?: string | undefined;
  /** Whether the primary interface gets a public IP whenever the instance starts. */
  autoPublicIp: boolean;
  /** The associated Elastic IP's allocation id, if any. */
  eipAllocationId?: string | undefined;
  eniId: string;
  macAddress: string;
  securityGroupIds: string[];
  blockDevices: BlockDevice[];
  rootDeviceName: string;
  keyName?: string | undefined;
  iamInstanceProfile?: { arn: string; id: string } | undefined;
  monitoring: 'disabled' | 'enabled';
  amiLaunchIndex: number;
  /** `reason` (stateTransitionReason): why it last stopped. */
  transitionReason: string;
  stateReason?: { code: string; message: string } | undefined;
  tags: Tags;
  cpu: CpuProfile;
  /** When a terminated instance disappears from DescribeInstances (real EC2 keeps it about an hour). */
  goneAt?: number | undefined;
}

export type VolumeType = 'gp3' | 'gp2' | 'io1' | 'io2' | 'st1' | 'sc1' | 'standard';

export interface Ec2Volume {
  id: string;
  size: number;
  volumeType: VolumeType;
  iops?: number | undefined;
  throughput?: number | undefined;
  az: string;
  createTime: number;
  encrypted: boolean;
  kmsKeyId?: string | undefined;
  snapshotId: string;
  state: 'creating' | 'available' | 'in-use' | 'deleting' | 'deleted' | 'error';
  attachment?:
    { instanceId: string; device: string; attachTime: number; deleteOnTermination: boolean } | undefined;
  tags: Tags;
}

export type SnapshotStateName = 'pending' | 'completed' | 'error';

export interface Ec2Snapshot extends Transitional<SnapshotStateName> {
  id: string;
  volumeId: string;
  volumeSize: number;
  startTime: number;
  description: string;
  encrypted: boolean;
  kmsKeyId?: string | undefined;
  ownerId: string;
  /** `createVolumePermission` group `all`: anyone can restore it. */
  public: boolean;
  /** Account ids it is shared with (`createVolumePermission` userId). */
  sharedWith: string[];
  tags: Tags;
}

export interface IpRange {
  cidr: string;
  description?: string | undefined;
}

export interface GroupPair {
  groupId: string;
  userId: string;
  description?: string | undefined;
}

/** One `IpPermission`: a protocol and port range with its sources. */
export interface Permission {
  /** `tcp` | `udp` | `icmp` | `-1` (all). */
  protocol: string;
  fromPort?: number | undefined;
  toPort?: number | undefined;
  ipv4: IpRange[];
  ipv6: IpRange[];
  groups: GroupPair[];
  prefixLists: { prefixListId: string; description?: string | undefined }[];
}

export interface Ec2SecurityGroup {
  id: string;
  name: string;
  description: string;
  vpcId: string;
  ownerId: string;
  ingress: Permission[];
  egress: Permission[];
  tags: Tags;
}

export interface Ec2Address {
  allocationId: string;
  publicIp: string;
  associationId?: string | undefined;
  instanceId?: string | undefined;
  networkInterfaceId?: string | undefined;
  networkInterfaceOwnerId?: string | undefined;
  privateIp?: string | undefined;
  networkBorderGroup: string;
  tags: Tags;
}

export interface Ec2Vpc {
  id: string;
  cidr: string;
  cidrAssociationId: string;
  isDefault: boolean;
  dhcpOptionsId: string;
  ownerId: string;
  tags: Tags;
}

export interface Ec2Subnet {
  id: string;
  vpcId: string;
  cidr: string;
  az: string;
  azId: string;
  availableIps: number;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
  ownerId: string;
  tags: Tags;
  /** Next host offset for RunInstances' private addresses. */
  nextHost: number;
}

export function emptyEc2State(rng: Rng = new Rng('ec2-runtime')): Ec2State {
  return {
    instances: new Map(),
    volumes: new Map(),
    snapshots: new Map(),
    securityGroups: new Map(),
    addresses: new Map(),
    vpcs: new Map(),
    subnets: new Map(),
    rng,
  };
}

/**
 * Sets a tag without letting a key such as `__proto__` reach the prototype: user input goes
 * straight into these records.
 */
export function setTag(tags: Tags, key: string, value: string): void {
  Object.defineProperty(tags, key, { value, enumerable: true, writable: true, configurable: true });
}
