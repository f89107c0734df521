import type { PendingTransition } from '../../core/transition.ts';
import type { CpuProfile } from '../../estate/metrics.ts';
import type { ScopedStore } from '../store.ts';

/** Compute Engine instance statuses, plus DELETED: a deleting instance is removed when it gets there. */
export type InstanceStatus =
  'PROVISIONING' | 'STAGING' | 'RUNNING' | 'STOPPING' | 'SUSPENDED' | 'TERMINATED' | 'DELETED';

export interface GceNic {
  /** Network name (global). */
  network: string;
  /** Subnetwork name in the instance's region. */
  subnet: string;
  networkIP: string;
  /** External IPv4, when the interface has an access config. */
  natIP?: string | undefined;
  /** Name of the reserved address the natIP comes from (static), else ephemeral. */
  address?: string | undefined;
}

export interface GceAttachedDisk {
  name: string;
  boot: boolean;
  autoDelete: boolean;
  sizeGb: number;
}

export interface GceInstance {
  project: string;
  scope: string;
  name: string;
  id: string;
  createdMs: number;
  state: InstanceStatus;
  pending?: PendingTransition<InstanceStatus> | undefined;
  machineType: string;
  description: string;
  labels: Record<string, string>;
  networkTags: string[];
  nics: GceNic[];
  disks: GceAttachedDisk[];
  serviceAccount?: string | undefined;
  image: { project: string; image: string; cpuPlatform: string };
  lastStartMs: number;
  lastStopMs?: number | undefined;
  cpu: CpuProfile;
  deletionProtection: boolean;
}

export interface GceDisk {
  project: string;
  scope: string;
  name: string;
  id: string;
  createdMs: number;
  sizeGb: number;
  type: 'pd-balanced' | 'pd-standard' | 'pd-ssd' | 'hyperdisk-balanced';
  /** Instance names (same zone) using the disk. */
  users: string[];
  sourceImage?: { project: string; image: string } | undefined;
  /** Full KMS crypto key name when customer-managed (CMEK), else Google-managed. */
  kmsKeyName?: string | undefined;
  labels: Record<string, string>;
  lastAttachMs?: number | undefined;
}

export interface GceSnapshot {
  project: string;
  scope: 'global';
  name: string;
  id: string;
  createdMs: number;
  sourceDisk: { zone: string; name: string; id: string };
  diskSizeGb: number;
  storageBytes: number;
  storageLocation: string;
  labels: Record<string, string>;
  /** Members granted on the snapshot's IAM policy (allAuthenticatedUsers when shared publicly). */
  iamMembers: string[];
  /** The whole IAM policy once `setIamPolicy` has replaced it (else rendered from `iamMembers`). */
  iamBindings?: { role: string; members: string[] }[] | undefined;
  /** Policy version counter behind the IAM etag. */
  iamVersion?: number | undefined;
  autoCreated: boolean;
  /** Simulated time a snapshot created at run time becomes READY (CREATING until then). */
  readyMs?: number | undefined;
}

export interface GceAddress {
  project: string;
  /** A region, or `global` for global addresses. */
  scope: string;
  name: string;
  id: string;
  createdMs: number;
  address: string;
  /** Relative links of users (`projects/p/zones/z/instances/n`). */
  users: string[];
  labels: Record<string, string>;
  networkTier: 'PREMIUM' | 'STANDARD';
}

export interface GceForwardingRule {
  project: string;
  scope: string;
  name: string;
  id: string;
  createdMs: number;
  ipAddress: string;
  ipProtocol: 'TCP' | 'UDP';
  portRange: string;
  scheme: 'EXTERNAL' | 'EXTERNAL_MANAGED' | 'INTERNAL';
  /** Relative link of the target (target pool, proxy) or backend service. */
  target?: string | undefined;
  backendService?: string | undefined;
  network?: string | undefined;
  subnet?: string | undefined;
  labels: Record<string, string>;
}

export interface GceFirewallRule {
  IPProtocol: string;
  ports?: string[] | undefined;
}

export interface GceFirewall {
  project: string;
  scope: 'global';
  name: string;
  id: string;
  createdMs: number;
  network: string;
  description: string;
  direction: 'INGRESS' | 'EGRESS';
  priority: number;
  sourceRanges?: string[] | undefined;
  destinationRanges?: string[] | undefined;
  targetTags?: string[] | undefined;
  allowed?: GceFirewallRule[] | undefined;
  denied?: GceFirewallRule[] | undefined;
  disabled: boolean;
  logConfig: boolean;
}

export interface GceNetwork {
  project: string;
  scope: 'global';
  name: string;
  id: string;
  createdMs: number;
  autoCreateSubnetworks: boolean;
  routingMode: 'REGIONAL' | 'GLOBAL';
  mtu: number;
  description: string;
}

export interface GceSubnetwork {
  project: string;
  scope: string;
  name: string;
  id: string;
  createdMs: number;
  network: string;
  ipCidrRange: string;
  gatewayAddress: string;
  privateIpGoogleAccess: boolean;
  purpose: 'PRIVATE';
  /** Next host to hand out in this subnet. */
  nextHost: number;
}

/** A Compute Engine Operation: zonal, regional or global. */
export interface GceOperation {
  project: string;
  /** `zones/z`, `regions/r` or `global`. */
  scope: string;
  name: string;
  id: string;
  operationType: string;
  /** Relative link of the target (`projects/p/zones/z/instances/n`). */
  targetLink: string;
  targetId: string;
  insertMs: number;
  doneAtMs: number;
}

export interface ComputeState {
  instances: ScopedStore<GceInstance>;
  disks: ScopedStore<GceDisk>;
  snapshots: ScopedStore<GceSnapshot>;
  addresses: ScopedStore<GceAddress>;
  forwardingRules: ScopedStore<GceForwardingRule>;
  firewalls: ScopedStore<GceFirewall>;
  networks: ScopedStore<GceNetwork>;
  subnetworks: ScopedStore<GceSubnetwork>;
  /** Operations by project, then name. */
  operations: Map<string, GceOperation>;
  /** Counter for operation names and ids created at run time. */
  operationSeq: number;
}
